/** A velvet.config.json broken on disk is reported on that file; the last good config stays in force. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inProcess, initialize, type TestClient } from './client.js';
import { TEMPLATE, makeProject, type Project } from './project.js';

describe('a broken velvet.config.json', () => {
  let project: Project;
  let client: TestClient;
  beforeEach(async () => {
    project = makeProject();
    client = inProcess();
    await initialize(client, project.root);
  });
  afterEach(async () => {
    await client.close();
    project.remove();
  });

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
