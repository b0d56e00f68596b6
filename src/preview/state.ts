/**
 * The preview's view of a project: its config and every email loaded with its fixtures. The
 * watcher tells it what changed; it reloads only those emails and renders selections on demand.
 */
import { basename, relative, resolve, sep } from 'node:path';
import { toPayload } from '../engine/index.js';
import { VelvetError } from '../errors.js';
import type { Fixture, FixtureVariant } from '../fixtures/types.js';
import { findEmails, isEmailDir, loadEmail, loadProject, renderEmail, type Email, type ResolvedConfig } from '../project/index.js';
import { assetMapper } from './assets.js';
import { htmlToText } from './plain-text.js';
import type { EmailSummary, ErrorInfo, RenderResult, Selection } from './protocol.js';

interface Entry {
  name: string;
  dir: string;
  email?: Email | undefined;
  error?: ErrorInfo | undefined;
}

export interface ProjectState {
  readonly dir: string;
  readonly config: ResolvedConfig;
  /** Folders to watch: the project root and the emails folder. */
  watchRoots(): string[];
  summaries(): EmailSummary[];
  email(name: string): Email | undefined;
  /** Email whose folder holds `file`, if any. */
  emailOf(file: string): string | undefined;
  /** Re-read the config and every email. */
  reloadAll(): Promise<void>;
  /** Look for added and removed email folders; returns the names of new ones. */
  rescan(): Promise<string[]>;
  /** Re-read one email folder. */
  reload(name: string): Promise<void>;
  render(sel: Selection): RenderResult;
  /** Path relative to the project root with `/` separators (for messages). */
  rel(file: string): string;
  /** The serialisable form of an error, with its file relative to the project. */
  errorInfo(err: unknown): ErrorInfo;
}

export async function createProjectState(dir: string): Promise<ProjectState> {
  const start = resolve(dir);
  let project = loadProject(start);
  const entries = new Map<string, Entry>();

  const rel = (file: string): string => {
    const abs = resolve(file);
    const r = relative(project.root, abs);
    return r.startsWith('..') ? abs : r.split(sep).join('/');
  };

  const info = (err: unknown): ErrorInfo => {
    if (err instanceof VelvetError) {
      const p = err.toPayload();
      return { ...p, file: p.file === undefined ? undefined : relFile(p.file) };
    }
    return { name: 'Error', message: err instanceof Error ? err.message : String(err) };
  };
  // error files may carry a suffix such as `email.json#subject`
  const relFile = (file: string): string => {
    const hash = file.lastIndexOf('#');
    return hash > 0 ? rel(file.slice(0, hash)) + file.slice(hash) : rel(file);
  };

  const load = async (name: string, emailDir: string): Promise<Entry> => {
    try {
      return { name, dir: emailDir, email: await loadEmail(emailDir, { name }) };
    } catch (err) {
      return { name, dir: emailDir, error: info(err) };
    }
  };

  const loadAll = async (): Promise<void> => {
    const loaded = await Promise.all(project.emails.map((e) => load(e.name, e.dir)));
    entries.clear();
    for (const e of loaded) entries.set(e.name, e);
  };
  await loadAll();

  // what loadProject lists: the emails folder, or the folder given (one email, or a sub-folder)
  const emailsBase = (): string => (start === project.root ? project.config.emails : start);

  const summary = (e: Entry): EmailSummary => ({
    name: e.name,
    fixtures: (e.email?.fixtures ?? []).map((f) => ({
      name: f.name,
      format: f.format,
      description: f.description,
      variants: f.variants.map((v) => v.name),
    })),
    brokenFixtures: (e.email?.fixtureErrors ?? []).map((err) => ({ name: fixtureName(err.file), error: info(err) })),
    error: e.error,
  });

  const failed = (sel: Selection, error: ErrorInfo): RenderResult => ({
    ok: false,
    email: sel.email,
    fixture: sel.fixture,
    variant: sel.variant,
    error,
  });

  return {
    dir: start,
    get config() {
      return project.config;
    },
    watchRoots() {
      const roots = new Set([project.root, emailsBase()]);
      return [...roots];
    },
    summaries() {
      return [...entries.values()].map(summary);
    },
    email(name) {
      return entries.get(name)?.email;
    },
    emailOf(file) {
      const abs = resolve(file);
      let best: Entry | undefined;
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
    render(sel) {
      const entry = entries.get(sel.email);
      if (!entry) return failed(sel, { name: 'Error', message: `No email '${sel.email}' in this project` });
      if (!entry.email) return failed(sel, entry.error ?? { name: 'Error', message: 'The email could not be loaded' });
      const email = entry.email;
      let fixture: Fixture | undefined = email.fixtures.find((f) => f.name === sel.fixture);
      if (sel.fixture !== undefined && !fixture) {
        const broken = email.fixtureErrors.find((e) => fixtureName(e.file) === sel.fixture);
        if (broken && sel.payload === undefined) return failed(sel, info(broken));
      }
      // a fixture that went away falls back to the first one; the result names what was used
      fixture ??= email.fixtures[0];
      let variant: FixtureVariant | undefined = fixture?.variants.find((v) => v.name === sel.variant) ?? fixture?.variants[0];
      const edited = sel.payload !== undefined;
      try {
        if (sel.payload !== undefined) {
          const json = JSON.parse(sel.payload) as unknown;
          variant = {
            name: variant?.name ?? 'edited',
            payload: toPayload(sel.payload),
            json: (json ?? {}) as Record<string, unknown>,
            contact: variant?.contact ?? {},
          };
        }
        const r = renderEmail(email, { fixture, variant, config: project.config });
        const mapAssets = assetMapper(project.config);
        return {
          ok: true,
          email: email.name,
          fixture: fixture?.name,
          variant: r.variant?.name,
          subject: r.subject,
          preheader: r.preheader,
          from: email.meta.from,
          dir: rel(email.dir),
          html: mapAssets ? mapAssets(r.html) : r.html,
          text: htmlToText(r.html),
          sizeBytes: r.sizeBytes,
          payload: edited ? (sel.payload as string) : JSON.stringify(variant?.json ?? {}, null, 2),
          unknownMergeTags: r.unknownMergeTags.map((u) => ({ tag: u.tag, part: u.part })),
          edited,
        };
      } catch (err) {
        const e = info(err);
        if (edited && err instanceof SyntaxError) e.file = 'payload editor';
        return { ...failed(sel, e), fixture: fixture?.name, variant: variant?.name };
      }
    },
    rel,
    errorInfo: info,
  };
}

function fixtureName(file: string | undefined): string {
  return file ? basename(file, '.json') : '';
}

