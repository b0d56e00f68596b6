/**
 * File operations for folders velvet writes into: real paths for every containment check, and
 * writes, folder creation and deletions that never pass through a symlink (lstat on every path
 * component, O_NOFOLLOW on the file itself), so a link planted in an output folder cannot send a
 * write or a delete anywhere else.
 */
import { closeSync, constants, lstatSync, mkdirSync, openSync, writeSync, type Stats } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { UsageError } from '../errors.js';
import { isInside } from '../project/paths.js';

export { isInside, realPathOf } from '../project/paths.js';

/** O_NOFOLLOW where the platform has it (everywhere but Windows). */
const NOFOLLOW = constants.O_NOFOLLOW ?? 0;

function lstatOrUndefined(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

/** A folder that refuses to be left through a symlink; `shown` names it in messages. */
export class NoFollowDir {
  constructor(
    readonly root: string,
    readonly shown: string,
  ) {}

  /** `shown/rel` for messages. */
  display(rel: string): string {
    return `${this.shown.replace(/\/+$/, '')}/${rel}`;
  }

  /** The absolute path of `rel` (with `/` separators), which must stay inside the root. */
  pathOf(rel: string): string {
    const abs = resolve(this.root, rel);
    if (!isInside(this.root, abs) || abs === this.root) throw new UsageError(`refusing to write outside ${this.shown}: ${rel}`);
    return abs;
  }

  /** What is at `rel`, checking that no folder on the way is a symlink (a symlink at `rel` itself is returned as such). */
  lstat(rel: string): Stats | undefined {
    const parts = relative(this.root, this.pathOf(rel)).split(sep);
    let at = this.root;
    for (let i = 0; i < parts.length; i++) {
      at = join(at, parts[i] ?? '');
      const st = lstatOrUndefined(at);
      if (st === undefined) return undefined;
      if (i === parts.length - 1) return st;
      if (st.isSymbolicLink()) throw this.symlink(parts.slice(0, i + 1).join('/'));
      if (!st.isDirectory()) throw new UsageError(`${this.display(parts.slice(0, i + 1).join('/'))} is not a folder`);
    }
    return undefined;
  }

  /** Creates the folders above `rel` one by one, refusing any that is a symlink. */
  mkdirsFor(rel: string): void {
    const parts = relative(this.root, this.pathOf(rel)).split(sep).slice(0, -1);
    let at = this.root;
    for (let i = 0; i < parts.length; i++) {
      at = join(at, parts[i] ?? '');
      let st = lstatOrUndefined(at);
      if (st === undefined) {
        try {
          mkdirSync(at);
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
        }
        st = lstatSync(at);
      }
      if (st.isSymbolicLink()) throw this.symlink(parts.slice(0, i + 1).join('/'));
      if (!st.isDirectory()) throw new UsageError(`${this.display(parts.slice(0, i + 1).join('/'))} is not a folder`);
    }
  }

  /** Writes `text` to `rel`, never through a symlink. */
  write(rel: string, text: string): void {
    this.mkdirsFor(rel);
    let fd: number;
    try {
      fd = openSync(this.pathOf(rel), constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | NOFOLLOW, 0o644);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ELOOP') throw this.symlink(rel);
      throw e;
    }
    try {
      writeSync(fd, text);
    } finally {
      closeSync(fd);
    }
  }

  symlink(rel: string): UsageError {
    return new UsageError(`${this.display(rel)} is a symlink; velvet build never writes through one (remove it)`);
  }
}
