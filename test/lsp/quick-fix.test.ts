/** "Add key to fixture" keeps the fixture's line endings. */
import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CodeAction } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { closeSession, inProcess, initialize, uri, type TestClient } from './client.js';
import { TEMPLATE, makeProject, type Project } from './project.js';

describe('the add-key quick fix', () => {
  let project: Project;
  let client: TestClient;
  beforeEach(async () => {
    project = makeProject();
    for (const f of [project.fixtureA, project.fixtureB]) writeFileSync(f, readFileSync(f, 'utf8').replace(/\n/g, '\r\n'));
    client = inProcess();
    await initialize(client, project.root);
  });
  afterEach(() => closeSession({ project, client }));

  it('keeps a CRLF fixture CRLF', async () => {
    const text = TEMPLATE.replace('$!item.price', '$!item.sku').replace('$!firstName', '$!nickname');
    await client.open(project.template, text);
    const found = await client.diagnostics(project.template, (d) => d.filter((x) => x.code === 'unknown-payload-key').length === 2);
    const fixture = readFileSync(project.fixtureA, 'utf8');
    for (const d of found.filter((x) => x.code === 'unknown-payload-key')) {
      const actions = (await client.conn.sendRequest('textDocument/codeAction', { textDocument: { uri: uri(project.template) }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
      const add = actions.find((a) => a.title.endsWith('a.json'))!;
      const edits = add.edit!.changes![uri(project.fixtureA)]!;
      const after = TextDocument.applyEdits(TextDocument.create(uri(project.fixtureA), 'json', 1, fixture), edits);
      expect(after.replace(/\r\n/g, ''), add.title).not.toContain('\n');
      const value = JSON.parse(after) as { nickname?: string; order: { items: { sku?: string }[] } };
      expect(value.nickname ?? value.order.items[0]!.sku).toBe('');
    }
  });
});
