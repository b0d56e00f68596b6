/**
 * The output folder of `velvet build`. velvet writes only inside it and deletes only files that
 * its own marker lists, so a mistyped --out can never cost the user anything.
 */
import { existsSync, mkdirSync, readdirSync, rmdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { UsageError } from '../errors.js';
import { MARKER_FILE, markerText, readMarker } from './site.js';

/** True when `child` is `parent` or inside it. */
export function isInside(parent: string, child: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && !/^[A-Za-z]:/.test(rel));
}

export interface OutDir {
  root: string;
  /** Write `file` (relative, `/` separators) inside the folder. */
  write(file: string, text: string): void;
  /** Record what was written and remove pages of the previous build that were not written again. */
  finish(): void;
}

/**
 * Open `out` for writing. It may be missing, empty, or made by velvet (marker file); any other
 * folder is refused unless `force`, and then nothing in it is deleted.
 */
export function openOutDir(out: string, source: string, force: boolean, shown: string): OutDir {
  const root = resolve(out);
  if (isInside(root, resolve(source))) {
    throw new UsageError(`--out ${shown} holds the emails being built; choose a folder of its own`);
  }
  let previous: string[] = [];
  if (existsSync(root)) {
    if (!statSync(root).isDirectory()) throw new UsageError(`--out ${shown} exists and is not a folder`);
    const marker = readMarker(join(root, MARKER_FILE));
    if (marker) previous = marker;
    else if (readdirSync(root).length > 0 && !force) {
      throw new UsageError(
        `--out ${shown} is not empty and was not made by velvet build; choose another folder, ` +
          'or pass --force to write into it (nothing in it is deleted)',
      );
    }
  }
  mkdirSync(root, { recursive: true });
  // keep the old list until the build ends, so an interrupted build still cleans up next time
  const written = new Set<string>();
  writeFileSync(join(root, MARKER_FILE), markerText(previous));
  const pathOf = (file: string): string => {
    const abs = resolve(root, file);
    if (!isInside(root, abs) || abs === root) throw new Error(`refusing to write outside the output folder: ${file}`);
    return abs;
  };
  return {
    root,
    write(file, text) {
      const abs = pathOf(file);
      mkdirSync(dirname(abs), { recursive: true });
      writeFileSync(abs, text);
      written.add(file);
    },
    finish() {
      for (const file of previous) {
        if (written.has(file) || file === MARKER_FILE) continue;
        const abs = resolve(root, file);
        if (!isInside(root, abs) || abs === root) continue;
        try {
          if (statSync(abs).isFile()) unlinkSync(abs);
          removeEmptyParents(root, dirname(abs));
        } catch {
          // already gone
        }
      }
      writeFileSync(join(root, MARKER_FILE), markerText([...written].sort()));
    },
  };
}

function removeEmptyParents(root: string, dir: string): void {
  for (let d = dir; d !== root && isInside(root, d); d = dirname(d)) {
    if (readdirSync(d).length > 0) return;
    rmdirSync(d);
  }
}
