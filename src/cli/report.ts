/**
 * Terminal output shared by `render` and `build`: errors as `file:line:column message` plus the
 * code frame, exit codes, colour only when `io.color` is true, and a progress line.
 */
import { isAbsolute, relative, sep } from 'node:path';
import type { CliIO } from './command.js';
import { ConfigError, DataError, ParseError, RenderError, UsageError, VelvetError } from '../errors.js';

/** Exit codes of the rendering commands (documented in docs/cli.md). */
export const EXIT = Object.freeze({ ok: 0, template: 1, usage: 2 });

/** 1 for template failures (parse, render, limits) and anything unexpected; 2 for usage, data and config. */
export function exitCodeFor(err: unknown): 1 | 2 {
  if (err instanceof ParseError || err instanceof RenderError) return 1;
  return err instanceof UsageError || err instanceof DataError || err instanceof ConfigError ? 2 : 1;
}

/** A path as the user would type it: relative to `cwd` when inside it. */
export function displayPath(cwd: string, file: string): string {
  if (!isAbsolute(file)) return file;
  const rel = relative(cwd, file);
  if (rel === '' ) return '.';
  return rel.startsWith('..') || isAbsolute(rel) ? file : rel.split(sep).join('/');
}

/** `file:line:column message` (or `file: message`, or `message`), with a JSON pointer when known. */
export function errorLine(err: unknown, cwd: string): string {
  if (!(err instanceof VelvetError)) return err instanceof Error ? err.message : String(err);
  const ptr = err instanceof DataError && err.pointer ? ` (at ${err.pointer})` : '';
  const file = err.file === undefined ? undefined : displayPath(cwd, err.file);
  if (err.line === undefined) return `${file ? `${file}: ` : ''}${err.reason}${ptr}`;
  return `${file ?? '<template>'}:${err.line}:${err.column ?? 1} ${err.reason}${ptr}`;
}

export interface Paint {
  red(t: string): string;
  yellow(t: string): string;
  bold(t: string): string;
  dim(t: string): string;
}

/** ANSI styles, or the identity when colour is off (NO_COLOR, not a terminal). */
export function paint(io: Pick<CliIO, 'color'>): Paint {
  const wrap = (open: number, close: number) => (t: string) => (io.color ? `\x1b[${open}m${t}\x1b[${close}m` : t);
  return { red: wrap(31, 39), yellow: wrap(33, 39), bold: wrap(1, 22), dim: wrap(2, 22) };
}

/**
 * `text` with terminal control characters shown as their Unicode pictures (ESC as ␛), one for
 * one so a caret under a code frame stays aligned: a file's content never drives the terminal.
 */
export function visible(text: string): string {
  return text.replace(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/g, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x20 ? String.fromCharCode(0x2400 + code) : code === 0x7f ? '\u2421' : '\ufffd';
  });
}

/**
 * The full error report for stderr: `file:line:column message` (the location first, so editors
 * and terminals can jump to it), then the code frame. Errors without a file get the command name.
 */
export function errorReport(err: unknown, io: Pick<CliIO, 'color' | 'cwd'>, command: string): string {
  const p = paint(io);
  const line = visible(errorLine(err, io.cwd));
  const located = err instanceof VelvetError && err.file !== undefined;
  const frame = err instanceof VelvetError && err.frame ? `\n${p.dim(visible(err.frame))}` : '';
  return `${located ? p.red(line) : `velvet ${command}: ${p.red(line)}`}${frame}\n`;
}

/** Prints the error and returns its exit code. */
export function fail(io: CliIO, command: string, err: unknown): 1 | 2 {
  io.stderr(errorReport(err, io, command));
  return exitCodeFor(err);
}

export interface Progress {
  /** Report `done` of `total`. */
  tick(done: number, total: number): void;
  done(): void;
}

/**
 * Progress on stderr for long runs. On a terminal one line is rewritten in place (at most every
 * 100 ms); otherwise a line is printed at each tenth of the work, so logs stay short.
 */
export function progress(io: CliIO, label: string, interactive = io.interactive ?? io.color, now: () => number = Date.now): Progress {
  let last = -Infinity;
  let lastStep = -1;
  let shown = false;
  return {
    tick(done, total) {
      const text = `${label} ${done}/${total} (${Math.floor((done / Math.max(total, 1)) * 100)}%)`;
      if (interactive) {
        if (done < total && now() - last < 100) return;
        last = now();
        shown = true;
        io.stderr(`\r\x1b[K${text}`);
      } else {
        const step = Math.floor((done * 10) / Math.max(total, 1));
        if (step === lastStep) return;
        lastStep = step;
        io.stderr(`${text}\n`);
      }
    },
    done() {
      if (interactive && shown) io.stderr('\r\x1b[K');
    },
  };
}
