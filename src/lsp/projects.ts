/**
 * Which project and email an editor document belongs to. One shared workspace (src/project) per
 * project root, opened on the first document inside it and watched for changes on disk; open
 * documents are laid over its files. A template outside every email (a `.vm` file, a partial) is
 * served on its own, without fixtures; any other file outside an email (package.json, the config)
 * is not served.
 *
 * A project whose velvet.config.json does not load when it is opened (invalid JSON, a schema or
 * value error, a missing emails folder) is not opened: its files are served on their own (a
 * template checked alone with the default config) and the failure is reported through `onFailure`.
 * It is tried again when a document of it is opened and, while watching, when the config (or a
 * folder) changes on disk; once it opens, `onFailure` reports `undefined` for its root.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, extname, join, resolve, sep } from 'node:path';
import { VelvetError, type ErrorPayload } from '../errors.js';
import { CONFIG_FILE, DATA_DIR, META_FILE, findConfig, isEmailDir, normalizeConfig, type Email, type ResolvedConfig } from '../project/index.js';
import { createWorkspace, type Workspace, type WorkspaceChange } from '../project/workspace.js';
import { createProjectWatcher, type ProjectWatcher } from '../preview/watcher.js';

export type DocKind = 'template' | 'fixture' | 'meta' | 'other';

export interface DocPlace {
  kind: DocKind;
  workspace: Workspace | undefined;
  /** The email's name in its workspace, or undefined for a template on its own. */
  email: string | undefined;
}

/** Files served as templates outside an email: `.html`, `.vm` and `.vtl` (docs/editors.md). */
const TEMPLATE_EXT = new Set(['.html', '.vm', '.vtl']);
export const isTemplateFile = (file: string): boolean => TEMPLATE_EXT.has(extname(file).toLowerCase());

export interface Projects {
  /** Where `file` belongs; opens the project's workspace when needed. */
  place(file: string): Promise<DocPlace>;
  /** The email as the linter should see it: from the workspace, or a template on its own. */
  emailFor(place: DocPlace, file: string, text: string): Email | undefined;
  config(place: DocPlace, file: string): ResolvedConfig;
  /** Unsaved text of a file, or the file on disk. */
  read(file: string): string | undefined;
  /** Calls `listener` with every change of every workspace. */
  onChange(listener: (ws: Workspace, change: WorkspaceChange) => void): void;
  /** The project root `file` belongs to (see place), or undefined for a file checked alone. */
  rootOf(file: string): string | undefined;
  /** Why the project of `file` did not open (its config does not load), while that is so. */
  failure(file: string): ErrorPayload | undefined;
  /**
   * Calls `listener` when the project at `root` failed to open because of its config (again, with
   * the latest error), and with `undefined` once it opens after failing.
   */
  onFailure(listener: (root: string, error: ErrorPayload | undefined) => void): void;
  close(): Promise<void>;
}

export interface ProjectsOptions {
  /** Folders the editor opened (workspace folders), used when no config file is found. */
  roots: readonly string[];
  /** Watch the project files on disk (default true). */
  watch?: boolean | undefined;
  log?: ((message: string) => void) | undefined;
}

export function createProjects(options: ProjectsOptions): Projects {
  const byRoot = new Map<string, Promise<Workspace | undefined>>();
  const watchers: ProjectWatcher[] = [];
  const listeners: ((ws: Workspace, change: WorkspaceChange) => void)[] = [];
  const all: Workspace[] = [];
  const failureListeners: ((root: string, error: ErrorPayload | undefined) => void)[] = [];
  /** Projects whose config did not load, with the watcher that tries them again. */
  const failed = new Map<string, { error: ErrorPayload; watcher?: ProjectWatcher | undefined }>();
  let closed = false;

  /**
   * The project root a file belongs to; undefined for a file outside every root that is in no
   * project and no email folder (a scratch `.vm` in the home folder): it is checked alone, and
   * its folder, which may be huge, is never scanned for emails.
   */
  const rootOf = (file: string): string | undefined => {
    const dir = dirname(file);
    const config = findConfig(dir);
    if (config) return dirname(config);
    const root = options.roots.filter((r) => file.startsWith(r + sep)).sort((a, b) => b.length - a.length)[0];
    if (root) return root;
    if (isEmailDir(dir)) return dir;
    if (basename(dir) === DATA_DIR && isEmailDir(dirname(dir))) return dirname(dir);
    return undefined;
  };

  const open = (root: string): Promise<Workspace | undefined> => {
    let p = byRoot.get(root);
    if (!p) {
      const opening: Promise<Workspace | undefined> = createWorkspace(root).then(
        async (ws) => {
          all.push(ws);
          ws.subscribe((change) => {
            for (const l of listeners) l(ws, change);
          });
          // a folder that is no velvet project (no config, no email) is not watched: it may be huge
          if (options.watch !== false && !closed && (ws.config.file !== undefined || ws.entries().length > 0)) {
            const w = createProjectWatcher(ws.watchRoots(), (batch) => void ws.apply(batch));
            watchers.push(w);
            // changes on disk count from the first answer on
            await w.ready;
          }
          const was = failed.get(root);
          if (was) {
            failed.delete(root);
            await was.watcher?.close();
            for (const l of failureListeners) l(root, undefined);
          }
          return ws;
        },
        async (err: unknown) => {
          options.log?.(`velvet: no project at ${root}: ${err instanceof Error ? err.message : String(err)}`);
          const config = join(root, CONFIG_FILE);
          // only a project with a config is retried and reported: without one there is nothing to fix
          if (findConfig(root) !== config) return undefined;
          // not kept: the next document of this project tries again
          if (byRoot.get(root) === opening) byRoot.delete(root);
          const error = err instanceof VelvetError ? err.toPayload() : { name: 'Error', message: err instanceof Error ? err.message : String(err) };
          if (error.file === undefined) error.file = config;
          const was = failed.get(root);
          const watcher = was?.watcher ?? watchFailed(root);
          failed.set(root, { error, watcher });
          // a fix on disk counts from the moment the problem is shown: the watcher is ready first
          await watcher?.ready;
          for (const l of failureListeners) l(root, error);
          return undefined;
        },
      );
      p = opening;
      byRoot.set(root, p);
    }
    return p;
  };

  /** Tries a project that failed to open again when its config, or a folder in it, changes on disk. */
  const watchFailed = (root: string): ProjectWatcher | undefined => {
    if (options.watch === false || closed) return undefined;
    return createProjectWatcher([root], (batch) => {
      if (!failed.has(root)) return;
      const touched = batch.some((e) => basename(e.path) === CONFIG_FILE || e.kind === 'addDir' || e.kind === 'unlinkDir');
      // after an attempt under way, which may have read the file before this change
      if (!touched) return;
      void (byRoot.get(root) ?? Promise.resolve()).then(() => {
        if (failed.has(root) && !byRoot.has(root)) void open(root);
      });
    });
  };

  return {
    async place(file) {
      const abs = resolve(file);
      const root = rootOf(abs);
      const ws = root === undefined ? undefined : await open(root);
      const email = ws?.emailOf(abs);
      const entry = email === undefined ? undefined : ws?.entry(email);
      // outside an email only a Velocity file is served: a package.json is no template
      const alone: DocPlace = { kind: isTemplateFile(abs) ? 'template' : 'other', workspace: ws, email: undefined };
      if (!ws || !entry) return alone;
      if (abs === join(entry.dir, 'email.html')) return { kind: 'template', workspace: ws, email };
      if (abs === join(entry.dir, META_FILE)) return { kind: 'meta', workspace: ws, email };
      if (dirname(abs) === join(entry.dir, DATA_DIR) && abs.endsWith('.json')) return { kind: 'fixture', workspace: ws, email };
      return alone;
    },
    emailFor(place, file, text) {
      if (place.workspace && place.email !== undefined) return place.workspace.email(place.email);
      if (place.kind !== 'template') return undefined;
      return { name: basename(file), dir: dirname(file), templateFile: file, source: text, meta: { contact: {} }, fixtures: [], fixtureErrors: [] };
    },
    config(place, file) {
      return place.workspace?.config ?? normalizeConfig([], { root: dirname(file) });
    },
    read(file) {
      for (const ws of all) {
        const t = ws.overlay(file);
        if (t !== undefined) return t;
      }
      try {
        return readFileSync(file, 'utf8');
      } catch {
        return undefined;
      }
    },
    onChange(listener) {
      listeners.push(listener);
    },
    rootOf: (file) => rootOf(resolve(file)),
    failure(file) {
      const root = rootOf(resolve(file));
      return root === undefined ? undefined : failed.get(root)?.error;
    },
    onFailure(listener) {
      failureListeners.push(listener);
    },
    async close() {
      closed = true;
      await Promise.all([...watchers, ...[...failed.values()].flatMap((f) => (f.watcher ? [f.watcher] : []))].map((w) => w.close()));
    },
  };
}
