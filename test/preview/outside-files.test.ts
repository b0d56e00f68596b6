/**
 * A project folder is untrusted: an email.html or email.json that is a symlink to a file
 * elsewhere on the machine must never reach the browser, neither as a render, a subject nor a
 * source text. The email is listed with an error that says why it does not load.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreview, type PreviewServer } from '../../src/preview/index.js';
import { copySamples, pageToken, postJson } from './helpers.js';

describe('files that lead out of the project', { timeout: 60_000 }, () => {
  let project: ReturnType<typeof copySamples>;
  let outside: string;
  let server: PreviewServer;
  let token: string;
  const bodies: string[] = [];
  const get = async (path: string): Promise<string> => {
    const text = await (await fetch(new URL(path, server.url), { headers: { 'x-velvet-token': token } })).text();
    bodies.push(text);
    return text;
  };
  const render = async (email: string): Promise<string> => {
    const text = await (await postJson(server.url, '/__velvet/api/render', { clientId: 'c', email }, token)).text();
    bodies.push(text);
    return text;
  };

  beforeAll(async () => {
    project = copySamples();
    outside = mkdtempSync(join(tmpdir(), 'velvet-outside-'));
    writeFileSync(join(outside, 'secret.html'), '<p>OUTSIDE-TEMPLATE</p>');
    writeFileSync(join(outside, 'secret.json'), '{"subject":"OUTSIDE-META"}');
    mkdirSync(join(project.dir, 'linked-template'));
    symlinkSync(join(outside, 'secret.html'), join(project.dir, 'linked-template', 'email.html'));
    mkdirSync(join(project.dir, 'linked-meta'));
    writeFileSync(join(project.dir, 'linked-meta', 'email.html'), '<p>own template</p>');
    symlinkSync(join(outside, 'secret.json'), join(project.dir, 'linked-meta', 'email.json'));
    // a link that stays inside the project is fine
    mkdirSync(join(project.dir, 'linked-inside'));
    symlinkSync(join(project.dir, 'welcome', 'email.html'), join(project.dir, 'linked-inside', 'email.html'));
    server = await startPreview({ dir: project.dir, port: 0, env: {} });
    token = await pageToken(server.url);
  });

  afterAll(async () => {
    await server?.close();
    project?.remove();
    rmSync(outside, { recursive: true, force: true });
  });

  it('lists such an email with an error and renders nothing of the file', async () => {
    const emails = JSON.parse(await get('/__velvet/api/emails')) as Array<{ name: string; error?: { message: string } }>;
    for (const name of ['linked-template', 'linked-meta']) {
      expect(emails.find((e) => e.name === name)?.error?.message, name).toMatch(/leads outside the project folder \(through a symlink\); not read/);
      expect(JSON.parse(await render(name)).result.ok, name).toBe(false);
      await get(`/__velvet/api/source?email=${name}`);
    }
    expect(bodies.join('\n')).not.toMatch(/OUTSIDE-(TEMPLATE|META)/);
  });

  it('still shows an email whose link stays inside the project', async () => {
    const emails = JSON.parse(await get('/__velvet/api/emails')) as Array<{ name: string; error?: unknown }>;
    expect(emails.find((e) => e.name === 'linked-inside')?.error).toBeUndefined();
    expect(JSON.parse(await render('linked-inside')).result.ok).toBe(true);
  });
});
