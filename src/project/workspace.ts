/**
 * The one live model of a project, shared by the preview and the language server: the config and
 * every email loaded with its fixtures, reloaded when files change, with an editor's unsaved text
 * laid over the files. Front ends subscribe to changes and add only their protocol.
 */
import { basename, relative, resolve, sep } from 'node:path';
import { VelvetError, type ErrorPayload } from '../errors.js';
import { CONFIG_FILE } from './config.js';
import type { ResolvedConfig } from './config.js';
import { TEMPLATE_FILE, isEmailDir, loadEmail, type Email } from './email.js';
import { withOverlays } from './overlay.js';
import { findEmails, loadProject } from './project.js';

export interface WorkspaceEntry {
  readonly name: string;
  readonly dir: string;
  /** The email as on disk; undefined when it failed to load. */
  readonly email?: Email | undefined;
  readonly error?: ErrorPayload | undefined;
}

export type FileChangeKind = 'add' | 'change' | 'unlink' | 'addDir' | 'unlinkDir';

export interface FileChange {
  kind: FileChangeKind;
  path: string;
}

export interface WorkspaceChange {
  /** Names of the emails whose files or buffers changed, or 'all' after a config change. */
  emails: ReadonlySet<string> | 'all';
  /** The email list changed (an email folder came or went, or the config was reloaded). */
  listChanged: boolean;
  /** The config could not be reloaded: the last good model stays. */
  error?: ErrorPayload | undefined;
  /** The change is an editor's unsaved text (set or dropped), not a file on disk. */
  buffers?: boolean | undefined;
}

export interface Workspace {
  /** The folder the workspace was opened on. */
  readonly dir: string;
  readonly config: ResolvedConfig;
  /** Folders to watch: the project root and the emails folder. */
  watchRoots(): string[];
  /** Every email folder in name order, loaded or not. */
  entries(): WorkspaceEntry[];
  entry(name: string): WorkspaceEntry | undefined;
  /** The email with open editor buffers laid over its files. */
  email(name: string): Email | undefined;
  /** Email whose folder holds `file`, if any. */
  emailOf(file: string): string | undefined;
  /** Re-read the config and every email. */
  reloadAll(): Promise<void>;
  /** Look for added and removed email folders; returns the names of new ones. */
  rescan(): Promise<string[]>;
  /** Re-read one email folder. */
  reload(name: string): Promise<void>;
  /** Applies a batch of file events (batches run one after the other) and tells subscribers. */
  apply(batch: readonly FileChange[]): Promise<WorkspaceChange>;
  /** Lays unsaved text over `file` (absolute path); subscribers hear of the email it belongs to. */
  setOverlay(file: string, text: string): void;
  /** Drops the unsaved text of `file`: the file on disk counts again. */
  removeOverlay(file: string): void;
  /** The unsaved text of `file`, if an editor holds some. */
  overlay(file: string): string | undefined;
  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(listener: (change: WorkspaceChange) => void): () => void;
  /** Path relative to the project root with `/` separators (for messages). */
  rel(file: string): string;
  /** The serialisable form of an error, with its file relative to the project. */
  errorInfo(err: unknown): ErrorPayload;
}

export async function createWorkspace(dir: string): Promise<Workspace> {
  const start = resolve(dir);
  let project = loadProject(start);
  const entries = new Map<string, WorkspaceEntry>();
  const overlays = new Map<string, string>();
  const effective = new Map<string, Email>();
  const listeners = new Set<(change: WorkspaceChange) => void>();
  let queue: Promise<unknown> = Promise.resolve();

  const rel = (file: string): string => {
    const abs = resolve(file);
    const r = relative(project.root, abs);
    return r.startsWith('..') ? abs : r.split(sep).join('/');
  };
  // error files may carry a suffix such as `email.json#subject`
  const relFile = (file: string): string => {
    const hash = file.lastIndexOf('#');
    return hash > 0 ? rel(file.slice(0, hash)) + file.slice(hash) : rel(file);
  };
  const info = (err: unknown): ErrorPayload => {
    if (err instanceof VelvetError) {
      const p = err.toPayload();
      return { ...p, file: p.file === undefined ? undefined : relFile(p.file) };
    }
    return { name: 'Error', message: err instanceof Error ? err.message : String(err) };
  };

  const load = async (name: string, emailDir: string): Promise<WorkspaceEntry> => {
    effective.delete(name);
    try {
      return { name, dir: emailDir, email: await loadEmail(emailDir, { name }) };
    } catch (err) {
      return { name, dir: emailDir, error: info(err) };
    }
  };
  const loadAll = async (): Promise<void> => {
    const loaded = await Promise.all(project.emails.map((e) => load(e.name, e.dir)));
    entries.clear();
    effective.clear();
    for (const e of loaded) entries.set(e.name, e);
  };
  await loadAll();

  // what loadProject lists: the emails folder, or the folder given (one email, or a sub-folder)
  const emailsBase = (): string => (start === project.root ? project.config.emails : start);
  const notify = (change: WorkspaceChange): WorkspaceChange => {
    for (const l of listeners) l(change);
    return change;
  };

  const ws: Workspace = {
    dir: start,
    get config() {
      return project.config;
    },
    watchRoots: () => [...new Set([project.root, emailsBase()])],
    entries: () => [...entries.values()],
    entry: (name) => entries.get(name),
    email(name) {
      const e = entries.get(name)?.email;
      if (!e || overlays.size === 0) return e;
      let out = effective.get(name);
      if (!out) effective.set(name, (out = withOverlays(e, overlays)));
      return out;
    },
    emailOf(file) {
      const abs = resolve(file);
      let best: WorkspaceEntry | undefined;
      for (const e of entries.values()) {
        if ((abs === e.dir || abs.startsWith(e.dir + sep)) && (!best || e.dir.length > best.dir.length)) best = e;
      }
      return best?.name;
    },
    async reloadAll() {
      project = loadProject(start);
      await loadAll();
    },
    async rescan() {
      const found = isEmailDir(start) ? [{ name: basename(start), dir: start }] : findEmails(emailsBase());
      const added: string[] = [];
      const names = new Set(found.map((f) => f.name));
      for (const name of [...entries.keys()]) if (!names.has(name)) entries.delete(name);
      for (const f of found) {
        if (!entries.has(f.name)) {
          entries.set(f.name, await load(f.name, f.dir));
          added.push(f.name);
        }
      }
      // keep name order
      const sorted = [...entries.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      entries.clear();
      for (const e of sorted) entries.set(e.name, e);
      project = { ...project, emails: found };
      return added;
    },
    async reload(name) {
      const e = entries.get(name);
      if (e) entries.set(name, await load(name, e.dir));
    },
    apply(batch) {
      const run = queue.then(() => applyBatch(ws, batch)).then(notify);
      queue = run.catch(() => undefined);
      return run;
    },
    setOverlay(file, text) {
      const abs = resolve(file);
      if (overlays.get(abs) === text) return;
      overlays.set(abs, text);
      bufferChanged(abs);
    },
    removeOverlay(file) {
      const abs = resolve(file);
      if (overlays.delete(abs)) bufferChanged(abs);
    },
    overlay: (file) => overlays.get(resolve(file)),
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    rel,
    errorInfo: info,
  };
  const bufferChanged = (abs: string): void => {
    const name = ws.emailOf(abs);
    if (name === undefined) return;
    effective.delete(name);
    notify({ emails: new Set([name]), listChanged: false, buffers: true });
  };
  return ws;
}

/** Reloads what a batch of file events touched: the config, added or removed folders, emails. */
async function applyBatch(ws: Workspace, batch: readonly FileChange[]): Promise<WorkspaceChange> {
  if (batch.some((e) => basename(e.path) === CONFIG_FILE)) {
    try {
      await ws.reloadAll();
      return { emails: 'all', listChanged: true };
    } catch (err) {
      return { emails: 'all', listChanged: false, error: ws.errorInfo(err) };
    }
  }
  const names = new Set<string>();
  for (const e of batch) {
    const name = ws.emailOf(e.path);
    if (name !== undefined) names.add(name);
  }
  const structural = batch.some(
    (e) => e.kind === 'addDir' || e.kind === 'unlinkDir' || (basename(e.path) === TEMPLATE_FILE && e.kind !== 'change'),
  );
  const before = structural ? ws.entries().map((e) => e.name).join('\0') : '';
  const added = structural ? await ws.rescan() : [];
  for (const name of names) if (!added.includes(name)) await ws.reload(name);
  const listChanged = structural && ws.entries().map((e) => e.name).join('\0') !== before;
  return { emails: new Set([...names, ...added]), listChanged };
}
