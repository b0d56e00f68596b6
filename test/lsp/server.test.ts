/** The language server driven in-process through two streams by a JSON-RPC client. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CodeAction, CompletionItem, DocumentSymbol, FoldingRange, Hover, Location } from 'vscode-languageserver-protocol';
import { OPEN_PREVIEW, PREVIEW_TARGET } from '../../src/lsp/index.js';
import { closeSession, inProcess, initialize, openSession, uri, type TestClient } from './client.js';
import { TEMPLATE, pos, type Project } from './project.js';

describe('language server (in-process)', () => {
  let project: Project;
  let client: TestClient;
  beforeEach(async () => ({ project, client } = await openSession()));
  afterEach(() => closeSession({ project, client }));

  const doc = (file: string) => ({ textDocument: { uri: uri(file) } });

  it('announces its capabilities', async () => {
    const c = inProcess();
    const r = (await initialize(c, project.root)) as { capabilities: Record<string, unknown> };
    expect(r.capabilities).toMatchObject({ hoverProvider: true, definitionProvider: true, documentSymbolProvider: true, foldingRangeProvider: true });
    expect((r.capabilities['completionProvider'] as { triggerCharacters: string[] }).triggerCharacters).toEqual(expect.arrayContaining(['$', '.', '#']));
    await c.close();
  });

  it('publishes lint findings as the text changes, with rule id and doc link, and clears them', async () => {
    // problems are errors and warnings (1, 2); information (partial client support) may stay
    const problems = (list: { severity?: number }[]) => list.filter((d) => (d.severity ?? 1) <= 2);
    await client.open(project.template, TEMPLATE);
    expect(problems(await client.diagnostics(project.template))).toEqual([]);
    const broken = TEMPLATE.replace('$!firstName', '$firstNme');
    await client.change(project.template, broken);
    const found = await client.diagnostics(project.template, (d) => d.length > 0);
    const unknown = found.find((d) => d.code === 'unknown-payload-key')!;
    expect(unknown.message).toMatch(/No fixture provides 'firstNme'; did you mean 'firstName'/);
    expect(unknown.range.start).toEqual(pos(broken, 'firstNme'));
    expect(unknown.codeDescription?.href).toMatch(/^file:.*docs\/rules\/unknown-payload-key\.md$/);
    expect(unknown.relatedInformation?.map((r) => r.location.uri)).toEqual([uri(project.fixtureA), uri(project.fixtureB)]);
    expect(found.some((d) => d.code === 'loud-reference')).toBe(true);
    await client.change(project.template, TEMPLATE);
    expect(problems(await client.diagnostics(project.template, (d) => problems(d).length === 0))).toEqual([]);
  });

  it('reports several syntax errors at once', async () => {
    await client.open(project.template, '#if($a == )\nx\n#foreach($x in)\n#end\n#end\n');
    const found = await client.diagnostics(project.template, (d) => d.length > 0);
    expect(found.filter((d) => d.code === 'syntax').length).toBeGreaterThanOrEqual(2);
  });

  it('re-checks the template when an open fixture changes, and reports findings in the fixture', async () => {
    await client.open(project.template, TEMPLATE.replace('$!item.price', '$!item.color'));
    // b.json has color, a.json does not: no finding yet (one fixture provides it)
    expect((await client.diagnostics(project.template)).filter((d) => d.code === 'unknown-payload-key')).toEqual([]);
    const b = readFileSync(project.fixtureB, 'utf8');
    await client.open(project.fixtureB, b.replace('"color": "red"', '"colour": "red"'), 'json');
    const found = await client.diagnostics(project.template, (d) => d.some((x) => x.code === 'unknown-payload-key'));
    expect(found.find((x) => x.code === 'unknown-payload-key')!.message).toMatch(/'color'/);
    await client.change(project.fixtureB, '{ "firstName": ');
    const inFixture = await client.diagnostics(project.fixtureB, (d) => d.length > 0);
    expect(inFixture[0]!.code).toBe('fixture-invalid');
  });

  it('says why an open email.json buffer is not used, and when the email does not load', async () => {
    const meta = join(project.email, 'email.json');
    await client.open(project.template, TEMPLATE);
    await client.open(meta, '{"subject": ', 'json');
    const bad = await client.diagnostics(meta, (d) => d.length > 0);
    expect(bad[0]).toMatchObject({ code: 'email-json', severity: 1 });
    await client.change(meta, '{"subject": "Fixed"}');
    await client.diagnostics(meta, (d) => d.length === 0);
    writeFileSync(meta, '{"subject": 5');
    const broken = await client.diagnostics(meta, (d) => d.some((x) => x.code === 'email-load'));
    expect(broken.find((x) => x.code === 'email-load')!.message).toMatch(/^The email does not load/);
  });

  it('re-checks when a fixture changes on disk', async () => {
    await client.open(project.template, TEMPLATE.replace('$!item.price', '$!item.size'));
    expect((await client.diagnostics(project.template, (d) => d.length > 0)).map((d) => d.code)).toContain('unknown-payload-key');
    for (const f of [project.fixtureA, project.fixtureB]) writeFileSync(f, readFileSync(f, 'utf8').replace('"price"', '"size": 1, "price"'));
    await client.diagnostics(project.template, (d) => !d.some((x) => x.code === 'unknown-payload-key'));
  });

  it('re-checks every open email when the config changes on disk', async () => {
    await client.open(project.template, TEMPLATE.replace('$!firstName', '$firstName'));
    expect((await client.diagnostics(project.template, (d) => d.length > 0)).map((d) => d.code)).toContain('loud-reference');
    writeFileSync(join(project.root, 'velvet.config.json'), JSON.stringify({ emails: 'emails', lint: { rules: { 'loud-reference': 'off' } } }));
    await client.diagnostics(project.template, (d) => !d.some((x) => x.code === 'loud-reference'));
  });

  it('lints a .vm file outside every email on its own', async () => {
    const file = join(project.root, 'partials', 'footer.vm');
    await client.open(file, '#if($a)\n', 'velocity');
    const found = await client.diagnostics(file, (d) => d.length > 0);
    expect(found[0]).toMatchObject({ code: 'syntax', message: expect.stringMatching(/#if is not closed/) });
  });

  it('completes the keys of the items after $item. and the directive snippets after #', async () => {
    const text = TEMPLATE.replace('$!item.name:', '$!item.');
    await client.open(project.template, text);
    const items = (await client.conn.sendRequest('textDocument/completion', { ...doc(project.template), position: pos(text, '$!item.', 7) })) as CompletionItem[];
    expect(items.map((i) => i.label)).toEqual(expect.arrayContaining(['name', 'price', 'color']));
    const d = (await client.conn.sendRequest('textDocument/completion', { ...doc(project.template), position: pos(text, '#set', 1) })) as CompletionItem[];
    expect(d.map((i) => i.label)).toEqual(expect.arrayContaining(['foreach', 'if', 'button']));
  });

  it('hovers a payload reference with its type, values per fixture and absence count', async () => {
    await client.open(project.template, TEMPLATE);
    const h = (await client.conn.sendRequest('textDocument/hover', { ...doc(project.template), position: pos(TEMPLATE, 'item.price', 6) })) as Hover;
    const value = (h.contents as { value: string }).value;
    expect(value).toContain('order.items[].price');
    expect(value).toContain('java.lang.Integer');
    expect(value).toMatch(/a: `10`[\s\S]*b: `3`/);
    expect(value).toContain('present in all 2 fixtures');
    const tool = TEMPLATE.replace('$!greeting,', '$mathTool.add(1, 2)');
    await client.change(project.template, tool);
    const t = (await client.conn.sendRequest('textDocument/hover', { ...doc(project.template), position: pos(tool, 'add(', 1) })) as Hover;
    expect((t.contents as { value: string }).value).toContain('$mathTool.add(Object a, Object b)');
  });

  it('goes to the #macro, the first #set and the key in every fixture', async () => {
    await client.open(project.template, TEMPLATE);
    const def = async (needle: string, delta: number) => (await client.conn.sendRequest('textDocument/definition', { ...doc(project.template), position: pos(TEMPLATE, needle, delta) })) as Location[];
    const macro = await def("#button('Shop'", 2);
    expect(macro[0]!.range.start).toEqual(pos(TEMPLATE, 'button $label'));
    const set = await def('$!greeting,', 3);
    expect(set[0]!.range.start).toEqual(pos(TEMPLATE, '$greeting ='));
    const key = await def('$!firstName', 4);
    expect(key.map((l) => l.uri)).toEqual([uri(project.fixtureA), uri(project.fixtureB)]);
    expect(key[0]!.range.start).toEqual(pos(readFileSync(project.fixtureA, 'utf8'), '"firstName"'));
  });

  it('goes from a macro parameter in the body to the parameter in the #macro line', async () => {
    const text = TEMPLATE.replace('#set($greeting', '#macro(greet $who $n) Hi $who, ${who}! $!who.length() #end\n#set($greeting');
    await client.open(project.template, text);
    const def = async (needle: string, delta: number) => (await client.conn.sendRequest('textDocument/definition', { ...doc(project.template), position: pos(text, needle, delta) })) as Location[];
    const param = pos(text, '$who $n');
    const end = { line: param.line, character: param.character + '$who'.length };
    for (const [needle, delta] of [['$who,', 2], ['${who}', 3], ['$!who.length', 3]] as const) {
      expect(await def(needle, delta), needle).toEqual([{ uri: uri(project.template), range: { start: param, end } }]);
    }
    // the template's own $label and $url parameters, in the button macro
    expect((await def('$label</a>', 1))[0]!.range.start).toEqual(pos(text, '$label $url'));
    // on the parameter itself there is nowhere else to go
    expect(await def('$who $n', 1)).toEqual([]);
  });

  it('lists symbols and folding ranges', async () => {
    await client.open(project.template, TEMPLATE);
    const symbols = (await client.conn.sendRequest('textDocument/documentSymbol', doc(project.template))) as DocumentSymbol[];
    expect(symbols.map((s) => s.name)).toEqual(['#button', '$greeting', '#foreach $item']);
    const folds = (await client.conn.sendRequest('textDocument/foldingRange', doc(project.template))) as FoldingRange[];
    expect(folds).toContainEqual(expect.objectContaining({ startLine: 4, endLine: 5 }));
  });

  it('offers quick fixes: $!, $foreach.count, wrapping, and a missing key added to a fixture', async () => {
    const text = TEMPLATE.replace('$!firstName', '$firstName $velocityCount').replace('<p>$!item.name: $!item.price</p>', '#if($item)<p>$!item.sku</p>#end');
    await client.open(project.template, text);
    const found = await client.diagnostics(project.template, (d) => d.length >= 5);
    expect(found.map((d) => d.code)).toEqual(expect.arrayContaining(['loud-reference', 'no-velocity-count', 'directive-not-wrapped', 'unknown-payload-key']));
    const actions = (await client.conn.sendRequest('textDocument/codeAction', { ...doc(project.template), range: found[0]!.range, context: { diagnostics: found } })) as CodeAction[];
    const titles = actions.map((a) => a.title);
    expect(titles).toEqual(expect.arrayContaining(['Write $!firstName', 'Use $foreach.count', 'Wrap as <!--#if($item)-->', "Add 'sku' to fixture a.json", "Add 'sku' to fixture b.json"]));
    const add = actions.find((a) => a.title === "Add 'sku' to fixture a.json")!;
    const edit = add.edit!.changes![uri(project.fixtureA)]![0]!;
    const fixture = readFileSync(project.fixtureA, 'utf8').split('\n');
    const line = fixture[edit.range.start.line]!;
    fixture[edit.range.start.line] = line.slice(0, edit.range.start.character) + edit.newText + line.slice(edit.range.start.character);
    expect(JSON.parse(fixture.join('\n')).order.items[0]).toEqual({ sku: '', name: 'Sock', price: 10 });
  });

  it('opens the preview on the same workspace: it renders the unsaved text', async () => {
    await client.open(project.template, TEMPLATE.replace('<p>$!greeting', '<p>unsaved-one $!greeting'));
    const { url, email } = (await client.conn.sendRequest(OPEN_PREVIEW, { uri: uri(project.template) })) as { url: string; email: string };
    expect(email).toBe('order');
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#\/order$/);
    const page = await (await fetch(url)).text();
    const token = /name="velvet-token" content="([^"]+)"/.exec(page)![1]!;
    const render = async () => {
      const r = await fetch(new URL('/__velvet/api/render', url), { method: 'POST', headers: { 'content-type': 'application/json', 'x-velvet-token': token }, body: JSON.stringify({ clientId: 'test', email: 'order' }) });
      return ((await r.json()) as { result: { html: string } }).result.html;
    };
    expect(await render()).toContain('unsaved-one Hello, Olena');
    await client.change(project.template, TEMPLATE.replace('<p>$!greeting', '<p>unsaved-two $!greeting'));
    await client.diagnostics(project.template);
    expect(await render()).toContain('unsaved-two Hello, Olena');
    expect((await client.conn.sendRequest(OPEN_PREVIEW, { uri: uri(project.template) })) as { url: string }).toMatchObject({ url });
  });

  it('tells the editor which email a document belongs to, for the preview', async () => {
    await client.open(project.template, TEMPLATE);
    expect(await client.conn.sendRequest(PREVIEW_TARGET, { uri: uri(project.template) })).toEqual({ email: 'order', root: project.root, hash: '#/order' });
  });
});
