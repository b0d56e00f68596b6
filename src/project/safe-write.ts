/**
 * Writing new files into a project without ever replacing one or leaving it: every folder on the
 * way is checked (by real path) to stay inside the project, and the file is created with `wx`, so
 * an existing file, or a symlink in its place, is never written through.
 */
import { existsSync, lstatSync, mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { ConfigError } from '../errors.js';

function inside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === '' || (rel !== '..' && !rel.startsWith('..' + sep) && !isAbsolute(rel));
}

/** `file` (absolute) when it and its existing parent folders lie inside `root` by real path. */
export function checkInside(root: string, file: string): string {
  const abs = resolve(file);
  const realRoot = realpathSync(root);
  if (!inside(resolve(root), abs)) throw new ConfigError('refusing to write outside the project', { file: abs });
  // the deepest folder that exists decides where the write really lands
  let dir = dirname(abs);
  while (!existsSync(dir)) dir = dirname(dir);
  if (!inside(realRoot, realpathSync(dir))) {
    throw new ConfigError(`refusing to write through a link that leaves the project (${dir})`, { file: abs });
  }
  return abs;
}

/** True when something (a file, a folder or a link, even a broken one) is at `file`. */
export function taken(file: string): boolean {
  try {
    lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

/**
 * Creates `file` with `content`; false (and nothing written) when something is there already.
 * Missing folders are created.
 */
export function writeNew(root: string, file: string, content: string | Uint8Array): boolean {
  const abs = checkInside(root, file);
  if (taken(abs)) return false;
  makeFolders(dirname(abs));
  checkInside(root, abs);
  try {
    writeFileSync(abs, content, { flag: 'wx' });
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
}

/** mkdir -p, where a file in the way (`data` as a file) is a ConfigError naming it. */
function makeFolders(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EEXIST' && code !== 'ENOTDIR') throw err;
    let blocker = dir;
    while (!existsSync(blocker)) blocker = dirname(blocker);
    throw new ConfigError('is not a folder, so nothing can be written inside it', { file: blocker }, { cause: err });
  }
}

/** Replaces a file that `velvet` itself just read and merged (package.json, .gitignore), in place. */
export function rewrite(root: string, file: string, content: string): void {
  const abs = checkInside(root, file);
  if (lstatSync(abs).isSymbolicLink()) throw new ConfigError('refusing to write through a link', { file: abs });
  writeFileSync(abs, content);
}
