/**
 * What the preview prints in the terminal: each problem once per change, however many tabs show
 * the email and however many render requests they make; broken fixture files are printed too.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreview, type PreviewServer } from '../../src/preview/index.js';
import { copySamples, pageToken, postJson } from './helpers.js';

describe('terminal output of the preview', { timeout: 60_000 }, () => {
  let project: ReturnType<typeof copySamples>;
  let server: PreviewServer;
  let token: string;
  const printed: string[] = [];
  const count = (re: RegExp) => printed.filter((t) => re.test(t)).length;
  const settle = () => new Promise((r) => setTimeout(r, 400));
  const render = (clientId: string, email: string, fixture?: string) =>
    postJson(server.url, '/__velvet/api/render', { clientId, email, fixture }, token).then((r) => r.json());

  beforeAll(async () => {
    project = copySamples();
    server = await startPreview({ dir: project.dir, port: 0, env: {}, log: (t) => printed.push(t) });
    token = await pageToken(server.url);
    // three tabs on emails of the project
    await render('tab-1', 'welcome');
    await render('tab-2', 'welcome');
    await render('tab-3', 'birthday');
  });

  afterAll(async () => {
    await server?.close();
    project?.remove();
  });

  it('prints a parse error once, not once per tab or render request', async () => {
    const template = join(project.dir, 'welcome', 'email.html');
    const original = readFileSync(template, 'utf8');
    writeFileSync(template, original + '\n#if($broken\n');
    await settle();
    await render('tab-1', 'welcome');
    await render('tab-2', 'welcome');
    await render('tab-1', 'welcome');
    await settle();
    expect(count(/welcome\/email\.html:\d+:\d+/)).toBe(1);
    writeFileSync(template, original);
    await settle();
  });

  it('prints a broken config once per save', async () => {
    const config = join(project.dir, 'velvet.config.json');
    const original = readFileSync(config, 'utf8');
    const before = count(/velvet\.config\.json/);
    writeFileSync(config, '{ "emails": ');
    await settle();
    expect(count(/velvet\.config\.json/) - before).toBe(1);
    writeFileSync(config, original);
    await settle();
  });

  it('prints a fixture file that does not load', async () => {
    writeFileSync(join(project.dir, 'birthday', 'data', 'broken.json'), '{"firstName": ');
    await settle();
    expect(count(/birthday\/data\/broken\.json/)).toBe(1);
  });
});
