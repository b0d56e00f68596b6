/**
 * Preview start-up benchmark: how long `velvet preview` takes to print its URL, and how long the
 * first email takes to show in Chromium once the page is opened.
 *   npm run bench:startup           (CHROMIUM_PATH overrides /usr/bin/chromium; RUNS=5 by default)
 * Builds dist/ first (npm run build), then alternates two ways of starting the preview of a copy
 * of samples/, RUNS times each:
 *   installed: `node dist/cli/main.js preview`: what an installed velvet runs (the built UI)
 *   sources:   `node bin/velvet.js preview` in this checkout (tsx, Vite serving web/ as it is)
 * Each run is a fresh process and a fresh browser profile (nothing cached). "URL" is spawn to the
 * URL on stdout; "email" is page.goto() to the frame showing the first email's text. Prints the
 * medians and the ratio sources/installed measured in this same run.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.env['RUNS'] ?? 5);
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];
const MODES = { installed: ['dist/cli/main.js'], sources: ['bin/velvet.js'] } as const;
type Mode = keyof typeof MODES;

const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
if (build.status !== 0) process.exit(1);

const project = mkdtempSync(join(tmpdir(), 'velvet-bench-startup-'));
cpSync(join(ROOT, 'samples'), project, { recursive: true });

async function once(mode: Mode): Promise<{ url: number; email: number }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [join(ROOT, MODES[mode][0]), 'preview', project, '--port', '0'], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
  const profile = mkdtempSync(join(tmpdir(), 'velvet-bench-chromium-'));
  try {
    let out = '';
    const url = await new Promise<string>((done, fail) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
        if (m) done(m[0]);
      });
      child.stderr.on('data', (d: Buffer) => (out += d.toString()));
      child.on('exit', (code) => fail(new Error(`preview exited (${code}): ${out}`)));
    });
    const tUrl = performance.now() - t0;
    const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, viewport: { width: 1440, height: 900 }, args: ARGS });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      const t1 = performance.now();
      await page.goto(url);
      // the first email of the samples (abandoned-cart, its first fixture)
      await page.frameLocator('velvet-frame iframe').locator('body').filter({ hasText: 'your gear is still waiting' }).waitFor({ timeout: 60_000 });
      return { url: tUrl, email: performance.now() - t1 };
    } finally {
      await context.close();
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r(undefined) : child.once('exit', r)));
    rmSync(profile, { recursive: true, force: true });
  }
}

const results: Record<Mode, { url: number[]; email: number[] }> = { installed: { url: [], email: [] }, sources: { url: [], email: [] } };
try {
  for (let i = 0; i < RUNS; i++) {
    for (const mode of Object.keys(MODES) as Mode[]) {
      const r = await once(mode);
      results[mode].url.push(r.url);
      results[mode].email.push(r.email);
    }
  }
} finally {
  rmSync(project, { recursive: true, force: true });
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (ms: number): string => `${Math.round(ms)} ms`;
for (const mode of Object.keys(MODES) as Mode[]) {
  const r = results[mode];
  console.log(
    `${mode.padEnd(9)}  URL printed: median ${fmt(median(r.url))} (${r.url.map(fmt).join(', ')});  first email after page open: median ${fmt(median(r.email))} (${r.email.map(fmt).join(', ')})`,
  );
}
const ratio = (k: 'url' | 'email'): string => (median(results.sources[k]) / median(results.installed[k])).toFixed(1);
console.log(`sources / installed: URL ${ratio('url')}x, first email ${ratio('email')}x (${RUNS} runs each, alternating)`);
