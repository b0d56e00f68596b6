/** Reading the files and stdin a command is given; anything unreadable is a DataError (exit 2). */
import { readFileSync, statSync } from 'node:fs';
import type { CliIO } from './command.js';
import { DataError } from '../errors.js';
import { decodeText } from '../fixtures/text.js';

/**
 * CliIO may carry a stdin reader (tests pass one); without it, process.stdin is read.
 * The field is optional so every existing io keeps working.
 */
export type CliIOWithStdin = CliIO;

/** UTF-8 text of `file`; `shown` is the name used in the error. Binary data is "not a text file". */
export function readText(file: string, shown = file): string {
  let bytes: Buffer;
  try {
    if (statSync(file).isDirectory()) throw new Error('it is a folder, not a file');
    bytes = readFileSync(file);
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message;
    throw new DataError(`cannot read: ${why}`, { file: shown }, { cause: e });
  }
  return decodeText(bytes, shown);
}

/** All of stdin as UTF-8 text; binary data is "not a text file". */
export async function readStdin(io: CliIOWithStdin): Promise<string> {
  if (io.stdin) return decodeText(Buffer.from(await io.stdin(), 'utf8'), '<stdin>');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return decodeText(Buffer.concat(chunks), '<stdin>');
}
