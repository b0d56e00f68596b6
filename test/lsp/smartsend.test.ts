/**
 * A smartsend fixture's payload is a JSON string (`recipients[].jsonParam`): go to definition on a
 * payload key lands on the key inside that string, at its line and column in the fixture file.
 */
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Location } from 'vscode-languageserver-protocol';
import { inProcess, initialize, uri, type TestClient } from './client.js';
import { pos } from './project.js';

const SAMPLE = fileURLToPath(new URL('../../samples/smartsend-recommendations', import.meta.url));

describe('go to definition into smartsend fixtures', () => {
  let root: string;
  let email: string;
  let client: TestClient;
  beforeEach(async () => {
    root = mkdtempSync(join(tmpdir(), 'velvet-lsp-smartsend-'));
    email = join(root, 'smartsend-recommendations');
    cpSync(SAMPLE, email, { recursive: true });
    // escapes before the key (\n, \", \u) and a second recipient that has the key on a later line
    const inner = JSON.stringify({ note: 'line\nbreak "q" é', firstName: 'Zoë' });
    const body = JSON.stringify({ recipients: [{ locator: 'a@example.com', jsonParam: '{}' }, { locator: 'b@example.com', jsonParam: inner }] }, null, 2).replace('é', '\\u00e9');
    writeFileSync(join(email, 'data', 'zz-escaped.json'), body + '\n');
    client = inProcess();
    await initialize(client, root);
  });
  afterEach(async () => {
    await client.close();
    rmSync(root, { recursive: true, force: true });
  });

  it("goes from $!data.get('firstName') to the key inside each recipient's jsonParam", async () => {
    const template = join(email, 'email.html');
    const text = readFileSync(template, 'utf8');
    await client.open(template, text);
    const def = (await client.conn.sendRequest('textDocument/definition', {
      textDocument: { uri: uri(template) },
      position: pos(text, "$!data.get('firstName')", "$!data.get('".length + 2),
    })) as Location[];
    const data = join(email, 'data');
    const having = readdirSync(data).filter((f) => readFileSync(join(data, f), 'utf8').includes('\\"firstName\\"')).sort();
    expect(having.length).toBe(3);
    expect(def.map((l) => l.uri).sort()).toEqual(having.map((f) => uri(join(data, f))).sort());
    for (const l of def) {
      const fixture = readFileSync(fileURLToPath(l.uri), 'utf8');
      // the key's opening quote, written `\"` inside the string
      expect(l.range.start, l.uri).toEqual(pos(fixture, '\\"firstName\\"'));
    }
  });
});
