/**
 * Writing inside the project only. Paths are compared as real paths, a symlink is never written
 * through, and a file is replaced by renaming a finished temporary file over it, so an
 * interrupted write never leaves half a template behind.
 */
import { existsSync, lstatSync, mkdirSync, readFileSync, realpathSync, renameSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { UsageError } from '../errors.js';

function inside(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && !/^[A-Za-z]:/.test(rel));
}

/** Creates the missing folders of `dir` one by one, each checked to stay inside `root`. */
function ensureDir(root: string, dir: string): void {
  const realRoot = realpathSync(root);
  const rel = relative(root, dir);
  if (!inside(root, dir)) throw new UsageError(`${dir} is outside the project ${root}`);
  let at = root;
  for (const part of rel.split(sep).filter(Boolean)) {
    at = join(at, part);
    if (!existsSync(at)) mkdirSync(at);
    if (!inside(realRoot, realpathSync(at))) throw new UsageError(`${at} leads outside the project (a symlink); nothing was written`);
  }
}

/** Writes `text` to `file` (absolute, inside `root`). */
export function writeInside(root: string, file: string, text: string): void {
  const abs = resolve(file);
  ensureDir(root, dirname(abs));
  if (existsSync(abs) && lstatSync(abs).isSymbolicLink()) {
    throw new UsageError(`${abs} is a symlink; velvet does not write through it`);
  }
  // a fresh random name created exclusively: a file or symlink planted at the temporary name
  // (a cloned repository can hold one) is never written through
  const tmp = `${abs}.velvet-tmp-${randomBytes(8).toString('hex')}`;
  writeFileSync(tmp, text, { flag: 'wx' });
  renameSync(tmp, abs);
}

/** The text of `file` (real path inside `root`), or undefined when it does not exist. */
export function readInside(root: string, file: string): string | undefined {
  if (!existsSync(file)) return undefined;
  if (!inside(realpathSync(root), realpathSync(file))) {
    throw new UsageError(`${file} leads outside the project (a symlink); velvet does not read it`);
  }
  return readFileSync(file, 'utf8');
}
