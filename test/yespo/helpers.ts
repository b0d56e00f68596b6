import type { CliIO } from '../../src/cli/command.js';
import { main } from '../../src/cli/main.js';

export const KEY = 'sk-live-7Hq2Zx9PtK4mW8vR3nYb';

/** Every form in which the key could leak. */
export const KEY_FORMS = [
  KEY,
  Buffer.from(`velvet:${KEY}`).toString('base64'),
  Buffer.from(`:${KEY}`).toString('base64'),
  Buffer.from(`user:${KEY}`).toString('base64'),
];

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(argv: string[], env: Record<string, string | undefined>, cwd = process.cwd()): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    cwd,
    env,
    color: false,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

export function leaksKey(text: string): boolean {
  return KEY_FORMS.some((f) => text.includes(f));
}
