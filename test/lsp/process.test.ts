/**
 * `velvet lsp --stdio` as a separate process, as an editor starts it: initialize, open a sample,
 * receive diagnostics, complete after `$item.`, hover, go to definition, edit and see a
 * diagnostic appear and disappear, shut down and exit.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompletionItem, Hover, Location } from 'vscode-languageserver-protocol';
import { connect, uri, type TestClient } from './client.js';
import { pos } from './project.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('velvet lsp --stdio (a process)', () => {
  let dir: string;
  let child: ChildProcess;
  let client: TestClient;
  let exited: Promise<number | null>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'velvet-lsp-proc-'));
    cpSync(join(ROOT, 'samples'), dir, { recursive: true });
    child = spawn(process.execPath, [join(ROOT, 'bin', 'velvet.js'), 'lsp', '--stdio'], { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
    exited = new Promise((r) => child.once('exit', (code) => r(code)));
    client = connect(child.stdout!, child.stdin!);
    await client.conn.sendRequest('initialize', { processId: process.pid, rootUri: uri(dir), capabilities: {}, initializationOptions: { previewPort: 0 }, workspaceFolders: [{ uri: uri(dir), name: 'samples' }] });
    await client.conn.sendNotification('initialized', {});
  }, 60_000);
  afterAll(() => {
    if (child.exitCode === null) child.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves a sample email from open to exit', async () => {
    const file = join(dir, 'abandoned-cart', 'email.html');
    const text = readFileSync(file, 'utf8');
    const first = client.diagnostics(file);
    await client.open(file, text);
    const initial = await first;
    expect(initial.every((d) => d.source === 'velvet')).toBe(true);

    const at = pos(text, '$!item.name', 7);
    const items = (await client.conn.sendRequest('textDocument/completion', { textDocument: { uri: uri(file) }, position: at })) as CompletionItem[];
    expect(items.map((i) => i.label)).toEqual(expect.arrayContaining(['name', 'price', 'url']));

    const h = (await client.conn.sendRequest('textDocument/hover', { textDocument: { uri: uri(file) }, position: pos(text, '$!item.name', 8) })) as Hover;
    expect((h.contents as { value: string }).value).toMatch(/items\[\]\.name[\s\S]*java\.lang\.String/);

    const def = (await client.conn.sendRequest('textDocument/definition', { textDocument: { uri: uri(file) }, position: pos(text, '$cart)', 2) })) as Location[];
    expect(def[0]).toMatchObject({ uri: uri(file), range: { start: pos(text, '$cart =') } });

    const broken = text.replace('$!item.name', '$!item.nmae');
    const appear = client.diagnostics(file, (d) => d.some((x) => x.code === "unknown-payload-key" && JSON.stringify(x.message).includes("nmae")));
    await client.change(file, broken);
    await appear;
    const gone = client.diagnostics(file, (d) => !d.some((x) => JSON.stringify(x.message).includes("nmae")));
    await client.change(file, text);
    await gone;

    // the preview runs inside the server process; standard output stays the protocol's
    const { url } = (await client.conn.sendRequest('velvet/openPreview', { uri: uri(file) })) as { url: string };
    expect(url).toMatch(/#\/abandoned-cart$/);
    expect((await fetch(new URL('/__velvet/api/emails', url))).status).toBe(200);
    const h2 = (await client.conn.sendRequest('textDocument/hover', { textDocument: { uri: uri(file) }, position: pos(text, '$!item.name', 8) })) as Hover;
    expect(h2).toEqual(h);

    await client.conn.sendRequest('shutdown');
    await client.conn.sendNotification('exit');
    expect(await exited).toBe(0);
  }, 60_000);
});

describe('velvet lsp --stdio when the editor goes away', () => {
  it('exits with code 1 soon after standard input closes without exit, watchers open', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'velvet-lsp-eof-'));
    try {
      cpSync(join(ROOT, 'samples'), dir, { recursive: true });
      const child = spawn(process.execPath, [join(ROOT, 'bin', 'velvet.js'), 'lsp', '--stdio'], { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
      const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
      const client = connect(child.stdout, child.stdin);
      await client.conn.sendRequest('initialize', { processId: null, rootUri: uri(dir), capabilities: {}, workspaceFolders: [{ uri: uri(dir), name: 'samples' }] });
      await client.conn.sendNotification('initialized', {});
      const file = join(dir, 'abandoned-cart', 'email.html');
      const first = client.diagnostics(file);
      await client.open(file, readFileSync(file, 'utf8'));
      await first;
      const closedAt = Date.now();
      child.stdin.end();
      const timeout = new Promise<string>((r) => setTimeout(() => r('still running'), 5_000).unref());
      const code = await Promise.race([exited, timeout]);
      if (code === 'still running') child.kill();
      expect(code).toBe(1);
      expect(Date.now() - closedAt).toBeLessThan(5_000);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
