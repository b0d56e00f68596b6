/**
 * "Save as new fixture": writes the payload editor's JSON into the email's data/ folder. An
 * existing file is never replaced unless the request says the user confirmed it.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DATA_DIR, type Email } from '../project/index.js';

export type SaveOutcome =
  | { status: 201 | 200; file: string; name: string }
  | { status: 400; error: string }
  | { status: 409; error: string; exists: true };

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/**
 * The file text: the payload as typed (number literals keep their Java type), with velvet's
 * `$velvet` block first so the format is plain and the variant's contact values stay.
 */
export function fixtureText(payload: string, meta: { description: string; contact: Record<string, string> }): string {
  const body = payload.trim();
  const velvet = JSON.stringify({ format: 'plain', description: meta.description, ...(Object.keys(meta.contact).length ? { contact: meta.contact } : {}) });
  const inner = body.slice(1, -1).trim();
  return `{\n  "$velvet": ${velvet}${inner ? `,\n  ${inner}` : ''}\n}\n`;
}

export async function saveFixture(
  email: Email,
  request: { name: unknown; payload: unknown; overwrite?: unknown },
  contact: Record<string, string>,
): Promise<SaveOutcome> {
  const name = typeof request.name === 'string' ? request.name.trim().replace(/\.json$/i, '') : '';
  if (!NAME.test(name) || name.includes('..')) {
    return { status: 400, error: 'a fixture name is letters, digits, ".", "_" and "-" (no folders)' };
  }
  if (typeof request.payload !== 'string') return { status: 400, error: 'payload must be JSON text' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(request.payload);
  } catch (err) {
    return { status: 400, error: `the payload is not valid JSON: ${(err as Error).message}` };
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return { status: 400, error: 'the payload must be a JSON object' };
  if ('$velvet' in parsed) return { status: 400, error: 'the payload must not hold a $velvet key' };
  const text = fixtureText(request.payload, { description: `Saved from the preview`, contact });
  JSON.parse(text); // the splice above must give valid JSON
  const dir = join(email.dir, DATA_DIR);
  const file = join(dir, `${name}.json`);
  await mkdir(dir, { recursive: true });
  const overwrite = request.overwrite === true;
  try {
    // `wx` fails when the file exists: no check-then-write race
    await writeFile(file, text, { encoding: 'utf8', flag: overwrite ? 'w' : 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
      return { status: 409, exists: true, error: `${DATA_DIR}/${name}.json already exists in ${email.name}` };
    }
    throw err;
  }
  return { status: overwrite ? 200 : 201, file: `${DATA_DIR}/${name}.json`, name };
}
