/** A velvet.config.json broken on disk is reported on that file; the last good config stays in force. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeSession, initialize, openSession, type TestClient } from './client.js';
import { TEMPLATE, type Project } from './project.js';

describe('a broken velvet.config.json', () => {
  let project: Project;
  let client: TestClient;
  beforeEach(async () => ({ project, client } = await openSession()));
  afterEach(() => closeSession({ project, client }));

  it('is published at the JSON error and cleared once fixed', async () => {
    const config = join(project.root, 'velvet.config.json');
    const loud = TEMPLATE.replace('$!firstName', '$firstName');
    await client.open(project.template, loud);
    await client.diagnostics(project.template, (d) => d.some((x) => x.code === 'loud-reference'));
    writeFileSync(config, JSON.stringify({ emails: 'emails', lint: { rules: { 'loud-reference': 'off' } } }));
    await client.diagnostics(project.template, (d) => !d.some((x) => x.code === 'loud-reference'));

    writeFileSync(config, '{"emails": "emails",\n  "lint": { \n');
    const [problem, ...rest] = await client.diagnostics(config, (d) => d.length > 0);
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ severity: 1, source: 'velvet', code: 'config', range: { start: { line: 2, character: 0 } } });
    expect(problem!.message).toMatch(/Unexpected end of input[\s\S]*the last good velvet\.config\.json is used until this is fixed/);
    // the last good config stays in force: loud-reference is still off
    await client.change(project.template, loud.replace('<p>$!item.name', '<p>$item.name'));
    expect((await client.diagnostics(project.template)).map((d) => d.code)).not.toContain('loud-reference');

    writeFileSync(config, JSON.stringify({ emails: 'emails' }));
    await client.diagnostics(config, (d) => d.length === 0);
    await client.diagnostics(project.template, (d) => d.some((x) => x.code === 'loud-reference'));
  });
});

describe('a velvet.config.json already broken when the project opens', () => {
  let project: Project;
  let client: TestClient;
  beforeEach(async () => ({ project, client } = await openSession({ initialize: false })));
  afterEach(() => closeSession({ project, client }));

  // `$!nope` is read by no fixture: unknown-payload-key shows that the email's fixtures are in use
  const text = TEMPLATE.replace('$!firstName', '$firstName $!nope');

  it('is published at the JSON error, the template is checked alone meanwhile, and the project opens once it is fixed', async () => {
    const config = join(project.root, 'velvet.config.json');
    writeFileSync(config, '{"emails": "emails",\n  "lint": { \n');
    await initialize(client, project.root);
    const problems = client.diagnostics(config, (d) => d.length > 0);
    await client.open(project.template, text);
    const [problem, ...rest] = await problems;
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ severity: 1, source: 'velvet', code: 'config', range: { start: { line: 2, character: 0 } } });
    expect(problem!.message).toMatch(/Unexpected end of input[\s\S]*default config/);
    // the template is still checked (with the default config, without fixtures), and says why
    const alone = await client.diagnostics(project.template, (d) => d.some((x) => x.code === 'loud-reference'));
    expect(alone.map((d) => d.code)).not.toContain('unknown-payload-key');
    expect(alone.find((d) => d.code === 'config')?.message).toMatch(/velvet\.config\.json[\s\S]*default config/);

    const cleared = client.diagnostics(config, (d) => d.length === 0);
    const checked = client.diagnostics(project.template, (d) => d.some((x) => x.code === 'unknown-payload-key'));
    writeFileSync(config, JSON.stringify({ emails: 'emails' }));
    await cleared;
    expect((await checked).map((d) => d.code)).not.toContain('config');
  });

  it('reports a schema error at its value and recovers when the file is fixed', async () => {
    const config = join(project.root, 'velvet.config.json');
    writeFileSync(config, '{\n  "emails": "emails",\n  "lint": { "maxImageKB": "big" }\n}\n');
    await initialize(client, project.root);
    const problems = client.diagnostics(config, (d) => d.length > 0);
    await client.open(project.template, text);
    const [problem] = await problems;
    expect(problem).toMatchObject({ code: 'config', range: { start: { line: 2, character: 26 } } });
    expect(problem!.message).toMatch(/maxImageKB' must be a number/);

    const checked = client.diagnostics(project.template, (d) => d.some((x) => x.code === 'unknown-payload-key'));
    writeFileSync(config, '{\n  "emails": "emails",\n  "lint": { "maxImageKB": 300 }\n}\n');
    await client.diagnostics(config, (d) => d.length === 0);
    await checked;
  });
});
