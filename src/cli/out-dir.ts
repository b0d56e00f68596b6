/**
 * The output folder of `velvet build`. velvet writes only inside it, never inside the emails it
 * builds (real paths are compared, so a symlink cannot disguise them), never through a symlink,
 * never over a file it did not write, and deletes only files that its own marker lists, so a
 * mistyped --out can never cost the user anything.
 */
import { existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, realpathSync, rmdirSync, statSync, unlinkSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { MARKER_FILE, markerText, parseMarker } from './site.js';
import { NoFollowDir, isInside, realPathOf } from './safe-fs.js';

export { isInside } from './safe-fs.js';

export interface OutDir {
  root: string;
  /** Write `file` (relative, `/` separators) inside the folder. */
  write(file: string, text: string): void;
  /** Record what was written and remove pages of the previous build that were not written again. */
  finish(): void;
  /** Record what was written so far, deleting nothing (the build stopped early); the number of pages written. */
  abort(): number;
}

/** What the build reads: the folder it was given and every email folder in it. */
export interface BuildSources {
  /** The folder being built (a project, a folder of emails, or one email folder). */
  base: string;
  /** Every email folder being built. */
  emails: readonly string[];
  /** Shows a path to the user. */
  display: (path: string) => string;
}

/** Refuses an output folder that holds the sources or lies inside an email folder (real paths). */
function checkApart(root: string, sources: BuildSources, shown: string): void {
  const holds = (): UsageError => new UsageError(`--out ${shown} holds the emails being built; choose a folder of its own`);
  if (isInside(root, realPathOf(sources.base))) throw holds();
  for (const email of sources.emails) {
    const real = realPathOf(email);
    if (isInside(root, real)) throw holds();
    if (isInside(real, root)) {
      throw new UsageError(`--out ${shown} is inside the email folder ${sources.display(email)}; choose a folder outside the emails`);
    }
  }
}

/**
 * Open `out` for writing. It may be missing, empty, or made by velvet (marker file); any other
 * folder is refused unless `force`, and then nothing in it is deleted or replaced.
 */
export function openOutDir(out: string, sources: BuildSources, force: boolean, shown: string): OutDir {
  const root = realPathOf(resolve(out));
  // realPathOf cannot resolve a link whose target is missing: it names the link itself
  if (lstatSync(root, { throwIfNoEntry: false })?.isSymbolicLink()) throw new UsageError(`--out ${shown} is a symlink that leads nowhere`);
  checkApart(root, sources, shown);
  const dir = new NoFollowDir(root, shown);
  let previous: string[] = [];
  if (existsSync(root)) {
    if (!statSync(root).isDirectory()) throw new UsageError(`--out ${shown} exists and is not a folder`);
    const marker = readOwnMarker(dir);
    if (marker) previous = marker;
    else if (readdirSync(root).length > 0 && !force) {
      throw new UsageError(
        `--out ${shown} is not empty and was not made by velvet build; choose another folder, ` +
          'or pass --force to write into it (nothing in it is deleted or replaced)',
      );
    }
  }
  // a file of the marker's name that velvet did not write is the user's
  if (dir.lstat(MARKER_FILE) && !readOwnMarker(dir)) throw notOurs(dir, MARKER_FILE);
  const ours = new Set(previous);
  const written = new Set<string>();
  mkdirSync(root, { recursive: true });
  // keep the old list until the build ends, so an interrupted build still cleans up next time
  dir.write(MARKER_FILE, markerText(previous));
  const record = (): void => dir.write(MARKER_FILE, markerText([...new Set([...written, ...previous.filter((f) => !written.has(f))])].sort()));
  return {
    root,
    write(file, text) {
      const st = dir.lstat(file);
      if (st?.isSymbolicLink()) throw dir.symlink(file);
      if (st && !(st.isFile() && (ours.has(file) || written.has(file)))) throw notOurs(dir, file);
      dir.write(file, text);
      written.add(file);
    },
    finish() {
      for (const file of previous) {
        if (written.has(file) || file === MARKER_FILE) continue;
        removeStale(dir, file);
      }
      dir.write(MARKER_FILE, markerText([...written].sort()));
    },
    abort() {
      record();
      return [...written].filter((f) => f.endsWith('.html') && f !== 'index.html').length;
    },
  };
}

function notOurs(dir: NoFollowDir, file: string): UsageError {
  return new UsageError(`${dir.display(file)} exists and was not written by velvet build; it is not replaced (move it away or choose another --out)`);
}

/** The marker's file list when the marker is a regular file velvet wrote (never read through a link). */
function readOwnMarker(dir: NoFollowDir): string[] | undefined {
  const st = dir.lstat(MARKER_FILE);
  if (!st?.isFile()) return undefined;
  return parseMarker(readFileSync(dir.pathOf(MARKER_FILE), 'utf8'));
}

/** Deletes a page listed by the previous build, unless it is no longer a plain file reached without links. */
function removeStale(dir: NoFollowDir, file: string): void {
  try {
    const st = dir.lstat(file);
    if (!st?.isFile()) return;
    const abs = dir.pathOf(file);
    unlinkSync(abs);
    removeEmptyParents(dir.root, dirname(abs));
  } catch {
    // gone, or behind a symlink: left alone
  }
}

function removeEmptyParents(root: string, from: string): void {
  for (let d = from; d !== root && isInside(root, d); d = dirname(d)) {
    if (realpathSync(d) !== d || readdirSync(d).length > 0) return;
    rmdirSync(d);
  }
}
