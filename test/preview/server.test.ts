import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreview, type PreviewServer } from '../../src/preview/index.js';
import { copySamples, pageToken, postJson, raw } from './helpers.js';

const KEY = 'sk-preview-secret-0123456789';

describe('preview server', () => {
  let project: ReturnType<typeof copySamples>;
  let server: PreviewServer;
  let token: string;

  beforeAll(async () => {
    project = copySamples();
    // a secret next to the emails: it must never be served
    writeFileSync(join(project.dir, '.env'), `YESPO_API_KEY=${KEY}\n`);
    server = await startPreview({ dir: project.dir, port: 0, env: { YESPO_API_KEY: KEY, YESPO_API_URL: 'http://127.0.0.1:9/api' } });
    token = await pageToken(server.url);
  });

  afterAll(async () => {
    await server?.close();
    project?.remove();
  });

  it('listens on 127.0.0.1 by default', () => {
    expect(server.host).toBe('127.0.0.1');
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('answers to localhost and 127.0.0.1 and refuses any other Host with 403', async () => {
    const port = server.port;
    expect((await raw(server.url, '/', { headers: { Host: `localhost:${port}` } })).status).toBe(200);
    expect((await raw(server.url, '/', { headers: { Host: `127.0.0.1:${port}` } })).status).toBe(200);
    for (const host of [`evil.example:${port}`, 'attacker.test', `localhost.evil.example:${port}`, `10.0.0.8:${port}`]) {
      for (const path of ['/', '/__velvet/api/emails', '/main.ts', '/@vite/client']) {
        const res = await raw(server.url, path, { headers: { Host: host } });
        expect(res.status, `${host} ${path}`).toBe(403);
        expect(res.body).not.toContain('velvet-token');
      }
    }
  });

  it('forbids framing the UI: X-Frame-Options DENY and frame-ancestors \'none\' on its HTML', async () => {
    for (const path of ['/', '/index.html', '/?x=1', '/no-such-page.html', '/__velvet/files/welcome/logo.png']) {
      const res = await raw(server.url, path);
      expect(res.headers['x-frame-options'], path).toBe('DENY');
      expect(String(res.headers['content-security-policy']), path).toContain("frame-ancestors 'none'");
    }
    const index = await raw(server.url, '/');
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toMatch(/^text\/html/);
    expect(index.body).toContain('velvet-token');
  });

  it('serves nothing outside the project folder and web/', async () => {
    const paths = [
      '/__velvet/files/../../../../etc/passwd',
      '/__velvet/files/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
      '/__velvet/files/..%2f..%2f..%2fetc%2fpasswd',
      '/__velvet/files/%2fetc%2fpasswd',
      '/__velvet/files/welcome/..%5c..%5cpackage.json',
      '/__velvet/files/.env',
      '/__velvet/files/welcome/email.html',
      '/__velvet/files/welcome/data/website-signup.json',
      '/@fs/etc/passwd',
      '/@fs' + join(project.dir, '.env'),
      '/../../../../etc/passwd',
      '/..%2f..%2f..%2fetc%2fpasswd',
      '/../package.json',
      '/%2e%2e/package.json',
      '/node_modules/vite/package.json',
    ];
    for (const path of paths) {
      const res = await raw(server.url, path);
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expect(res.body, path).not.toMatch(/root:x:0:0|"name": "velvet"|YESPO_API_KEY|#foreach/);
    }
  });

  it('serves asset files of the project to the email frame', async () => {
    writeFileSync(join(project.dir, 'welcome', 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    const res = await raw(server.url, '/__velvet/files/welcome/logo.png');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
  });

  it('serves project files sandboxed: a CSP without scripts, nosniff, and SVG as an attachment', async () => {
    writeFileSync(join(project.dir, 'welcome', 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    writeFileSync(join(project.dir, 'welcome', 'pwn.svg'), '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    for (const path of ['/__velvet/files/welcome/logo.png', '/__velvet/files/welcome/pwn.svg', '/__velvet/files/welcome/missing.png', '/__velvet/files/.env']) {
      const res = await raw(server.url, path);
      const csp = String(res.headers['content-security-policy']);
      expect(csp, path).toMatch(/(^|;\s*)sandbox(;|$)/);
      expect(csp, path).toContain("default-src 'none'");
      expect(csp, path).not.toMatch(/script-src/);
      expect(res.headers['x-content-type-options'], path).toBe('nosniff');
    }
    const svg = await raw(server.url, '/__velvet/files/welcome/pwn.svg');
    expect(svg.status).toBe(200);
    expect(svg.headers['content-type']).toBe('image/svg+xml');
    expect(svg.headers['content-disposition']).toBe('attachment');
  });

  it('lists the emails with their fixtures and variants', async () => {
    const emails = (await (await fetch(new URL('/__velvet/api/emails', server.url))).json()) as Array<{ name: string; fixtures: Array<{ name: string; variants: string[] }> }>;
    expect(emails.map((e) => e.name)).toEqual(['abandoned-cart', 'birthday', 'event-discount', 'order-confirmation', 'smartsend-recommendations', 'welcome']);
    const smart = emails.find((e) => e.name === 'smartsend-recommendations');
    expect(smart?.fixtures.length).toBeGreaterThan(0);
    expect(smart?.fixtures.every((f) => f.variants.length >= 1)).toBe(true);
  });

  it('requires the session token for renders, fixture saves and sends (constant-time compare)', async () => {
    const body = { clientId: 'c1', email: 'welcome' };
    expect((await postJson(server.url, '/__velvet/api/render', body)).status).toBe(403);
    expect((await postJson(server.url, '/__velvet/api/render', body, 'wrong')).status).toBe(403);
    expect((await postJson(server.url, '/__velvet/api/render', body, token + 'x')).status).toBe(403);
    expect((await postJson(server.url, '/__velvet/api/fixtures', { email: 'welcome', name: 'x', payload: '{}' })).status).toBe(403);
    expect((await postJson(server.url, '/__velvet/api/send', { email: 'welcome', to: ['a@example.com'], mode: 'data' })).status).toBe(403);
    expect(existsSync(join(project.dir, 'welcome', 'data', 'x.json'))).toBe(false);
    const ok = await postJson(server.url, '/__velvet/api/render', body, token);
    expect(ok.status).toBe(200);
    const { result } = (await ok.json()) as { result: { ok: boolean; subject: string } };
    expect(result.ok).toBe(true);
    expect(result.subject).toContain('Welcome to Northwind, Emma');
  });

  it('renders an edited payload at once, and reports a broken one with its position', async () => {
    const res = await postJson(server.url, '/__velvet/api/render', { clientId: 'c2', email: 'welcome', payload: '{"firstName":"Zoë","promocode":"ZOE10"}' }, token);
    const { result } = (await res.json()) as { result: { ok: boolean; html: string; edited: boolean } };
    expect(result.ok).toBe(true);
    expect(result.edited).toBe(true);
    expect(result.html).toContain('ZOE10');
    const bad = await postJson(server.url, '/__velvet/api/render', { clientId: 'c2', email: 'welcome', payload: '{"a": }' }, token);
    const failed = ((await bad.json()) as { result: { ok: boolean; error: { message: string } } }).result;
    expect(failed.ok).toBe(false);
    expect(failed.error.message).toBeTruthy();
  });

  it('saves a new fixture and refuses to overwrite one with 409 unless confirmed', async () => {
    const file = join(project.dir, 'welcome', 'data', 'from-editor.json');
    const payload = '{"firstName": "Ada", "total": 10.0}';
    const first = await postJson(server.url, '/__velvet/api/fixtures', { email: 'welcome', name: 'from-editor', payload }, token);
    expect(first.status).toBe(201);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('"total": 10.0'); // the literal keeps its Java type (Double)
    expect(JSON.parse(text)).toMatchObject({ $velvet: { format: 'plain' }, firstName: 'Ada' });

    const again = await postJson(server.url, '/__velvet/api/fixtures', { email: 'welcome', name: 'from-editor', payload: '{"firstName":"Other"}' }, token);
    expect(again.status).toBe(409);
    expect(readFileSync(file, 'utf8')).toBe(text);
    const existing = await postJson(server.url, '/__velvet/api/fixtures', { email: 'welcome', name: 'website-signup', payload: '{}' }, token);
    expect(existing.status).toBe(409);

    const confirmed = await postJson(server.url, '/__velvet/api/fixtures', { email: 'welcome', name: 'from-editor', payload: '{"firstName":"Other"}', overwrite: true }, token);
    expect(confirmed.status).toBe(200);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ firstName: 'Other' });

    for (const name of ['../escape', 'a/b', '.hidden', '', 'x'.repeat(200)]) {
      const res = await postJson(server.url, '/__velvet/api/fixtures', { email: 'welcome', name, payload: '{}' }, token);
      expect(res.status, name).toBe(400);
    }
    expect(existsSync(join(project.dir, 'welcome', 'escape.json'))).toBe(false);
  });

  it('refuses to save a fixture through a symlinked data folder (403) and writes nothing outside', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'velvet-outside-'));
    try {
      const data = join(project.dir, 'birthday', 'data');
      renameSync(data, data + '-moved');
      symlinkSync(outside, data);
      const res = await postJson(server.url, '/__velvet/api/fixtures', { email: 'birthday', name: 'escape', payload: '{}' }, token);
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: string }).error).toMatch(/outside the project folder/);
      expect(readdirSync(outside)).toEqual([]);
      rmSync(data);
      renameSync(data + '-moved', data);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('answers the lint tab with findings or "lint not available", only with the session token', async () => {
    const url = new URL('/__velvet/api/lint?email=welcome', server.url);
    expect((await fetch(url)).status).toBe(403);
    expect((await fetch(url, { headers: { 'x-velvet-token': 'wrong' } })).status).toBe(403);
    expect((await fetch(url, { headers: { 'Sec-Fetch-Site': 'same-origin' } })).status).toBe(403);
    const res = await fetch(url, { headers: { 'x-velvet-token': token } });
    expect(res.status).toBe(200);
    const lint = (await res.json()) as { available: boolean; reason?: string; diagnostics?: unknown[] };
    if (lint.available) expect(Array.isArray(lint.diagnostics) || 'error' in lint).toBe(true);
    else expect(lint.reason).toMatch(/not available/);
  });

  it('never puts the API key in any response', async () => {
    const bodies: string[] = [];
    const collect = async (res: Response | Promise<Response>) => bodies.push(await (await res).text());
    await collect(fetch(server.url));
    await collect(fetch(new URL('/__velvet/api/emails', server.url)));
    await collect(fetch(new URL('/velvet-app.ts', server.url)));
    await collect(fetch(new URL('/api.ts', server.url)));
    await collect(postJson(server.url, '/__velvet/api/render', { clientId: 'k', email: 'welcome' }, token));
    // nothing listens on port 9: the send fails, and the failure must not show the key either
    await collect(postJson(server.url, '/__velvet/api/send', { email: 'welcome', to: ['emma@example.com'], mode: 'data' }, token));
    const all = bodies.join('\n');
    expect(all.length).toBeGreaterThan(1000);
    expect(all).not.toContain(KEY);
    expect(all).not.toContain(Buffer.from(`velvet:${KEY}`).toString('base64'));
  });
});
