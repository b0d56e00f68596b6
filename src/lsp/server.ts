/**
 * The language server: wires the shared workspace, the linter and the providers to the protocol.
 * Every answer comes from a provider; this file only routes messages and keeps the open documents.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CodeActionKind,
  TextDocumentSyncKind,
  TextDocuments,
  type CodeActionParams,
  type CompletionParams,
  type Connection,
  type DefinitionParams,
  type DocumentSymbolParams,
  type FoldingRangeParams,
  type HoverParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lintEmail } from '../lint/index.js';
import { createChecker, type Checker } from './checker.js';
import { codeActions } from './code-actions.js';
import { COMPLETION_TRIGGERS, complete } from './completion/index.js';
import { checkedAloneNote, createConfigProblems } from './config-problems.js';
import { definition } from './definition.js';
import { hover } from './hover/index.js';
import { createLifecycle } from './lifecycle.js';
import { loadProblems, metaTextOf } from './load-problems.js';
import { templateModel, usedPaths, type TemplateModel } from './model.js';
import { createPreviews, type Previews } from './preview.js';
import type { UsedPaths } from './shape.js';
import { createProjects, type DocPlace, type Projects } from './projects.js';
import { documentSymbols, foldingRanges } from './symbols.js';
import { createClientUris } from './uris.js';

export interface ServerOptions {
  /** Watch project files on disk (default true; the editor's own buffers always count). */
  watch?: boolean | undefined;
}

/** Custom request: the email of a document, for the editor's "open preview" command. */
export const PREVIEW_TARGET = 'velvet/previewTarget';
export interface PreviewTarget {
  /** The email's name in its project, when the document belongs to one. */
  email?: string | undefined;
  /** The project folder to run `velvet preview` in. */
  root?: string | undefined;
  /** The preview page's address fragment selecting the email: `#/name`. */
  hash?: string | undefined;
}

/** Custom request: start (or find) the preview of a document's project; its address on the email. */
export const OPEN_PREVIEW = 'velvet/openPreview';
export interface OpenPreviewResult {
  /** The page to open: the preview's address with `#/<email>` when the document is in an email. */
  url: string;
  email?: string | undefined;
}

interface OpenDoc {
  file: string;
  place: DocPlace;
  key: string;
  model?: TemplateModel | undefined;
  /** Payload paths the template reads, from the last text that parsed, and that text's version. */
  used?: { version: number; paths: UsedPaths } | undefined;
  usedTimer?: NodeJS.Timeout | undefined;
}

/** Quiet time after an edit before the template is parsed again for the paths it reads. */
const USED_PATHS_DELAY_MS = 150;

export interface Server {
  /** Stops checking and closes the watchers and previews (the client went away). */
  close(): Promise<void>;
}

export function startServer(connection: Connection, options: ServerOptions = {}): Server {
  const documents = new TextDocuments(TextDocument);
  const open = new Map<string, OpenDoc>();
  const pending = new Map<string, Promise<OpenDoc | undefined>>();
  let projects: Projects | undefined;
  let checker: Checker | undefined;
  let previews: Previews | undefined;
  const log = (m: string) => connection.console.error(m);
  const life = createLifecycle();
  const uris = createClientUris();
  const configProblems = createConfigProblems({ uriOf: uris.of, publish: (uri, diagnostics) => void connection.sendDiagnostics({ uri, version: documents.get(uri)?.version, diagnostics }) });

  const keyOf = (place: DocPlace, file: string) => (place.workspace && place.email !== undefined ? `${place.workspace.dir}\0${place.email}` : `file\0${file}`);
  const docsOf = (key: string) => [...open.entries()].filter(([, d]) => d.key === key);

  connection.onInitialize((params): InitializeResult => {
    // a second initialize is refused before it opens anything
    life.initialize();
    const roots = (params.workspaceFolders ?? []).map((f) => fileURLToPath(f.uri));
    if (!roots.length && params.rootUri) roots.push(fileURLToPath(params.rootUri));
    const init = (params.initializationOptions ?? {}) as { diagnosticsWindowMs?: number; watch?: boolean; previewPort?: number };
    projects = createProjects({ roots, watch: init.watch ?? options.watch, log });
    previews = createPreviews({ port: init.previewPort, log: (t) => log(t.trimEnd()) });
    const p = projects;
    checker = createChecker({
      windowMs: init.diagnosticsWindowMs,
      read: (f) => p.read(f),
      uriOf: uris.of,
      // the editor shows template positions: no element indices (a second parse of each output)
      // findings in the subject and preheader are placed in the email.json text they come from
      lint: (email, config) => lintEmail(email, config, { elementIndex: false, metaText: metaTextOf(email, (f) => p.read(f)) }),
      publish: (uri, diagnostics) => void connection.sendDiagnostics({ uri, version: documents.get(uri)?.version, diagnostics }),
      log,
      target(key) {
        const found = docsOf(key)[0];
        if (!found) return undefined;
        const [uri, d] = found;
        const email = p.emailFor(d.place, d.file, documents.get(uri)?.getText() ?? '');
        const entry = d.place.email !== undefined ? d.place.workspace?.entry(d.place.email) : undefined;
        const templateFile = email?.templateFile ?? (entry ? join(entry.dir, 'email.html') : d.file);
        const problems = loadProblems(d.place);
        // a template whose project did not open (its config does not load) says why it is checked alone
        const failure = d.place.workspace ? undefined : p.failure(d.file);
        const root = failure && p.rootOf(d.file);
        if (failure && root !== undefined && d.place.kind === 'template') problems.push(checkedAloneNote(root, failure, d.file));
        return email || problems.length ? { email, config: p.config(d.place, d.file), problems, templateFile } : undefined;
      },
    });
    p.onChange((ws, change) => {
      // the config on disk no longer loads (or loads again): say so in its file
      if (change.error || change.emails === 'all') configProblems.update(ws.config.root, change.error);
      const keys = new Set<string>();
      for (const d of open.values()) {
        if (d.place.workspace !== ws || d.place.email === undefined) continue;
        if (change.emails === 'all' || change.emails.has(d.place.email)) keys.add(d.key);
      }
      for (const k of keys) checker?.mark(k);
      // an email folder came or went: the documents of this workspace may belong elsewhere now
      if (change.listChanged) for (const [uri, d] of open) if (d.place.workspace === ws) void replace(uri).catch((err: unknown) => log(String(err)));
    });
    p.onFailure((root, error) => {
      // the project's config does not load when it is opened (or loads now): say so in its file
      configProblems.update(root, error, 'default');
      for (const [uri, d] of open) {
        if (d.place.workspace || p.rootOf(d.file) !== root) continue;
        // once it opens, its documents join their emails; meanwhile templates say why they are alone
        if (!error) void replace(uri).catch((err: unknown) => log(String(err)));
        else if (d.place.kind === 'template') checker?.mark(d.key);
      }
    });
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { triggerCharacters: COMPLETION_TRIGGERS },
        hoverProvider: true,
        definitionProvider: true,
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
      },
      serverInfo: { name: 'velvet', version: '0.1.0' },
    };
  });

  /** The open document behind `uri`, placed in its project (in the order the edits came). */
  const track = (uri: string): Promise<OpenDoc | undefined> => {
    const prev = pending.get(uri) ?? Promise.resolve(undefined);
    const next = prev.then(async (known) => {
      const doc = documents.get(uri);
      if (!doc || !uri.startsWith('file:') || !projects) return undefined;
      let d = known ?? open.get(uri);
      if (!d) {
        const file = fileURLToPath(uri);
        uris.opened(file, uri);
        const place = await projects.place(file);
        d = { file, place, key: keyOf(place, file) };
        open.set(uri, d);
      }
      if (d.place.workspace && d.place.email !== undefined) d.place.workspace.setOverlay(d.file, doc.getText());
      else if (d.place.kind === 'template') checker?.mark(d.key);
      return d;
    });
    pending.set(uri, next.catch(() => undefined));
    return next;
  };

  /**
   * Works out again where an open document belongs, after its workspace's email list changed: a
   * template created and opened before the watcher reported its folder joins the email, and one
   * whose email went away is checked on its own (in the order of the document's other events).
   */
  const replace = (uri: string): Promise<OpenDoc | undefined> => {
    const prev = pending.get(uri) ?? Promise.resolve(undefined);
    const next = prev.then(async (known) => {
      const d = known ?? open.get(uri);
      const doc = documents.get(uri);
      if (!d || !doc || open.get(uri) !== d || !projects) return d;
      const place = await projects.place(d.file);
      if (place.workspace === d.place.workspace && place.email === d.place.email && place.kind === d.place.kind) return d;
      const oldKey = d.key;
      const oldWs = d.place.email !== undefined ? d.place.workspace : undefined;
      d.place = place;
      d.key = keyOf(place, d.file);
      d.model = undefined;
      if (docsOf(oldKey).length === 0) checker?.drop(oldKey);
      // the text counts for the new email only; outside an email it is checked from the buffer
      if (oldWs && place.email === undefined) oldWs.removeOverlay(d.file);
      if (place.workspace && place.email !== undefined) place.workspace.setOverlay(d.file, doc.getText());
      if (place.kind === 'template' || place.email !== undefined) checker?.mark(d.key);
      else connection.sendDiagnostics({ uri, diagnostics: [] });
      return d;
    });
    pending.set(uri, next.catch(() => undefined));
    return next;
  };

  documents.onDidChangeContent((e) => void track(e.document.uri).catch((err: unknown) => log(String(err))));
  documents.onDidClose((e) => {
    const uri = e.document.uri;
    void (pending.get(uri) ?? Promise.resolve()).then(() => {
      const d = open.get(uri);
      pending.delete(uri);
      if (!d) return;
      open.delete(uri);
      uris.closed(d.file, uri);
      clearTimeout(d.usedTimer);
      if (docsOf(d.key).length === 0) checker?.drop(d.key);
      // the file on disk counts again (and re-checks the email while others of it stay open)
      d.place.workspace?.removeOverlay(d.file);
      // a broken config stays reported while it is on disk
      if (d.place.email === undefined && !configProblems.has(uri)) connection.sendDiagnostics({ uri, diagnostics: [] });
    });
  });

  /** The provider model of a template document, rebuilt when its text or fixtures changed. */
  const modelOf = async (uri: string): Promise<TemplateModel | undefined> => {
    const d = await (pending.get(uri) ?? track(uri));
    const doc = documents.get(uri);
    if (!d || !doc || d.place.kind !== 'template' || !projects) return undefined;
    const email = projects.emailFor(d.place, d.file, doc.getText());
    const m = d.model;
    if (m && m.version === doc.version && m.email?.fixtures === email?.fixtures && m.used === d.used?.paths) return m;
    if (!d.used) d.used = { version: doc.version, paths: usedPaths(doc.getText()) ?? new Map() };
    else if (d.used.version !== doc.version) refreshUsed(uri, d);
    d.model = templateModel(doc, email?.fixtures.length ? email : undefined, m, d.used.paths);
    return d.model;
  };
  const read = (f: string) => projects?.read(f);

  /** Parses the template again once typing pauses; completion meanwhile uses the paths it has. */
  const refreshUsed = (uri: string, d: OpenDoc): void => {
    clearTimeout(d.usedTimer);
    d.usedTimer = setTimeout(() => {
      const doc = documents.get(uri);
      if (!doc || open.get(uri) !== d) return;
      const paths = usedPaths(doc.getText());
      d.used = { version: doc.version, paths: paths ?? d.used?.paths ?? new Map() };
    }, USED_PATHS_DELAY_MS);
    d.usedTimer.unref();
  };

  connection.onCompletion(life.guard('position', async (p: CompletionParams) => {
    const m = await modelOf(p.textDocument.uri);
    return m ? complete(m, m.doc.offsetAt(p.position)) : [];
  }));
  connection.onHover(life.guard('position', async (p: HoverParams) => {
    const m = await modelOf(p.textDocument.uri);
    return m ? hover(m, m.doc.offsetAt(p.position)) : null;
  }));
  connection.onDefinition(life.guard('position', async (p: DefinitionParams) => {
    const m = await modelOf(p.textDocument.uri);
    return m ? definition(m, m.doc.offsetAt(p.position), (f) => read(f), uris.of) : [];
  }));
  connection.onDocumentSymbol(life.guard('document', async (p: DocumentSymbolParams) => {
    const m = await modelOf(p.textDocument.uri);
    return m ? documentSymbols(m) : [];
  }));
  connection.onFoldingRanges(life.guard('document', async (p: FoldingRangeParams) => {
    const m = await modelOf(p.textDocument.uri);
    return m ? foldingRanges(m) : [];
  }));
  connection.onCodeAction(life.guard('codeAction', async (p: CodeActionParams) => {
    const m = await modelOf(p.textDocument.uri);
    return m ? codeActions(m, p.context.diagnostics, (f) => read(f), uris.of) : [];
  }));
  connection.onRequest(PREVIEW_TARGET, life.guard('uri', async (p: { uri: string }): Promise<PreviewTarget> => {
    const d = await (pending.get(p.uri) ?? track(p.uri));
    const ws = d?.place.workspace;
    if (!d || !ws || d.place.email === undefined) return { root: ws?.config.root };
    return { email: d.place.email, root: ws.config.root, hash: `#/${encodeURIComponent(d.place.email)}` };
  }));
  connection.onRequest(OPEN_PREVIEW, life.guard('uri', async (p: { uri: string }): Promise<OpenPreviewResult> => {
    const d = await (pending.get(p.uri) ?? track(p.uri));
    const ws = d?.place.workspace;
    if (!d || !ws || !previews) throw new Error('This file is not part of a velvet project.');
    const url = await previews.urlFor(ws);
    return d.place.email === undefined ? { url } : { url: `${url}#/${encodeURIComponent(d.place.email)}`, email: d.place.email };
  }));
  const close = async (): Promise<void> => {
    checker?.close();
    for (const d of open.values()) clearTimeout(d.usedTimer);
    await previews?.close();
    await projects?.close();
  };
  connection.onShutdown(async () => {
    life.shutdown();
    await close();
  });

  documents.listen(connection);
  connection.listen();
  return { close };
}
