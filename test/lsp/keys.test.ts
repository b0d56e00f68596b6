/**
 * Payload keys that are no Velocity identifier (`first-name`, `ім'я`) are completed as a
 * `get('...')` call, and inside `$data.get('` a quote in a key is doubled: the completed text
 * renders the fixture's value with the engine.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CompletionItem, TextEdit } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { render } from '../../src/index.js';
import { closeSession, inProcess, initialize, openSession, uri, type TestClient } from './client.js';
import { makeProject, type Project } from './project.js';

const PAYLOAD = { 'first-name': 'Olena', "ім'я": 'Олена', "it's": 'yes', total: { 'total-sum': 12, "it's": 'inner' }, "qu\"ote": 'dq' };

describe('completion of keys that are no identifiers', () => {
  let project: Project;
  let client: TestClient;
  let opened = false;
  beforeEach(async () => {
    opened = false;
    project = makeProject();
    writeFileSync(project.fixtureA, JSON.stringify(PAYLOAD, null, 2));
    writeFileSync(project.fixtureB, JSON.stringify(PAYLOAD, null, 2));
    client = inProcess();
    await initialize(client, project.root);
  });
  afterEach(() => closeSession({ project, client }));

  /** The text with the item labelled `label` applied at the `|` marker, rendered with the payload. */
  const complete = async (marked: string, label: string): Promise<{ text: string; output: string }> => {
    const offset = marked.indexOf('|');
    const text = marked.slice(0, offset) + marked.slice(offset + 1);
    if (opened) await client.change(project.template, text);
    else await client.open(project.template, text);
    opened = true;
    const doc = TextDocument.create(uri(project.template), 'html', 1, text);
    const items = (await client.conn.sendRequest('textDocument/completion', { textDocument: { uri: uri(project.template) }, position: doc.positionAt(offset) })) as CompletionItem[];
    const item = items.find((i) => i.label === label);
    expect(item, `${label} in ${items.map((i) => i.label).join(', ')}`).toBeDefined();
    const done = TextDocument.applyEdits(doc, [item!.textEdit as TextEdit]);
    return { text: done, output: render(done, PAYLOAD).output };
  };

  it('after $ and $!{ a key with a hyphen or a quote becomes $data.get(...)', async () => {
    expect(await complete('<p>$!fir|</p>', 'first-name')).toEqual({ text: "<p>$!data.get('first-name')</p>", output: '<p>Olena</p>' });
    expect(await complete('<p>$!{|}</p>', "ім'я")).toEqual({ text: "<p>$!{data.get('ім''я')}</p>", output: '<p>Олена</p>' });
    expect((await complete('<p>$|</p>', "it's")).output).toBe('<p>yes</p>');
  });

  it("after $x. such a key becomes $x.get('...')", async () => {
    expect(await complete('<p>$!total.tot|</p>', 'total-sum')).toEqual({ text: "<p>$!total.get('total-sum')</p>", output: '<p>12</p>' });
    expect((await complete('<p>$!total.|</p>', "it's")).output).toBe('<p>inner</p>');
  });

  it("inside $data.get(' a single quote is doubled, inside a double-quoted one a double quote", async () => {
    expect(await complete("<p>$!data.get('|)</p>", "it's")).toEqual({ text: "<p>$!data.get('it''s')</p>", output: '<p>yes</p>' });
    expect(await complete("<p>$!data.get('і|')</p>", "ім'я")).toEqual({ text: "<p>$!data.get('ім''я')</p>", output: '<p>Олена</p>' });
    expect(await complete('<p>$!data.get("|)</p>', 'qu"ote')).toEqual({ text: '<p>$!data.get("qu""ote")</p>', output: '<p>dq</p>' });
  });
});

describe('completion inside the name of a method call', () => {
  let project: Project;
  let client: TestClient;
  beforeEach(async () => ({ project, client } = await openSession()));
  afterEach(() => closeSession({ project, client }));

  it('replaces the name only and keeps the arguments that follow', async () => {
    const text = '<p>$mathTool.mul(1,2)</p>';
    await client.open(project.template, text);
    const doc = TextDocument.create(uri(project.template), 'html', 1, text);
    for (const at of ['$mathTool.'.length, '$mathTool.mu'.length]) {
      const offset = '<p>'.length + at;
      const items = (await client.conn.sendRequest('textDocument/completion', { textDocument: { uri: uri(project.template) }, position: doc.positionAt(offset) })) as CompletionItem[];
      const apply = (label: string) => {
        const item = items.find((i) => i.label === label);
        expect(item, `${label} at ${at}`).toBeDefined();
        return TextDocument.applyEdits(doc, [item!.textEdit as TextEdit]);
      };
      expect(apply('mul')).toBe(text);
      const add = apply('add');
      expect(add).toBe('<p>$mathTool.add(1,2)</p>');
      expect(render(add, {}).output).toBe('<p>3</p>');
    }
  });
});
