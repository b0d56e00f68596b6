/**
 * Watches the project's templates, meta files, fixtures and config. Events that arrive within
 * one tick (an editor that writes twice, a save by rename) are handed over as one batch; there
 * is no debounce delay.
 */
import { watch } from 'chokidar';
import { basename, extname } from 'node:path';
import type { Stats } from 'node:fs';

export type FileEventKind = 'add' | 'change' | 'unlink' | 'addDir' | 'unlinkDir';

export interface FileEvent {
  kind: FileEventKind;
  path: string;
}

export interface ProjectWatcher {
  /** Resolves once the initial scan is done and changes are being reported. */
  ready: Promise<void>;
  /** Every folder being watched (absolute paths). */
  watchedDirs(): string[];
  close(): Promise<void>;
}

/**
 * chokidar drops a second `change` of a path within 50 ms of the first (and raw events within
 * 5 ms), so the second half of a double write, or a quick second save, would never be reported
 * and the preview would stay stale. Every change is therefore checked once more just after that
 * window; the live renderer re-reads the files and pushes only if the render differs.
 */
export const TRAILING_CHECK_MS = 60;

const SKIP_DIRS = new Set(['node_modules', 'dist']);
const WATCHED_EXT = new Set(['.html', '.json']);

/** Files and folders the preview does not care about. */
export function ignoredPath(path: string, stats?: Stats): boolean {
  const name = basename(path);
  if (name.startsWith('.') || SKIP_DIRS.has(name)) return true;
  // a symlink is not followed (see below), and the link itself is no template, meta or fixture
  if (stats?.isSymbolicLink()) return true;
  if (stats?.isFile()) return !WATCHED_EXT.has(extname(name));
  return false;
}

export function createProjectWatcher(
  roots: readonly string[],
  onBatch: (batch: FileEvent[]) => void,
  onError?: (err: unknown) => void,
): ProjectWatcher {
  let pending: FileEvent[] = [];
  let scheduled = false;
  const flush = (): void => {
    scheduled = false;
    const batch = pending;
    pending = [];
    if (batch.length) onBatch(batch);
  };
  const trailing = new Map<string, NodeJS.Timeout>();
  const queue = (event: FileEvent): void => {
    pending.push(event);
    if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
  };
  const watcher = watch([...roots], {
    ignoreInitial: true,
    ignored: (path, stats) => !roots.includes(path) && ignoredPath(path, stats),
    // a file re-added right after its removal (save by rename) is reported as a change
    atomic: true,
    // a symlink is never followed: `ln -s .. up` would loop (ELOOP) and a link to a folder
    // elsewhere would watch (and report) files outside the project
    followSymlinks: false,
  });
  // a folder that cannot be read (permissions, a loop, a race with its removal) is skipped,
  // never a crash: an EventEmitter 'error' without a listener would throw
  watcher.on('error', (err) => onError?.(err));
  for (const kind of ['add', 'change', 'unlink', 'addDir', 'unlinkDir'] as const) {
    watcher.on(kind, (path: string) => {
      queue({ kind, path });
      if (kind === 'change' || kind === 'add') {
        clearTimeout(trailing.get(path));
        trailing.set(
          path,
          setTimeout(() => {
            trailing.delete(path);
            queue({ kind: 'change', path });
          }, TRAILING_CHECK_MS),
        );
      }
    });
  }
  const ready = new Promise<void>((resolveReady) => watcher.once('ready', () => resolveReady()));
  return {
    ready,
    watchedDirs: () => Object.keys(watcher.getWatched()),
    async close() {
      for (const t of trailing.values()) clearTimeout(t);
      trailing.clear();
      await watcher.close();
    },
  };
}
