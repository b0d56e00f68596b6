/**
 * Nothing navigates the email frame away from the document velvet wrote, in a real Chromium:
 * SVG links (`xlink:href` and `href`), image-map areas, forms, `javascript:` links and links
 * with a target are all held in the frame; and should a page get into the frame anyway, it never
 * receives a render (the UI talks only to the document that proved it holds the frame's nonce,
 * over a channel that document created) and cannot make the UI open tabs.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreview, type PreviewServer } from '../../src/preview/index.js';
import { copySamples, launchChromium } from './helpers.js';

/** A page that tries every way to get renders and tabs out of the UI once it is in the frame. */
const EVIL = `<!doctype html><html><body><p id="evil">evil page</p><script>
const report = (what, data) => fetch('/got-' + what, { method: 'POST', body: JSON.stringify(data) });
window.addEventListener('message', (e) => report('message', e.data));
const ch = new MessageChannel();
ch.port1.onmessage = (e) => report('port', e.data);
parent.postMessage({ type: 'velvet:ready' }, '*');
parent.postMessage({ type: 'velvet:ready', nonce: 'guessed' }, '*', [ch.port2]);
parent.postMessage({ type: 'velvet:link', href: 'https://opened.example/' }, '*');
</script></body></html>`;

async function startSite(): Promise<{ url: string; hits: string[]; close(): Promise<void> }> {
  const hits: string[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      hits.push(`${req.method} ${req.url} [${String(req.headers['sec-fetch-dest'])}] ${Buffer.concat(chunks).toString('utf8').slice(0, 200)}`.trim());
      res.setHeader('Content-Type', 'text/html');
      res.end(req.url === '/evil.html' ? EVIL : '<p>navigated</p>');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, hits, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('the email frame is never navigated away', { timeout: 60_000 }, () => {
  let project: ReturnType<typeof copySamples>;
  let server: PreviewServer;
  let chromium: Awaited<ReturnType<typeof launchChromium>>;
  let page: Page;
  let site: Awaited<ReturnType<typeof startSite>>;
  let template: string;
  let popups = 0;
  const body = () => page.frameLocator('velvet-frame iframe').locator('body');
  const frame = () => page.frameLocator('velvet-frame iframe');
  /** Requests that would replace the frame's document (a new tab is a `document`, not an `iframe`). */
  const navigations = () => site.hits.filter((h) => h.includes('[iframe]'));

  beforeAll(async () => {
    site = await startSite();
    project = copySamples();
    const email = join(project.dir, 'nav');
    mkdirSync(join(email, 'data'), { recursive: true });
    writeFileSync(join(email, 'data', 'one.json'), JSON.stringify({ name: 'One' }));
    template = join(email, 'email.html');
    writeFileSync(
      template,
      [
        '<html><body><p id="hello">Hello $name</p>',
        `<svg id="svg1" width="120" height="30"><a xlink:href="${site.url}/svg"><rect width="120" height="30" fill="red"/></a></svg>`,
        `<svg id="svg2" width="120" height="30"><a href="${site.url}/svg2"><text x="4" y="20">svg link</text></a></svg>`,
        `<map name="m"><area shape="rect" coords="0,0,120,30" href="${site.url}/area"></map>`,
        '<img id="mapped" usemap="#m" width="120" height="30" alt="map" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">',
        `<form action="${site.url}/form" method="get"><input name="q" value="x"><button id="submit">Go</button></form>`,
        `<a id="js" href="javascript:location='${site.url}/js'">js</a>`,
        `<a id="blank" target="_blank" href="${site.url}/blank">new tab</a>`,
        '</body></html>',
      ].join('\n'),
    );
    server = await startPreview({ dir: project.dir, port: 0, env: {} });
    chromium = await launchChromium();
    page = chromium.page;
    chromium.context.on('page', () => popups++);
    page.setDefaultTimeout(15_000);
    await page.goto(`${server.url}#/nav/one`);
    await body().filter({ hasText: 'Hello One' }).waitFor();
  });

  afterAll(async () => {
    await chromium?.close();
    await server?.close();
    await site?.close();
    project?.remove();
  });

  it('holds SVG links, image-map areas, forms, javascript: links and target=_blank links in the frame', async () => {
    const vectors: Array<[string, () => Promise<void>]> = [
      ['svg xlink:href', () => frame().locator('#svg1 rect').click()],
      ['svg href', () => frame().locator('#svg2 text').click()],
      ['image-map area', () => frame().locator('#mapped').click({ position: { x: 10, y: 10 } })],
      ['form', () => frame().locator('#submit').click()],
      ['javascript: link', () => frame().locator('#js').click()],
      ['target=_blank', () => frame().locator('#blank').click()],
      ['middle click', () => frame().locator('#blank').click({ button: 'middle' })],
    ];
    for (const [name, act] of vectors) {
      await act();
      await page.waitForTimeout(300);
      expect(navigations(), name).toEqual([]);
      expect(await body().textContent(), name).toContain('Hello One');
    }
    // the http(s) links were handed to the UI, which opens them as new tabs (not in the frame)
    expect(popups).toBeGreaterThan(0);
  });

  it('never sends a render to a page that got into the frame, nor opens the tabs it asks for', async () => {
    const before = popups;
    const child = page.frames().find((f) => f !== page.mainFrame());
    if (!child) throw new Error('no email frame');
    await child.goto(`${site.url}/evil.html`).catch(() => undefined);
    // a re-render of the same email right away: it must go to a fresh velvet document only
    writeFileSync(template, readFileSync(template, 'utf8').replace('Hello $name', 'Hello again $name'));
    await body().filter({ hasText: 'Hello again One' }).waitFor();
    await page.waitForTimeout(500);
    expect(site.hits.some((h) => h.startsWith('GET /evil.html [iframe]'))).toBe(true);
    expect(site.hits.filter((h) => h.startsWith('POST /got-'))).toEqual([]);
    expect(popups).toBe(before);
  });
});
