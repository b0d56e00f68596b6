/**
 * Reload benchmark: the time from saving a template to the updated email in the preview frame.
 *   npm run bench:reload            (CHROMIUM_PATH overrides /usr/bin/chromium)
 * Starts the preview of a temp copy of samples/, opens it in headless Chromium, then saves
 * samples' welcome/email.html 50 times through the file system, each with a new marker. A
 * MutationObserver inside the frame stamps the moment the marker appears; write and stamp use the
 * same wall clock (performance.timeOrigin + performance.now() in both processes). Prints p50/p95.
 * Saves are spaced like a person saving (150 ms apart), so each one is measured on its own.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Frame } from 'playwright-core';
import { startPreview } from '../src/preview/index.js';

const SAVES = 50;
const GAP_MS = 150;
const now = (): number => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const dir = mkdtempSync(join(tmpdir(), 'velvet-bench-'));
const profile = mkdtempSync(join(tmpdir(), 'velvet-bench-chromium-'));
cpSync(fileURLToPath(new URL('../samples', import.meta.url)), dir, { recursive: true });
const template = join(dir, 'welcome', 'email.html');
const original = readFileSync(template, 'utf8');
const withMarker = (marker: string) => original.replace('Thank you for joining', `<span id="velvet-bench">${marker}</span> Thank you for joining`);

const server = await startPreview({ dir, port: 0 });
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1440, height: 900 },
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
});
const samples: number[] = [];
try {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${server.url}#/welcome/website-signup`);
  await page.frameLocator('velvet-frame iframe').locator('body').filter({ hasText: 'Thank you for joining' }).waitFor({ timeout: 30_000 });
  const frame = page.frames().find((f) => f !== page.mainFrame()) as Frame;
  await frame.evaluate(() => {
    const w = window as unknown as { __seen: Record<string, number> };
    w.__seen = {};
    new MutationObserver(() => {
      const marker = document.getElementById('velvet-bench')?.textContent;
      if (marker && !(marker in w.__seen)) w.__seen[marker] = performance.timeOrigin + performance.now();
    }).observe(document, { childList: true, subtree: true, characterData: true });
  });

  for (let i = 0; i < SAVES + 3; i++) {
    const marker = `save-${i}-${Math.random().toString(36).slice(2, 8)}`;
    const written = now();
    writeFileSync(template, withMarker(marker));
    const handle = await frame.waitForFunction((m) => (window as unknown as { __seen: Record<string, number> }).__seen[m], marker, { timeout: 10_000, polling: 5 });
    const seen = (await handle.jsonValue()) as number;
    if (i >= 3) samples.push(seen - written); // the first saves warm up the server and the frame
    await sleep(GAP_MS);
  }
} finally {
  await context.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
  rmSync(profile, { recursive: true, force: true });
}

samples.sort((a, b) => a - b);
const pct = (p: number) => samples[Math.min(samples.length - 1, Math.ceil((p / 100) * samples.length) - 1)] ?? NaN;
const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
console.log(`velvet preview reload: ${samples.length} saves of welcome/email.html, write → updated frame content`);
console.log(`  p50 ${pct(50).toFixed(1)} ms   p95 ${pct(95).toFixed(1)} ms   mean ${mean.toFixed(1)} ms   min ${samples[0]?.toFixed(1)} ms   max ${samples.at(-1)?.toFixed(1)} ms`);
console.log(`  target p95 < 150 ms: ${pct(95) < 150 ? 'met' : 'NOT met'}`);
