/**
 * Diagnostics are published under the URI the client opened the document with (VS Code writes
 * `(`, `)` and `@` as %28, %29 and %40, Node's pathToFileURL does not), with its version.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inProcess, initialize, uri, type TestClient } from './client.js';
import { TEMPLATE, makeProject, type Project } from './project.js';

/** A file URI encoded the way VS Code encodes it: everything but unreserved characters. */
const vscodeUri = (file: string): string =>
  'file://' + file.split('/').map((s) => encodeURIComponent(s).replace(/[()!*']/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)).join('/');

describe('published URIs', () => {
  let project: Project;
  let root: string;
  let client: TestClient;
  beforeEach(async () => {
    project = makeProject();
    root = join(mkdtempSync(join(tmpdir(), 'velvet-lsp-uri-')), 'shop (1) @v2');
    cpSync(project.root, root, { recursive: true });
    client = inProcess();
    await initialize(client, root);
  });
  afterEach(async () => {
    await client.close();
    rmSync(join(root, '..'), { recursive: true, force: true });
    project.remove();
  });

  it("are the client's own URI strings, with the document's version", async () => {
    const template = join(root, 'emails', 'order', 'email.html');
    const fixture = join(root, 'emails', 'order', 'data', 'a.json');
    const t = vscodeUri(template);
    const f = vscodeUri(fixture);
    expect(t).toContain('%20%281%29%20%40v2');
    expect(t).not.toBe(uri(template));
    const text = TEMPLATE.replace('$!item.price', '$!item.size');
    await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: t, languageId: 'html', version: 1, text } });
    await client.conn.sendNotification('textDocument/didOpen', { textDocument: { uri: f, languageId: 'json', version: 3, text: readFileSync(fixture, 'utf8') } });
    const found = await client.diagnosticsAt(t, (d) => d.some((x) => x.code === 'unknown-payload-key'));
    expect(found.find((x) => x.code === 'unknown-payload-key')!.relatedInformation?.[0]?.location.uri).toBe(f);
    const last = client.published.filter((p) => p.uri === t).at(-1)!;
    expect(last.version).toBe(1);
    // nothing is published under the other spelling
    expect(client.published.some((p) => p.uri === uri(template) || p.uri === uri(fixture))).toBe(false);
  });
});
