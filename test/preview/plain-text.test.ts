/**
 * The Text tab: html-to-text with email settings (no wrapping, no images, links without brackets,
 * alt text of linked images, no preheader padding), converted off the server's request path so a
 * huge output never stalls the preview.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { htmlToText, startPreview, type PreviewServer } from '../../src/preview/index.js';
import { createTextConverter } from '../../src/preview/text-worker.js';
import { copySamples, pageToken, postJson } from './helpers.js';

const EMAIL = `<html><head><title>t</title><style>p { color: red }</style></head><body>
<div style="display:none">Your order shipped&nbsp;&zwnj;&nbsp;&zwnj;&nbsp;&zwnj;&nbsp;&zwnj;&#847;&#847;&#847;&nbsp;&nbsp;&nbsp;</div>
<p>Hello Emma, this line is much longer than eighty characters and must not be wrapped into two lines at all.</p>
<p><a href="https://shop.example/orders/1">See your order</a></p>
<p><a href="https://shop.example/">https://shop.example/</a></p>
<p><a href="https://shop.example/sale"><img src="https://cdn.example/sale.png" alt="Summer sale"></a></p>
<img src="https://cdn.example/logo.png" alt="Logo">
<p data-skip-in-text="true">View this email in your browser</p>
</body></html>`;

describe('plain text of the rendered email', () => {
  it('uses email settings: no wrap, no images, bare links, alt of linked images, no preheader padding', () => {
    const text = htmlToText(EMAIL);
    expect(text).toContain('Your order shipped');
    expect(text).not.toMatch(/[\u034f\u200c\u00a0]/);
    expect(text).not.toMatch(/shipped {2,}/);
    expect(text).toContain('Hello Emma, this line is much longer than eighty characters and must not be wrapped into two lines at all.');
    expect(text).toContain('See your order https://shop.example/orders/1');
    expect(text).not.toContain('[https://');
    expect(text.match(/https:\/\/shop\.example\/(?=\s|$)/g)).toHaveLength(1);
    expect(text).toContain('Summer sale https://shop.example/sale');
    expect(text).not.toContain('cdn.example');
    expect(text).not.toContain('Logo');
    expect(text).not.toContain('View this email in your browser');
    expect(text).not.toContain('color: red');
  });

  it('gives the same text in the worker as in the same thread', async () => {
    const converter = createTextConverter();
    try {
      expect(await converter.convert(EMAIL)).toBe(htmlToText(EMAIL));
    } finally {
      await converter.close();
    }
  });
});

describe('a huge output does not stall the preview', { timeout: 60_000 }, () => {
  let project: ReturnType<typeof copySamples>;
  let server: PreviewServer;
  let token: string;

  beforeAll(async () => {
    project = copySamples();
    mkdirSync(join(project.dir, 'huge'), { recursive: true });
    writeFileSync(join(project.dir, 'huge', 'email.html'), '<style'.repeat(40_000));
    // a long email of ordinary HTML: converting it takes a while even when it is linear
    mkdirSync(join(project.dir, 'long'), { recursive: true });
    writeFileSync(join(project.dir, 'long', 'email.html'), '<p>Hello <a href="https://shop.example/a">our shop</a> and more</p>\n'.repeat(4_000));
    server = await startPreview({ dir: project.dir, port: 0, env: {} });
    token = await pageToken(server.url);
  });

  afterAll(async () => {
    await server?.close();
    project?.remove();
  });

  /** Renders `email` and, meanwhile, asks for the email list three times; returns the order of answers. */
  async function raceWithList(email: string): Promise<{ order: string[]; result: { ok: boolean; text: string; sizeBytes: number } }> {
    const order: string[] = [];
    const render = postJson(server.url, '/__velvet/api/render', { clientId: email, email }, token).then(async (res) => {
      order.push('render');
      expect(res.status).toBe(200);
      return ((await res.json()) as { result: { ok: boolean; text: string; sizeBytes: number } }).result;
    });
    const lists = [30, 60, 90].map((ms) =>
      new Promise((r) => setTimeout(r, ms))
        .then(() => fetch(new URL('/__velvet/api/emails', server.url)))
        .then((res) => {
          expect(res.status).toBe(200);
          order.push('emails');
        }),
    );
    const [result] = await Promise.all([render, ...lists]);
    return { order, result };
  }

  it('answers other requests while the 240 KB of "<style" is converted', async () => {
    const { order, result } = await raceWithList('huge');
    expect(result.ok).toBe(true);
    expect(result.sizeBytes).toBe(240_000);
    expect(result.text).toBe('');
    expect(order).toContain('emails');
  });

  it('answers other requests while a long email is converted, and gives its whole text', async () => {
    const { order, result } = await raceWithList('long');
    expect(result.ok).toBe(true);
    expect(result.text.split('\n').filter((l) => l === 'Hello our shop https://shop.example/a and more')).toHaveLength(4_000);
    expect(order[0]).toBe('emails');
  });
});
