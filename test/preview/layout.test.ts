/**
 * The layout in a real Chromium at 1024 and 1400 px wide and 900 px high: the email frame is
 * never cut off (it is scaled down to fit), the side panels resize and collapse, and the "Save as
 * new fixture" row stays visible. Screenshots of the fixed layout go to test-results/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreview, type PreviewServer } from '../../src/preview/index.js';
import { copySamples, launchChromium } from './helpers.js';

const RESULTS = join(process.cwd(), 'test-results');

/** The frame's box on screen and the box of the area it is shown in. */
async function frameFits(page: Page): Promise<{ fits: boolean; frame: DOMRect; area: DOMRect }> {
  return page.evaluate(() => {
    const host = document.querySelector('velvet-app')?.shadowRoot?.querySelector('velvet-frame');
    const iframe = host?.shadowRoot?.querySelector('iframe');
    if (!host || !iframe) throw new Error('no frame');
    const frame = iframe.getBoundingClientRect();
    const area = host.getBoundingClientRect();
    const fits = frame.left >= area.left - 0.5 && frame.right <= area.right + 0.5 && frame.width > 100;
    return { fits, frame: frame.toJSON() as DOMRect, area: area.toJSON() as DOMRect };
  });
}

/** True when the element is on screen and nothing covers it: its centre and its bottom corners (shadow roots included). */
function uncovered(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect();
    if (r.height === 0 || r.bottom > window.innerHeight || r.top < 0) return false;
    const at = (x: number, y: number): boolean => {
      let hit: Element | null = document.elementFromPoint(x, y);
      while (hit?.shadowRoot) {
        const inner = hit.shadowRoot.elementFromPoint(x, y);
        if (!inner || inner === hit) break;
        hit = inner;
      }
      return hit === el || el.contains(hit);
    };
    return at(r.left + r.width / 2, r.top + r.height / 2) && at(r.left + 3, r.bottom - 2) && at(r.right - 3, r.bottom - 2);
  });
}

describe('layout at laptop widths', { timeout: 90_000 }, () => {
  let project: ReturnType<typeof copySamples>;
  let server: PreviewServer;
  let chromium: Awaited<ReturnType<typeof launchChromium>>;
  let page: Page;
  const frameText = () => page.frameLocator('velvet-frame iframe').locator('body');

  beforeAll(async () => {
    mkdirSync(RESULTS, { recursive: true });
    project = copySamples();
    server = await startPreview({ dir: project.dir, port: 0, env: {} });
    chromium = await launchChromium({ width: 1400, height: 900 });
    page = chromium.page;
    page.setDefaultTimeout(15_000);
    await page.goto(`${server.url}#/welcome/website-signup`);
    await frameText().filter({ hasText: 'Thank you for joining' }).waitFor();
  });

  afterAll(async () => {
    await chromium?.close();
    await server?.close();
    project?.remove();
  });

  for (const width of [1400, 1024]) {
    it(`shows the whole 800 px desktop frame at ${width} px`, async () => {
      await page.setViewportSize({ width, height: 900 });
      await expect.poll(async () => (await frameFits(page)).fits).toBe(true);
      await page.screenshot({ path: join(RESULTS, `preview-layout-${width}.png`) });
    });
  }

  it('collapses and restores the side panels, and the frame grows into the room', async () => {
    await page.setViewportSize({ width: 1024, height: 900 });
    const before = (await frameFits(page)).frame.width;
    await page.locator('[data-collapse="side"]').click();
    await page.locator('[data-collapse="list"]').click();
    await expect.poll(async () => (await frameFits(page)).frame.width).toBeGreaterThan(before + 100);
    expect((await frameFits(page)).fits).toBe(true);
    await page.locator('[data-collapse="side"]').click();
    await page.locator('[data-collapse="list"]').click();
    await expect.poll(async () => Math.round((await frameFits(page)).frame.width)).toBe(Math.round(before));
  });

  it('resizes the side panel by dragging its edge', async () => {
    const side = page.locator('section.side');
    const start = (await side.boundingBox())!;
    const handle = (await page.locator('[data-resize="side"]').boundingBox())!;
    await page.mouse.move(handle.x + handle.width / 2, handle.y + 200);
    await page.mouse.down();
    await page.mouse.move(handle.x + handle.width / 2 + 80, handle.y + 200, { steps: 5 });
    await page.mouse.up();
    await expect.poll(async () => Math.round((await side.boundingBox())!.width)).toBe(Math.round(start.width - 80));
    expect((await frameFits(page)).fits).toBe(true);
  });

  it('keeps "Save as new fixture" visible at 900 px height', async () => {
    await page.setViewportSize({ width: 1024, height: 900 });
    await page.locator('velvet-tabs [data-tab="payload"]').click();
    const save = page.locator('velvet-payload-editor button[type="submit"]');
    await save.waitFor();
    await expect.poll(() => uncovered(save)).toBe(true);
    await expect.poll(() => uncovered(page.locator('velvet-payload-editor input'))).toBe(true);
    await page.screenshot({ path: join(RESULTS, 'preview-layout-payload-1024x900.png') });
  });
});
