/**
 * Language-server benchmark on a ~35 KB template with 4 fixtures (bench/email-template.ts).
 *   npm run bench:lsp          targets: diagnostics p95 < 50 ms, completion p95 < 20 ms
 * The server runs in this process on two streams with a JSON-RPC client, so every figure
 * includes the protocol. Measured:
 * - diagnostics: from sending a didChange (a new marker in the text) to the publication for that
 *   version; edits spaced 150 ms apart, like a person typing and pausing.
 * - completion: a `$item.` request right after the diagnostics of a new version (the provider
 *   model is rebuilt for every version), and a request while the text is unchanged.
 * - baseline: lintEmail() called directly on the same text after each step of the loop (same
 *   warm process, same load), with the server's options (no element indices); the ratio says what
 *   the server adds on top of the linter.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { lintEmail } from '../src/lint/index.js';
import { serveLanguageServer } from '../src/lsp/index.js';
import { createWorkspace } from '../src/project/workspace.js';
import { TEMPLATE, payload } from './email-template.js';

/** What the language server lints with (src/lsp/server.ts). */
const SERVER_OPTIONS = { elementIndex: false };

const EDITS = Number(process.env['LSP_BENCH_EDITS'] ?? 60);
const GAP_MS = 150;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;
const fmt = (xs: number[]) => `p50 ${pct(xs, 50).toFixed(1)} ms, p95 ${pct(xs, 95).toFixed(1)} ms, max ${Math.max(...xs).toFixed(1)} ms (n=${xs.length})`;

// the benchmark email: ~35 KB, 60 sections and a 50-item product loop
const source = TEMPLATE;
const dir = mkdtempSync(join(tmpdir(), 'velvet-lsp-bench-'));
const emailDir = join(dir, 'emails', 'cart');
mkdirSync(join(emailDir, 'data'), { recursive: true });
writeFileSync(join(dir, 'velvet.config.json'), JSON.stringify({ emails: 'emails' }));
const file = join(emailDir, 'email.html');
writeFileSync(file, source);
[50, 40, 25, 10].forEach((n, i) => writeFileSync(join(emailDir, 'data', `f${i + 1}.json`), JSON.stringify({ ...payload(n), discount: i * 5 }, null, 2)));
const uri = pathToFileURL(file).href;
const marked = (i: number) => source.replace('Complete your order', `Complete your order ${i}`);
const at = (text: string) => {
  const i = text.indexOf('$!item.name') + '$!item.'.length;
  const before = text.slice(0, i).split('\n');
  return { line: before.length - 1, character: before[before.length - 1]!.length };
};

try {
  // baseline: the linter alone on the same email, warmed up, then timed inside the loop below
  const ws = await createWorkspace(dir);
  const email = ws.email('cart')!;
  const lintTimes: number[] = [];
  for (let i = 0; i < 5; i++) await lintEmail({ ...email, source: marked(-i) }, ws.config, SERVER_OPTIONS);

  const toServer = new PassThrough();
  const toClient = new PassThrough();
  void serveLanguageServer(toServer, toClient, { watch: false });
  const conn = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  const waiting = new Map<number, (t: number) => void>();
  conn.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    if (p.uri === uri && p.version !== undefined) waiting.get(p.version)?.(performance.now());
  });
  conn.listen();
  await conn.sendRequest('initialize', { processId: null, rootUri: pathToFileURL(dir).href, capabilities: {}, initializationOptions: { watch: false } });
  await conn.sendNotification('initialized', {});
  const published = (version: number) => new Promise<number>((r) => waiting.set(version, r));

  let version = 1;
  const first = published(1);
  await conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'html', version, text: source } });
  await first;

  const diag: number[] = [];
  const compFresh: number[] = [];
  const compSame: number[] = [];
  let labels = 0;
  for (let i = 0; i < EDITS; i++) {
    await sleep(GAP_MS);
    const text = marked(i);
    version++;
    const done = published(version);
    const t0 = performance.now();
    await conn.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
    diag.push((await done) - t0);
    const t1 = performance.now();
    const items = (await conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: at(text) })) as { label: string }[];
    compFresh.push(performance.now() - t1);
    labels = items.length;
    const t2 = performance.now();
    await conn.sendRequest('textDocument/completion', { textDocument: { uri }, position: at(text) });
    compSame.push(performance.now() - t2);
    const t3 = performance.now();
    await lintEmail({ ...email, source: text }, ws.config, SERVER_OPTIONS);
    lintTimes.push(performance.now() - t3);
  }
  await conn.sendRequest('shutdown');
  conn.dispose();

  console.log(`template ${(source.length / 1024).toFixed(1)} KB, 4 fixtures, ${EDITS} edits ${GAP_MS} ms apart; ${labels} completion items at $item.`);
  console.log(`baseline lintEmail():            ${fmt(lintTimes)}`);
  console.log(`diagnostics after a change:      ${fmt(diag)}   target p95 < 50 ms`);
  console.log(`completion, new version:         ${fmt(compFresh)}   target p95 < 20 ms`);
  console.log(`completion, same version:        ${fmt(compSame)}`);
  console.log(`ratio diagnostics / lint: p50 ${(pct(diag, 50) / pct(lintTimes, 50)).toFixed(2)}, p95 ${(pct(diag, 95) / pct(lintTimes, 95)).toFixed(2)}`);
  toServer.end();
  toClient.end();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
