import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { main } from '../../src/cli/main.js';
import type { CliIOWithStdin } from '../../src/cli/input.js';

export const ROOT = resolve(import.meta.dirname, '../..');
export const SAMPLES = join(ROOT, 'samples');

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd?: string;
  color?: boolean;
  stdin?: string;
  env?: Record<string, string | undefined>;
}

/** Runs `velvet ARGV` in-process with a capturing io. */
export async function velvet(argv: string[], options: RunOptions = {}): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIOWithStdin = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    cwd: options.cwd ?? ROOT,
    env: options.env ?? {},
    color: options.color ?? false,
    stdin: options.stdin === undefined ? undefined : async () => options.stdin ?? '',
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

/** A temporary folder filled with `files` (path → text). */
export function tempTree(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'velvet-cli-'));
  for (const [path, text] of Object.entries(files)) {
    const abs = join(dir, path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, text);
  }
  return dir;
}
