import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startPreview, type PreviewServer } from '../../src/preview/index.js';
import { launchChromium, pageToken, postJson } from '../preview/helpers.js';
import { leaks, message, setup, type Sync } from './helpers.js';

// The preview shows each email's sync state in its list and the message id in the header, with a
// "changed in Yespo" warning; Yespo is read only when the user asks, never polled.
describe('preview: sync state', () => {
  let s: Sync;
  let server: PreviewServer;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  let page: Page;

  beforeAll(async () => {
    s = await setup({ messages: [message(101), message(102)] });
    expect((await s.run(['pull', '--id', '101', '--id', '102'])).code).toBe(0);
    s.fake.webEdit(102, { subject: 'Edited in the web editor' });
    s.fake.requests.length = 0;
    server = await startPreview({ dir: s.root, port: 0, env: s.env });
    browser = await launchChromium();
    page = browser.page;
    page.setDefaultTimeout(15_000);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await s?.fake.close();
  });

  it('shows the message id in the header and asks Yespo nothing until told to', async () => {
    await page.goto(`${server.url}#/welcome-102`);
    await expect.poll(() => page.locator('velvet-email-list [data-email]').count()).toBe(2);
    await expect.poll(() => page.locator('velvet-inbox-header [data-message-id]').textContent()).toContain('Yespo message 102');
    expect(await page.locator('velvet-inbox-header [data-yespo-moved]').count()).toBe(0);
    await page.waitForTimeout(500);
    expect(s.fake.requests).toEqual([]);
  });

  it('checks on demand: a badge per email, and the warning for the email that changed in Yespo', async () => {
    await page.locator('velvet-email-list [data-check-sync]').click();
    const badge = (name: string) => page.locator(`velvet-email-list [data-email="${name}"] .sync`);
    await expect.poll(() => badge('welcome-101').getAttribute('data-sync')).toBe('in-step');
    expect(await badge('welcome-101').textContent()).toBe('in step');
    expect(await badge('welcome-102').getAttribute('data-sync')).toBe('changed-in-yespo');
    expect(await badge('welcome-102').textContent()).toBe('changed in Yespo');
    expect(await badge('welcome-102').getAttribute('title')).toBe('changed in Yespo since the last pull');
    await expect.poll(() => page.locator('velvet-inbox-header [data-yespo-moved]').textContent()).toContain('changed in Yespo');
    expect(s.fake.requests.map((q) => `${q.method} ${q.path}`).sort()).toEqual(['GET /api/v1/messages/email/101', 'GET /api/v1/messages/email/102']);
    // not polled afterwards
    await page.waitForTimeout(700);
    expect(s.fake.requests).toHaveLength(2);
    await page.locator('velvet-email-list [data-email="welcome-101"] button').first().click();
    await expect.poll(() => page.locator('velvet-inbox-header [data-message-id]').textContent()).toContain('Yespo message 101');
    expect(await page.locator('velvet-inbox-header [data-yespo-moved]').count()).toBe(0);
    expect(leaks(await page.content())).toBe(false);
  });

  it('needs the page token, and never hands out the key', async () => {
    const none = await postJson(server.url, '/__velvet/api/sync', {});
    expect(none.status).toBe(403);
    const ok = await postJson(server.url, '/__velvet/api/sync', {}, await pageToken(server.url));
    const text = await ok.text();
    expect(JSON.parse(text)).toMatchObject({ available: true, emails: [{ email: 'welcome-101', state: 'in-step' }, { email: 'welcome-102', state: 'changed-in-yespo', yespo: ['subject'] }] });
    expect(leaks(text)).toBe(false);
  });
});
