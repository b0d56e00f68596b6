/**
 * The preview tells the truth while a template is broken, in a real Chromium: a readable error
 * heading with the clearer "#if is not closed by #end" at the `#if`, the email marked in the list,
 * lint findings that follow the broken text, and a note naming the render that is still shown
 * when another fixture is chosen. Shortcut keys work after a click into the email.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreview, type PreviewServer } from '../../src/preview/index.js';
import { copySamples, launchChromium } from './helpers.js';

describe('the preview while a template is broken', { timeout: 60_000 }, () => {
  let project: ReturnType<typeof copySamples>;
  let server: PreviewServer;
  let chromium: Awaited<ReturnType<typeof launchChromium>>;
  let page: Page;
  let template: string;
  let original: string;
  let ifLine: number;
  const overlay = () => page.locator('velvet-error-overlay [data-error-overlay]');
  const frameText = () => page.frameLocator('velvet-frame iframe').locator('body');

  beforeAll(async () => {
    project = copySamples();
    template = join(project.dir, 'welcome', 'email.html');
    original = readFileSync(template, 'utf8');
    server = await startPreview({ dir: project.dir, port: 0, env: {} });
    chromium = await launchChromium();
    page = chromium.page;
    page.setDefaultTimeout(15_000);
    await page.goto(`${server.url}#/welcome/website-signup`);
    await frameText().filter({ hasText: 'Thank you for joining' }).waitFor();
    await page.locator('velvet-tabs [data-tab="lint"]').click();
    await page.locator('velvet-lint-list [data-lint-result]').waitFor();
  });

  afterAll(async () => {
    await chromium?.close();
    await server?.close();
    project?.remove();
  });

  it('shows "Parse error" and the clearer unclosed-#if message at the #if', async () => {
    const lines = original.split('\n');
    ifLine = lines.length + 1;
    writeFileSync(template, original + '\n#if($broken)\n<p>never closed</p>\n');
    await overlay().waitFor();
    expect(await overlay().locator('[data-kind]').innerText()).toBe('Parse error');
    expect(await overlay().locator('[data-message]').innerText()).toMatch(/#if is not closed by #end/);
    expect(await overlay().locator('[data-where]').innerText()).toBe(`welcome/email.html:${ifLine}:1`);
  });

  it('marks the email in the list', async () => {
    const dot = page.locator('velvet-email-list [data-email="welcome"] .dot');
    await dot.waitFor();
    expect(await page.locator('velvet-email-list [data-email="birthday"] .dot').count()).toBe(0);
  });

  it('shows the syntax error in the Lint tab, not the old findings', async () => {
    await expect.poll(() => page.locator('velvet-lint-list [data-lint-result]').innerText()).toMatch(/#if is not closed by #end/);
  });

  it('says which render is shown when another fixture is chosen', async () => {
    await page.locator('velvet-email-list [data-fixture="store-signup-ukrainian"] button').click();
    await expect.poll(() => page.locator('[data-crumb]').textContent()).toContain('store-signup-ukrainian');
    const note = overlay().locator('[data-note]');
    await expect.poll(() => note.innerText()).toMatch(/last good render of website-signup/);
    expect(await note.innerText()).toMatch(/store-signup-ukrainian/);
  });

  it('renders the chosen fixture once the template is fixed', async () => {
    writeFileSync(template, original);
    await frameText().filter({ hasText: 'at one of our stores' }).waitFor();
    await overlay().waitFor({ state: 'detached' });
    await expect.poll(() => page.locator('velvet-email-list [data-email="welcome"] .dot').count()).toBe(0);
  });

  it('keeps the shortcut keys working after a click into the email', async () => {
    const width = () => page.locator('velvet-frame iframe').evaluate((el) => Math.round(el.getBoundingClientRect().width));
    await page.frameLocator('velvet-frame iframe').locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('2');
    await expect.poll(width).toBe(375);
    await page.keyboard.press('1');
    await expect.poll(width).toBe(800);
  });
});
