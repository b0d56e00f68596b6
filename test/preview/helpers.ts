/** Shared pieces of the preview tests: a temp copy of samples/, raw HTTP, Chromium. */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const SAMPLES = fileURLToPath(new URL('../../samples', import.meta.url));

/** A throwaway copy of samples/ (the tests edit templates and add fixtures). */
export function copySamples(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'velvet-preview-'));
  cpSync(SAMPLES, dir, { recursive: true });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** An HTTP request sent exactly as given: the path is not normalised and Host can be anything. */
export function raw(
  url: string,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawResponse> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: u.hostname, port: u.port, path, method: options.method ?? 'GET', headers: options.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

/** The session token the server put into the page. */
export async function pageToken(url: string): Promise<string> {
  const html = await (await fetch(url)).text();
  const m = /name="velvet-token" content="([^"]+)"/.exec(html);
  if (!m?.[1]) throw new Error('no token in the page');
  return m[1];
}

export function postJson(url: string, path: string, body: unknown, token?: string): Promise<Response> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== undefined) headers['x-velvet-token'] = token;
  return fetch(new URL(path, url), { method: 'POST', headers, body: JSON.stringify(body) });
}

export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** Chromium with a fresh profile (a persistent context in a temp user-data dir). */
export async function launchChromium(
  viewport = { width: 1440, height: 900 },
): Promise<{ context: BrowserContext; page: Page; close(): Promise<void> }> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'velvet-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
