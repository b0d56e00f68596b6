/** Helpers shared by the Yespo commands (doctor, send, event, pull, status, push): errors, exit codes, progress. */
import type { CliIO } from '../cli/command.js';
import { errorLine, visible } from '../cli/report.js';
import { ConfigError, DataError, UsageError, VelvetError } from '../errors.js';
import { YespoClient } from './client.js';
import { YespoApiError } from './errors.js';
import { createRedactor } from './redact.js';
import type { SendFinding } from './safety.js';
import type { SendSettings } from './settings.js';
import type { RecipientStatus } from './status.js';

/** io whose every write is redacted: the key cannot reach the terminal by any path. */
export function redactedIO(io: CliIO, redact: (t: string) => string): CliIO {
  return { ...io, stdout: (t) => io.stdout(redact(t)), stderr: (t) => io.stderr(redact(t)) };
}

/** io redacted for the key in the environment (YESPO_API_KEY): how every Yespo command starts. */
export function keyRedactedIO(io: CliIO): CliIO {
  return redactedIO(io, createRedactor(io.env['YESPO_API_KEY']?.trim()));
}

/** `retries` limits retries of reads (doctor wants a quick diagnosis, not a long wait). */
export function clientFor(settings: SendSettings, io: CliIO, retries?: number): YespoClient {
  return new YespoClient({
    baseUrl: settings.apiUrl,
    apiKey: settings.apiKey,
    timeoutMs: settings.timeoutMs,
    retry: retries === undefined ? undefined : { retries },
    onRetry: ({ attempt, delayMs, reason }) =>
      io.stderr(`retrying in ${(delayMs / 1000).toFixed(1)}s (attempt ${attempt + 1}): ${reason}\n`),
  });
}

/** 2 for usage, data and configuration errors; 1 for everything else (Yespo, network…). */
export function exitCodeFor(err: unknown): 1 | 2 {
  return err instanceof UsageError || err instanceof DataError || err instanceof ConfigError ? 2 : 1;
}

/**
 * The error as one line (`file:line:column message`, the file relative to `cwd` when inside it,
 * as render and lint print it) and its code frame.
 */
export function errorText(err: unknown, cwd?: string): string {
  if (err instanceof YespoApiError) return `Yespo API error: ${err.message}`;
  if (err instanceof VelvetError) {
    const ptr = err instanceof DataError && err.pointer ? ` (at ${err.pointer})` : '';
    const line = cwd === undefined ? err.message + ptr : errorLine(err, cwd);
    return line + (err.frame ? `\n${err.frame}` : '');
  }
  return err instanceof Error ? err.message : String(err);
}

/** Prints the error (redacted by the io) and returns the exit code. */
export function fail(io: CliIO, command: string, err: unknown): 1 | 2 {
  io.stderr(`velvet ${command}: ${visible(errorText(err, io.cwd))}\n`);
  return exitCodeFor(err);
}

/** Parses a non-negative number of seconds into ms. */
export function secondsFlag(name: string, value: string | undefined, fallbackMs: number): number {
  if (value === undefined) return fallbackMs;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new UsageError(`--${name} takes a number of seconds, got '${value}'`);
  return Math.round(n * 1000);
}

export function idFlag(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) <= 0) throw new UsageError(`--${name} takes a positive integer, got '${value}'`);
  return Number(value);
}

export function formatFindings(findings: readonly SendFinding[]): string {
  return findings
    .map((f) => {
      const at = f.line !== undefined ? ` (html ${f.line}:${f.column ?? 1})` : '';
      return `  ${f.severity === 'error' ? 'error' : 'warning'}  ${f.rule}${at}  ${f.message}\n`;
    })
    .join('');
}

/**
 * A progress line on stderr: rewritten in place on a terminal, otherwise printed only when it
 * changes so logs stay short.
 */
export function progressLine(io: CliIO): { update(text: string): void; done(): void } {
  let last = '';
  const tty = io.color;
  return {
    update(text) {
      // The elapsed time alone is not a change worth a new log line.
      const key = text.replace(/\(\d+s\)$/, '');
      if (tty) io.stderr(`\r\x1b[K${text}`);
      else if (key !== last) io.stderr(`${text}\n`);
      last = key;
    },
    done() {
      if (tty && last) io.stderr('\n');
    },
  };
}

export function statusSummary(statuses: readonly RecipientStatus[], elapsedMs: number): string {
  const count = (o: string) => statuses.filter((s) => s.outcome === o).length;
  return `waiting for delivery: ${count('delivered')} delivered, ${count('failed')} failed, ${count('pending')} pending (${Math.round(elapsedMs / 1000)}s)`;
}

/** node:util parseArgs, with its errors turned into usage errors (exit 2) that suggest the nearest flag. */
export { parseFlags } from '../cli/flags.js';
