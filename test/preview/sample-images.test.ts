/** The samples look finished offline: every image of every sample's first fixture loads in the preview. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreview, type PreviewServer } from '../../src/preview/index.js';
import { copySamples, launchChromium } from './helpers.js';

describe('sample images in the preview', () => {
  let project: ReturnType<typeof copySamples>;
  let server: PreviewServer;
  let browser: Awaited<ReturnType<typeof launchChromium>>;
  beforeAll(async () => {
    project = copySamples();
    server = await startPreview({ dir: project.dir, port: 0, env: {} });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    project?.remove();
  });

  it('shows every image of each sample from samples/assets, none broken, nothing fetched from the network', async () => {
    const { page } = browser;
    const outside: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(server.url) && !r.url().startsWith('data:') && !r.url().startsWith('about:')) outside.push(r.url());
    });
    const emails = (await (await fetch(new URL('/__velvet/api/emails', server.url))).json()) as { name: string; fixtures: { name: string }[] }[];
    expect(emails).toHaveLength(6);
    for (const e of emails) {
      await page.goto(`${server.url}#/${e.name}/${e.fixtures[0]!.name}`);
      const frame = page.frameLocator('velvet-frame iframe');
      await frame.locator('img').first().waitFor({ state: 'attached', timeout: 15_000 });
      const broken = () =>
        frame.locator('img').evaluateAll((imgs) => imgs.filter((i) => !(i as HTMLImageElement).complete || (i as HTMLImageElement).naturalWidth === 0).map((i) => (i as HTMLImageElement).src));
      // a hash change swaps the frame for this email's: wait for its local images, then check them all
      const local = () => frame.locator('img[src^="/__velvet/files/assets/"], img[src*="/__velvet/files/assets/"]').count();
      await expect.poll(local, { timeout: 15_000, message: e.name }).toBeGreaterThan(2);
      await expect.poll(broken, { timeout: 10_000, message: e.name }).toEqual([]);
    }
    expect(outside).toEqual([]);
  });
});
