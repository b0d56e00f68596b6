/**
 * One error hierarchy for velvet. Every error that points into a file carries a 1-based line and
 * column and a code frame; `toPayload()` gives the small serialisable form that the terminal,
 * the preview overlay and lint diagnostics share.
 */
export interface ErrorPayload {
  name: string;
  message: string;
  file?: string | undefined;
  line?: number | undefined;
  column?: number | undefined;
  frame?: string | undefined;
}

export interface ErrorLocation {
  file?: string | undefined;
  line?: number | undefined;
  column?: number | undefined;
  /** The source text the position points into, used to build the code frame. */
  source?: string | undefined;
}

export class VelvetError extends Error {
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly frame: string | undefined;
  /** The message without the location prefix. */
  readonly reason: string;

  constructor(reason: string, loc: ErrorLocation = {}, options?: { cause?: unknown }) {
    super(formatMessage(reason, loc), options);
    this.name = new.target.name;
    this.reason = reason;
    this.file = loc.file;
    this.line = loc.line;
    this.column = loc.column;
    this.frame =
      loc.source !== undefined && loc.line !== undefined
        ? codeFrame(loc.source, loc.line, loc.column ?? 1)
        : undefined;
  }

  toPayload(): ErrorPayload {
    return {
      name: this.name,
      message: this.reason,
      file: this.file,
      line: this.line,
      column: this.column,
      frame: this.frame,
    };
  }
}

/** Template text could not be parsed. */
export class ParseError extends VelvetError {}
/** A template failed while rendering (a method threw, a macro recursed too deep, ...). */
export class RenderError extends VelvetError {}
/** A render limit was hit (iterations, output size, time, depth). */
export class LimitError extends RenderError {
  constructor(
    readonly limit: string,
    reason: string,
    loc: ErrorLocation = {},
  ) {
    super(reason, loc);
  }
}
/** Payload or fixture data is malformed or invalid. */
export class DataError extends VelvetError {
  /** JSON pointer of the offending value, when known. */
  pointer: string | undefined;
}
/** Configuration or email meta file is invalid. */
export class ConfigError extends VelvetError {}
/** Command-line usage error. */
export class UsageError extends VelvetError {}

function formatMessage(reason: string, loc: ErrorLocation): string {
  if (loc.line === undefined) return loc.file ? `${loc.file}: ${reason}` : reason;
  const where = `${loc.file ?? '<template>'}:${loc.line}:${loc.column ?? 1}`;
  return `${where} ${reason}`;
}

/**
 * A code frame: up to two lines of context either side of `line`, a gutter with line numbers,
 * and a caret under `column`. Tabs are kept so the caret lines up with the source.
 */
export function codeFrame(source: string, line: number, column: number, context = 2): string {
  const lines = source.split(/\r\n|\r|\n/);
  const first = Math.max(1, line - context);
  const last = Math.min(lines.length, line + context);
  const width = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const text = lines[n - 1] ?? '';
    const mark = n === line ? '>' : ' ';
    out.push(`${mark} ${String(n).padStart(width)} | ${text}`);
    if (n === line) {
      const pad = text.slice(0, Math.max(0, column - 1)).replace(/[^\t]/g, ' ');
      out.push(`  ${' '.repeat(width)} | ${pad}^`);
    }
  }
  return out.join('\n');
}

/** 1-based line and column of a 0-based offset in `source`. CRLF and lone CR end lines too. */
export function positionAt(source: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, source.length);
  for (let i = 0; i < end; i++) {
    const c = source.charCodeAt(i);
    if (c === 10) {
      line++;
      lineStart = i + 1;
    } else if (c === 13) {
      if (source.charCodeAt(i + 1) === 10) i++;
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}
