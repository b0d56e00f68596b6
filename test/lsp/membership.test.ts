/**
 * A document follows its email as the workspace's email list changes: a template opened before
 * its folder is known joins the email once the watcher reports it, and a template whose email
 * folder goes away is still checked, on its own.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Diagnostic, Hover } from 'vscode-languageserver-protocol';
import { PREVIEW_TARGET } from '../../src/lsp/index.js';
import { closeSession, openSession, uri, type TestClient } from './client.js';
import { pos, type Project } from './project.js';

const codes = (d: Diagnostic[]) => d.map((x) => x.code);

describe('a document and the email list', () => {
  let project: Project;
  let client: TestClient;
  beforeEach(async () => ({ project, client } = await openSession()));
  afterEach(() => closeSession({ project, client }));

  it('a template opened right after it was created joins its email when the watcher sees it', async () => {
    // keep the project's email open, so its workspace is open and watched
    await client.open(project.template, '<p>$!firstName</p>');
    await client.diagnostics(project.template);
    const dir = join(project.root, 'emails', 'fresh');
    mkdirSync(dir);
    const file = join(dir, 'email.html');
    writeFileSync(file, '');
    const text = '<p>$!city $!town</p>';
    await client.open(file, text);
    mkdirSync(join(dir, 'data'));
    writeFileSync(join(dir, 'data', 'x.json'), '{"city":"Kyiv"}');
    writeFileSync(join(dir, 'email.json'), '{"subject":"Hi"}');
    const found = await client.diagnostics(file, (d) => d.some((x) => x.code === 'unknown-payload-key'));
    const unknown = found.filter((x) => x.code === 'unknown-payload-key');
    expect(unknown.map((x) => x.message)).toEqual([expect.stringMatching(/'town'/)]);
    // the meta of the email counts: it has a subject
    expect(codes(found)).not.toContain('missing-subject');
    const h = (await client.conn.sendRequest('textDocument/hover', { textDocument: { uri: uri(file) }, position: pos(text, 'city', 1) })) as Hover;
    expect((h.contents as { value: string }).value).toContain('Kyiv');
    expect(await client.conn.sendRequest(PREVIEW_TARGET, { uri: uri(file) })).toMatchObject({ email: 'fresh', hash: '#/fresh' });
  });

  it('a template whose email folder went away is still checked, on its own', async () => {
    const text = '<p>$!firstName</p>';
    await client.open(project.template, text);
    await client.diagnostics(project.template);
    rmSync(project.email, { recursive: true, force: true });
    // its fixtures are gone: the email's own findings give way to the template's
    await client.change(project.template, '<p>$!firstName</p>\n#if(');
    const found = await client.diagnostics(project.template, (d) => d.some((x) => x.code === 'syntax'));
    expect(codes(found)).toContain('syntax');
    expect(await client.conn.sendRequest(PREVIEW_TARGET, { uri: uri(project.template) })).toEqual({ root: project.root });
  });
});

describe('files that are not templates', () => {
  let project: Project;
  let client: TestClient;
  beforeEach(async () => ({ project, client } = await openSession()));
  afterEach(() => closeSession({ project, client }));

  it('JSON outside the email folders gets no diagnostics and no completion', async () => {
    const config = join(project.root, 'velvet.config.json');
    const pkg = join(project.root, 'package.json');
    const configText = '{ "$schema": "./node_modules/velvet/schema.json", "emails": "emails" }';
    const pkgText = '{ "scripts": { "lint": "velvet lint ${CI_DIR" } }';
    await client.open(config, configText, 'json');
    await client.open(pkg, pkgText, 'json');
    const completion = await client.conn.sendRequest('textDocument/completion', { textDocument: { uri: uri(pkg) }, position: pos(pkgText, '${', 2) });
    expect(completion).toEqual([]);
    expect(await client.conn.sendRequest('textDocument/completion', { textDocument: { uri: uri(config) }, position: pos(configText, '$schema', 1) })).toEqual([]);
    // a template opened after them is checked; by then the JSON files would have had their turn
    await client.open(project.template, '<p>$!firstName</p>');
    await client.diagnostics(project.template);
    const forJson = client.published.filter((p) => p.uri === uri(config) || p.uri === uri(pkg));
    expect(forJson.flatMap((p) => p.diagnostics)).toEqual([]);
  });

  it('a .vm or .html file outside the emails is still a template', async () => {
    const file = join(project.root, 'partials', 'footer.html');
    await client.open(file, '#if($a)\n');
    expect(codes(await client.diagnostics(file, (d) => d.length > 0))).toContain('syntax');
  });
});
