/**
 * A project with no emails yet, in a real Chromium: the page fits the window and says what to
 * do (where an email goes, `velvet new`) instead of an empty frame and "(no subject)"; the first
 * email that appears is opened by itself.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreview, type PreviewServer } from '../../src/preview/index.js';
import { launchChromium } from './helpers.js';

describe('an empty project', { timeout: 60_000 }, () => {
  let dir: string;
  let server: PreviewServer;
  let chromium: Awaited<ReturnType<typeof launchChromium>>;
  let page: Page;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'velvet-empty-'));
    writeFileSync(join(dir, 'velvet.config.json'), JSON.stringify({ emails: 'emails' }));
    mkdirSync(join(dir, 'emails'));
    server = await startPreview({ dir, port: 0, env: {} });
    chromium = await launchChromium({ width: 1280, height: 800 });
    page = chromium.page;
    page.setDefaultTimeout(15_000);
    await page.goto(server.url);
  });

  afterAll(async () => {
    await chromium?.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('says what to do, fits the window and shows no empty frame or "(no subject)"', async () => {
    const empty = page.locator('velvet-empty-state [data-empty-state]');
    await empty.waitFor();
    const text = await empty.innerText();
    expect(text).toContain('velvet new');
    expect(text).toContain('email.html');
    expect(await page.locator('velvet-frame').isVisible()).toBe(false);
    expect(await page.locator('velvet-inbox-header').isVisible()).toBe(false);
    const overflow = await page.evaluate(() => {
      const el = document.scrollingElement ?? document.documentElement;
      return { h: el.scrollHeight - window.innerHeight, w: el.scrollWidth - window.innerWidth };
    });
    expect(overflow.h).toBeLessThanOrEqual(0);
    expect(overflow.w).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(process.cwd(), 'test-results', 'preview-empty-project.png') });
  });

  it('opens the first email that appears', async () => {
    mkdirSync(join(dir, 'emails', 'hello', 'data'), { recursive: true });
    writeFileSync(join(dir, 'emails', 'hello', 'data', 'one.json'), JSON.stringify({ name: 'Ada' }));
    writeFileSync(join(dir, 'emails', 'hello', 'email.html'), '<p>Hello $name, your first email</p>');
    await page.frameLocator('velvet-frame iframe').locator('body').filter({ hasText: 'Hello Ada, your first email' }).waitFor();
    await expect.poll(() => page.locator('[data-crumb]').textContent()).toContain('hello');
    expect(await page.locator('velvet-empty-state').count()).toBe(0);
  });
});
