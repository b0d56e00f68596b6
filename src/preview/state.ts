/**
 * The preview's view of the project workspace (src/project/workspace.ts): email summaries and
 * renders of a selection, in the shapes the UI speaks. Loading, reloading and unsaved editor
 * buffers are the workspace's; the preview shares it with the language server.
 */
import { basename } from 'node:path';
import { toPayload } from '../engine/index.js';
import type { Fixture, FixtureVariant } from '../fixtures/types.js';
import { renderEmail, type Email, type ResolvedConfig } from '../project/index.js';
import { createWorkspace, type FileChange, type Workspace, type WorkspaceChange, type WorkspaceEntry } from '../project/workspace.js';
import { assetMapper } from './assets.js';
import type { EmailSummary, ErrorInfo, RenderResult, Selection } from './protocol.js';
import { templateProblem } from './template-check.js';

/** The workspace members the preview forwards as they are (their docs are the workspace's). */
type Forwarded = 'dir' | 'config' | 'watchRoots' | 'email' | 'emailOf' | 'reloadAll' | 'rescan' | 'reload' | 'apply' | 'rel' | 'errorInfo';

export interface ProjectState extends Pick<Workspace, Forwarded> {
  /** The shared workspace this view reads. */
  readonly workspace: Workspace;
  summaries(): EmailSummary[];
  render(sel: Selection): RenderResult;
}

export async function createProjectState(dir: string, workspace?: Workspace): Promise<ProjectState> {
  const ws = workspace ?? (await createWorkspace(dir));
  const info = ws.errorInfo;
  const rel = ws.rel;

  const summary = (e: WorkspaceEntry): EmailSummary => {
    const email = ws.email(e.name);
    return {
      name: e.name,
      fixtures: (email?.fixtures ?? []).map((f) => ({
        name: f.name,
        format: f.format,
        description: f.description,
        variants: f.variants.map((v) => v.name),
      })),
      brokenFixtures: (email?.fixtureErrors ?? []).map((err) => ({ name: fixtureName(err.file), error: info(err) })),
      error: e.error,
      templateError: templateProblem(email, info),
    };
  };

  const failed = (sel: Selection, error: ErrorInfo): RenderResult => ({
    ok: false,
    email: sel.email,
    fixture: sel.fixture,
    variant: sel.variant,
    error,
  });

  return {
    dir: ws.dir,
    get config() {
      return ws.config;
    },
    workspace: ws,
    watchRoots: () => ws.watchRoots(),
    summaries: () => ws.entries().map(summary),
    email: (name) => ws.email(name),
    emailOf: (file) => ws.emailOf(file),
    reloadAll: () => ws.reloadAll(),
    rescan: () => ws.rescan(),
    reload: (name) => ws.reload(name),
    apply: (batch) => ws.apply(batch),
    render(sel) {
      const entry = ws.entry(sel.email);
      if (!entry) return failed(sel, { name: 'Error', message: `No email '${sel.email}' in this project` });
      const email = ws.email(sel.email);
      if (!email) return failed(sel, entry.error ?? { name: 'Error', message: 'The email could not be loaded' });
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
        const r = renderEmail(email, { fixture, variant, config: ws.config });
        const mapAssets = assetMapper(ws.config);
        return {
          ok: true,
          email: email.name,
          fixture: fixture?.name,
          variant: r.variant?.name,
          subject: r.subject,
          preheader: r.preheader,
          from: email.meta.from,
          messageId: email.meta.messageId,
          dir: rel(email.dir),
          html: mapAssets ? mapAssets(r.html) : r.html,
          // filled in off the server's thread by the live renderer (text-worker.ts)
          text: '',
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

