/**
 * "Save as new fixture": writes the payload editor's JSON into the email's data/ folder. An
 * existing file is never replaced unless the request says the user confirmed it, and nothing is
 * ever written through a symlink: the data folder must really be inside the project folder, and
 * a fixture file that is a symlink is refused.
 */
import { constants } from 'node:fs';
import { lstat, mkdir, open, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { DATA_DIR, type Email } from '../project/index.js';
import { isInside } from './security.js';

export type SaveOutcome =
  | { status: 201 | 200; file: string; name: string }
  | { status: 400; error: string }
  | { status: 403; error: string }
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

/** Opens with O_NOFOLLOW where the platform has it (everywhere but Windows). */
const NOFOLLOW = constants.O_NOFOLLOW ?? 0;

function code(err: unknown): string | undefined {
  return (err as NodeJS.ErrnoException).code;
}

export async function saveFixture(
  email: Email,
  request: { name: unknown; payload: unknown; overwrite?: unknown },
  contact: Record<string, string>,
  projectRoot: string,
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

  const outside = { status: 403, error: `${email.name}/${DATA_DIR} leads outside the project folder (a symlink): not saved` } as const;
  const root = await realpath(projectRoot);
  // the email folder first, so not even an empty data/ is created outside the project
  if (!isInside(root, await realpath(email.dir))) return outside;
  const dir = join(email.dir, DATA_DIR);
  try {
    await mkdir(dir);
  } catch (err) {
    if (code(err) !== 'EEXIST') throw err;
  }
  let realDir: string;
  try {
    realDir = await realpath(dir);
  } catch {
    return outside; // a dangling symlink
  }
  if (!isInside(root, realDir)) return outside;

  const file = join(realDir, `${name}.json`);
  const overwrite = request.overwrite === true;
  const exists = { status: 409, exists: true, error: `${DATA_DIR}/${name}.json already exists in ${email.name}` } as const;
  const symlink = { status: 403, error: `${DATA_DIR}/${name}.json in ${email.name} is a symlink: not saved` } as const;
  try {
    if ((await lstat(file)).isSymbolicLink()) return symlink;
    if (!overwrite) return exists;
  } catch (err) {
    if (code(err) !== 'ENOENT') throw err;
  }
  // O_EXCL (no check-then-write race) and O_NOFOLLOW: a symlink put there meanwhile fails too
  const flags = constants.O_WRONLY | constants.O_CREAT | NOFOLLOW | (overwrite ? constants.O_TRUNC : constants.O_EXCL);
  let handle;
  try {
    handle = await open(file, flags, 0o644);
  } catch (err) {
    if (code(err) === 'EEXIST') return exists;
    if (code(err) === 'ELOOP') return symlink;
    throw err;
  }
  try {
    await handle.writeFile(text, 'utf8');
  } finally {
    await handle.close();
  }
  return { status: overwrite ? 200 : 201, file: `${DATA_DIR}/${name}.json`, name };
}
