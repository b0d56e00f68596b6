/** A JSON-RPC client speaking LSP to a server, in-process over two streams or to a child process. */
import { PassThrough, type Readable, type Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { serveLanguageServer } from '../../src/lsp/index.js';
import { makeProject, type Project } from './project.js';

export interface TestClient {
  conn: ProtocolConnection;
  /** Resolves with the next diagnostics for `file` that satisfy `accept`. */
  diagnostics(file: string, accept?: (d: Diagnostic[]) => boolean, timeoutMs?: number): Promise<Diagnostic[]>;
  /** The same for a URI given as the client spells it. */
  diagnosticsAt(uri: string, accept?: (d: Diagnostic[]) => boolean, timeoutMs?: number): Promise<Diagnostic[]>;
  /** Every publication received so far, in order. */
  published: PublishDiagnosticsParams[];
  open(file: string, text: string, languageId?: string): Promise<void>;
  change(file: string, text: string): Promise<void>;
  close(): Promise<void>;
}

export const uri = (file: string): string => pathToFileURL(file).href;

export function connect(input: Readable, output: Writable, onClose: () => Promise<void> = async () => undefined): TestClient {
  const conn = createProtocolConnection(new StreamMessageReader(input), new StreamMessageWriter(output));
  const published: PublishDiagnosticsParams[] = [];
  const waiters: { uri: string; accept: (d: Diagnostic[]) => boolean; resolve: (d: Diagnostic[]) => void }[] = [];
  conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    published.push(p);
    for (const w of [...waiters]) {
      if (w.uri === p.uri && w.accept(p.diagnostics)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(p.diagnostics);
      }
    }
  });
  conn.listen();
  const versions = new Map<string, number>();
  return {
    conn,
    published,
    diagnostics(file, accept, timeoutMs) {
      return this.diagnosticsAt(uri(file), accept, timeoutMs);
    },
    diagnosticsAt(at, accept = () => true, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`no matching diagnostics for ${at} within ${timeoutMs} ms`)), timeoutMs);
        waiters.push({ uri: at, accept, resolve: (d) => (clearTimeout(t), resolve(d)) });
      });
    },
    async open(file, text, languageId = 'html') {
      versions.set(file, 1);
      await conn.sendNotification('textDocument/didOpen', { textDocument: { uri: uri(file), languageId, version: 1, text } });
    },
    async change(file, text) {
      const v = (versions.get(file) ?? 1) + 1;
      versions.set(file, v);
      await conn.sendNotification('textDocument/didChange', { textDocument: { uri: uri(file), version: v }, contentChanges: [{ text }] });
    },
    async close() {
      await conn.sendRequest('shutdown');
      conn.dispose();
      await onClose();
    },
  };
}

/** The server in this process, on a pair of PassThrough streams. */
export function inProcess(): TestClient {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  void serveLanguageServer(toServer, toClient);
  return connect(toClient, toServer, async () => {
    toServer.end();
    toClient.end();
  });
}

export async function initialize(client: TestClient, root: string): Promise<Record<string, unknown>> {
  const r = await client.conn.sendRequest('initialize', {
    processId: null,
    rootUri: uri(root),
    workspaceFolders: [{ uri: uri(root), name: 'project' }],
    capabilities: {},
    initializationOptions: { watch: true, previewPort: 0 },
  });
  await client.conn.sendNotification('initialized', {});
  return r as Record<string, unknown>;
}

/** A test's project on disk (`makeProject`) and an in-process client, initialized on it unless `initialize` is false. */
export interface Session {
  project: Project;
  client: TestClient;
}

export async function openSession(options: { initialize?: boolean } = {}): Promise<Session> {
  const project = makeProject();
  const client = inProcess();
  if (options.initialize !== false) await initialize(client, project.root);
  return { project, client };
}

/** Closes the client and removes the project; `ended`: the test may have ended the connection itself. */
export async function closeSession(s: Session, how: { ended?: boolean } = {}): Promise<void> {
  if (how.ended) await s.client.close().catch(() => undefined);
  else await s.client.close();
  s.project.remove();
}
