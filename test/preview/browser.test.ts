/**
 * The preview in a real Chromium: selection, widths, live reload from disk, the error overlay,
 * new fixtures, the payload editor and the "Send test" panel. One server and one page are shared
 * and the steps run in order, like a user session; every wait is for a condition.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreview, type PreviewServer } from '../../src/preview/index.js';
import { startFakeYespo, type FakeYespo } from '../support/fake-yespo.js';
import { copySamples, launchChromium } from './helpers.js';

const KEY = 'browser-test-key-not-for-the-page';
const SCREENSHOT = join(process.cwd(), 'test-results', 'preview.png');

describe('velvet preview in Chromium', { timeout: 60_000 }, () => {
  let project: ReturnType<typeof copySamples>;
  let fake: FakeYespo;
  let server: PreviewServer;
  let chromium: Awaited<ReturnType<typeof launchChromium>>;
  let page: Page;
  let template: string;
  let original: string;
  const pageErrors: string[] = [];

  /** The sandboxed frame that shows the email. */
  const emailFrame = (): Frame => {
    const f = page.frames().find((x) => x !== page.mainFrame());
    if (!f) throw new Error('no email frame');
    return f;
  };
  const frameText = () => page.frameLocator('velvet-frame iframe').locator('body');
  const overlay = () => page.locator('velvet-error-overlay [data-error-overlay]');

  beforeAll(async () => {
    project = copySamples();
    template = join(project.dir, 'welcome', 'email.html');
    original = readFileSync(template, 'utf8');
    fake = await startFakeYespo({ key: KEY });
    server = await startPreview({
      dir: project.dir,
      port: 0,
      env: { YESPO_API_KEY: KEY, YESPO_API_URL: fake.url },
      sendPoll: { intervalMs: 20, timeoutMs: 5_000 },
    });
    chromium = await launchChromium();
    page = chromium.page;
    page.on('pageerror', (e) => pageErrors.push(e.message));
    if (process.env['VP_DEBUG']) {
      page.on('console', (m) => console.log('console:', m.text()));
      page.on('websocket', (ws) => ws.on('framereceived', (f) => console.log('ws<', String(f.payload).slice(0, 160))));
    }
    page.setDefaultTimeout(15_000);
  });

  afterAll(async () => {
    await chromium?.close();
    await server?.close();
    await fake?.close();
    project?.remove();
  });

  it('opens the preview with the email list, the inbox header and the rendered email', async () => {
    await page.goto(`${server.url}#/welcome/website-signup`);
    await expect.poll(() => page.locator('velvet-email-list [data-email]').count()).toBe(6);
    await frameText().filter({ hasText: 'Thank you for joining Northwind Outfitters' }).waitFor();
    await expect.poll(() => page.locator('velvet-inbox-header [data-subject]').textContent()).toContain('Welcome to Northwind, Emma');
    expect(await page.locator('velvet-email-list [data-fixture]').count()).toBe(4);
    const frame = page.locator('velvet-frame iframe');
    expect(await frame.getAttribute('sandbox')).toBe('allow-scripts');
    expect(await page.content()).not.toContain(KEY);
  });

  it('switches fixture', async () => {
    await page.locator('velvet-email-list [data-fixture="store-signup-ukrainian"] button').click();
    await frameText().filter({ hasText: 'at one of our stores' }).waitFor();
    await expect.poll(() => page.locator('[data-crumb]').textContent()).toContain('store-signup-ukrainian');
    await page.locator('velvet-email-list [data-fixture="website-signup"] button').click();
    await expect.poll(() => frameText().textContent()).not.toContain('at one of our stores');
  });

  it('switches width: mobile 375, custom, desktop 800', async () => {
    const width = () => page.locator('velvet-frame iframe').evaluate((el) => Math.round(el.getBoundingClientRect().width));
    await page.locator('velvet-toolbar [data-width="mobile"]').click();
    await expect.poll(width).toBe(375);
    await page.locator('velvet-toolbar input[type="number"]').fill('520');
    await page.locator('velvet-toolbar input[type="number"]').press('Enter');
    await expect.poll(width).toBe(520);
    // shortcuts work when no input has the focus
    await page.locator('velvet-inbox-header').click();
    await page.keyboard.press('1');
    await expect.poll(width).toBe(800);
  });

  it('emulates dark mode in the frame and turns it off again', async () => {
    const scheme = () => emailFrame().evaluate(() => document.documentElement.style.colorScheme);
    await page.locator('velvet-toolbar input[type="checkbox"]').check();
    await expect.poll(scheme).toBe('dark');
    await page.locator('velvet-inbox-header').click();
    await page.keyboard.press('d');
    await expect.poll(scheme).toBe('');
  });

  it('saves a screenshot of the main screen', async () => {
    mkdirSync(join(process.cwd(), 'test-results'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT });
  });

  it('follows a template edit on disk and keeps the scroll position', async () => {
    await emailFrame().evaluate(() => window.scrollTo(0, 300));
    await expect.poll(() => emailFrame().evaluate(() => window.scrollY)).toBe(300);
    writeFileSync(template, original.replace('Thank you for joining', 'Live edit one: thank you for joining'));
    await frameText().filter({ hasText: 'Live edit one' }).waitFor();
    // not back at the top (Chromium's scroll anchoring may shift it by the inserted text)
    expect(Math.abs((await emailFrame().evaluate(() => window.scrollY)) - 300)).toBeLessThan(60);
  });

  it('shows the plain text of the saved render in the Text tab', async () => {
    await page.locator('velvet-tabs [data-tab="text"]').click();
    await expect.poll(() => page.locator('velvet-code-view[slot="text"] pre').innerText()).toContain('Live edit one: thank you for joining');
    expect(await page.locator('velvet-code-view[slot="text"] pre').innerText()).not.toContain('<');
  });

  it('shows the error overlay over the last good render, and removes it when fixed', async () => {
    writeFileSync(template, original.replace('Thank you for joining', 'Live edit one: thank you for joining') + '\n#if($broken\n');
    await overlay().waitFor();
    await expect.poll(() => overlay().locator('[data-where]').textContent()).toMatch(/welcome\/email\.html:\d+:\d+/);
    expect(await overlay().locator('[data-frame]').textContent()).toContain('|');
    // the last good render is still there
    expect(await frameText().textContent()).toContain('Live edit one');

    writeFileSync(template, original.replace('Thank you for joining', 'Live edit two: thank you for joining'));
    await frameText().filter({ hasText: 'Live edit two' }).waitFor();
    await overlay().waitFor({ state: 'detached' });
  });

  it('lists a new fixture file and drops a deleted one without a restart', async () => {
    const file = join(project.dir, 'welcome', 'data', 'added-on-disk.json');
    writeFileSync(file, JSON.stringify({ firstName: 'Added', signupSource: 'app' }));
    const item = page.locator('velvet-email-list [data-fixture="added-on-disk"] button');
    await item.waitFor();
    await item.click();
    await frameText().filter({ hasText: 'through our mobile app' }).waitFor();
    rmSync(file);
    await item.waitFor({ state: 'detached' });
  });

  it('re-renders payload edits at once and saves them as a new fixture, asking before it overwrites', async () => {
    await page.locator('velvet-email-list [data-fixture="website-signup"] button').click();
    await page.locator('velvet-tabs [data-tab="payload"]').click();
    const editor = page.locator('velvet-payload-editor .cm-content');
    await editor.fill(JSON.stringify({ firstName: 'Editor', signupSource: 'checkout' }, null, 2));
    await frameText().filter({ hasText: 'during checkout' }).waitFor();

    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    await page.locator('velvet-payload-editor input').fill('website-signup');
    await page.locator('velvet-payload-editor button[type="submit"]').click();
    await expect.poll(() => page.locator('velvet-payload-editor [data-save-status]').textContent()).toContain('Not saved');
    expect(dialogs).toBe(1);
    expect(readFileSync(join(project.dir, 'welcome', 'data', 'website-signup.json'), 'utf8')).not.toContain('Editor');

    await page.locator('velvet-payload-editor input').fill('from-the-editor');
    await page.locator('velvet-payload-editor button[type="submit"]').click();
    await page.locator('velvet-email-list [data-fixture="from-the-editor"]').waitFor();
    await expect.poll(() => page.locator('[data-crumb]').textContent()).toContain('from-the-editor');
  });

  it('shows "lint not available" or the findings in the lint tab', async () => {
    await page.locator('velvet-tabs [data-tab="lint"]').click();
    const shown = page.locator('velvet-lint-list [data-lint-result]');
    await shown.waitFor();
    const text = await shown.textContent();
    expect(text).toMatch(/Lint not available|No lint findings|error|warning|info/);
    // the lint request carries the session token: no 403 shows up as the reason
    expect(text).not.toMatch(/session token|403/);
  });

  it('sends a test through the preview server and shows the delivery status', async () => {
    await page.locator('velvet-tabs [data-tab="send"]').click();
    const panel = page.locator('velvet-send-panel');
    await panel.locator('input[name="to"]').fill('emma@example.com');
    await panel.locator('select[name="fixture"]').selectOption('website-signup');
    await panel.locator('input[value="data"]').check();
    await panel.locator('button[type="submit"]').click();
    await panel.locator('[data-send-status="done"]').waitFor();
    expect(await panel.locator('[data-recipient="emma@example.com"]').textContent()).toContain('delivered');
    expect(fake.count('POST', '/api/v1/message/3810201/smartsend')).toBe(1);

    await panel.locator('input[name="to"]').fill('stranger@elsewhere.test');
    await panel.locator('button[type="submit"]').click();
    await panel.locator('[data-send-status="refused"]').waitFor();
    expect(await panel.locator('[data-send-status]').textContent()).toContain('not in the allow-list');
    expect(fake.count('POST', '/api/')).toBe(1);
    expect(await page.content()).not.toContain(KEY);
  });

  it('says up front whether a key and a carrier are set, and sends the payload shown on screen', async () => {
    await page.locator('velvet-tabs [data-tab="payload"]').click();
    await page.locator('velvet-payload-editor .cm-content').fill(JSON.stringify({ firstName: 'Shown', signupSource: 'checkout' }, null, 2));
    await frameText().filter({ hasText: 'during checkout' }).waitFor();
    await page.locator('velvet-tabs [data-tab="send"]').click();
    const panel = page.locator('velvet-send-panel');
    await expect.poll(() => panel.locator('[data-settings]').innerText()).toMatch(/API key\s*set/);
    expect(await panel.locator('[data-settings]').innerText()).toMatch(/Carrier message\s*not set/);
    expect(await panel.locator('[data-sends]').innerText()).toMatch(/edited payload/i);
    await panel.locator('input[name="to"]').fill('emma@example.com');
    await panel.locator('input[value="data"]').check();
    const before = fake.count('POST', '/api/v1/message/3810201/smartsend');
    await panel.locator('button[type="submit"]').click();
    await expect.poll(() => fake.count('POST', '/api/v1/message/3810201/smartsend')).toBe(before + 1);
    const post = fake.requests.filter((r) => r.method === 'POST').at(-1);
    const jsonParam = (JSON.parse(post?.body ?? '{}') as { recipients: Array<{ jsonParam: string }> }).recipients[0]?.jsonParam ?? '';
    expect(JSON.parse(jsonParam)).toMatchObject({ firstName: 'Shown' });
    expect(await panel.innerText()).not.toMatch(/--[a-z]/);
  });

  it('ran without page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
