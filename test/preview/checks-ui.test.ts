/**
 * The Checks, Source and HTML tabs and the payload editor in a real Chromium: a check clicked
 * shows its template line in the Source view (and its element in the frame), the template is
 * highlighted with its findings marked, the payload editor marks bad JSON where it breaks.
 * Writes PNGs of the Checks and Source tabs to out/screenshots/.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'parse5';
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreview, type PreviewServer } from '../../src/preview/index.js';
import { copySamples, launchChromium } from './helpers.js';

const SHOTS = join(process.cwd(), 'out', 'screenshots');

/** A small email whose rendered output has a finding (an image without alt) on a known line. */
const TEMPLATE = `<!DOCTYPE html>
<html lang="en">
<head><title>Checks demo</title></head>
<body>
## greeting
#set($name = $data.get('firstName'))
<table role="presentation" width="100%"><tr><td>
  <p id="hello">Hello $!{name}, #if($name == 'Ada')welcome back#{else}welcome#end!</p>
  <img src="https://cdn.example.com/logo.png" width="120" height="40">
  <noscript><p>Scripts are off</p></noscript>
  <p id="last">Bye</p>
</td></tr></table>
</body>
</html>
`;
const IMG_LINE = TEMPLATE.split('\n').findIndex((l) => l.includes('<img')) + 1;

/** Index of the first element matching `test` in document order (what findings give as `element`). */
function elementIndex(html: string, test: (tag: string, attrs: Record<string, string>) => boolean): number {
  type Node = { tagName?: string; attrs?: { name: string; value: string }[]; childNodes?: Node[] };
  const order: Node[] = [];
  const walk = (n: Node): void => {
    if (n.tagName) order.push(n);
    for (const c of n.childNodes ?? []) walk(c);
  };
  walk(parse(html) as unknown as Node);
  return order.findIndex((n) => test(n.tagName ?? '', Object.fromEntries((n.attrs ?? []).map((a) => [a.name, a.value]))));
}

describe('Checks, Source and HTML tabs in Chromium', { timeout: 90_000 }, () => {
  let project: ReturnType<typeof copySamples>;
  let server: PreviewServer;
  let chromium: Awaited<ReturnType<typeof launchChromium>>;
  let page: Page;
  let template: string;
  const pageErrors: string[] = [];

  const emailFrame = (): Frame => {
    const f = page.frames().find((x) => x !== page.mainFrame());
    if (!f) throw new Error('no email frame');
    return f;
  };
  const frameText = () => page.frameLocator('velvet-frame iframe').locator('body');
  const tab = (id: string) => page.locator(`velvet-tabs [data-tab="${id}"]`).click();
  const source = () => page.locator('velvet-source-view');

  beforeAll(async () => {
    project = copySamples();
    const dir = join(project.dir, 'checks-demo');
    mkdirSync(join(dir, 'data'), { recursive: true });
    template = join(dir, 'email.html');
    writeFileSync(template, TEMPLATE);
    writeFileSync(join(dir, 'email.json'), JSON.stringify({ subject: 'Hello $!{data.firstName}', preheader: 'A short demo' }, null, 2) + '\n');
    writeFileSync(join(dir, 'data', 'ada.json'), JSON.stringify({ firstName: 'Ada' }, null, 2) + '\n');
    server = await startPreview({ dir: project.dir, port: 0, env: {} });
    chromium = await launchChromium({ width: 1500, height: 900 });
    page = chromium.page;
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.setDefaultTimeout(20_000);
    mkdirSync(SHOTS, { recursive: true });
    await page.goto(`${server.url}#/checks-demo/ada`);
    await frameText().filter({ hasText: 'welcome back' }).waitFor();
  });

  afterAll(async () => {
    await chromium?.close();
    await server?.close();
    project?.remove();
  });

  it('lists the findings on the rendered email of the fixture shown, grouped by rule', async () => {
    await tab('checks');
    const group = page.locator('velvet-checks-list section[data-rule="output-img-alt"]');
    await group.waitFor();
    expect(await group.locator('h3').innerText()).toMatch(/output-img-alt\s+1/);
    const check = group.locator('[data-check]');
    expect(await check.innerText()).toContain('<img> has no alt attribute');
    expect(await check.innerText()).toContain(`checks-demo/email.html:${IMG_LINE}:`);
    expect(await check.innerText()).toMatch(/output line \d+/);
    expect(await page.locator('velvet-tabs [data-tab="checks"] .badge').innerText()).toMatch(/^\d+$/);
    await page.screenshot({ path: join(SHOTS, 'checks-tab.png') });
  });

  it('opens the Source tab at the template line of a clicked check, marked', async () => {
    await page.locator('velvet-checks-list section[data-rule="output-img-alt"] [data-check]').click();
    await expect.poll(() => page.locator('velvet-tabs [data-tab="source"]').getAttribute('aria-selected')).toBe('true');
    const target = source().locator('.cm-line[data-target-line]');
    await target.waitFor();
    expect(await target.innerText()).toContain('<img src="https://cdn.example.com/logo.png"');
    // the line number in the gutter beside it is the finding's
    const top = await target.evaluate((el) => Math.round(el.getBoundingClientRect().top));
    const numbers = await source()
      .locator('.cm-lineNumbers .cm-gutterElement')
      .evaluateAll((els) => els.map((e) => [Math.round(e.getBoundingClientRect().top), e.textContent] as const));
    expect(numbers.find(([t]) => t === top)?.[1]).toBe(String(IMG_LINE));
    // and the element it is about, the <img>, is outlined in the frame (the index lint gives)
    const rendered = await page.locator('velvet-code-view[slot="html"]').evaluate((el) => (el as unknown as { text: string }).text);
    const img = elementIndex(rendered, (tag) => tag === 'img');
    await expect.poll(() => page.locator('velvet-frame iframe').getAttribute('data-highlighted')).toBe(String(img));
    const outlined = await emailFrame().evaluate(() =>
      Array.from(document.getElementsByTagName('*'))
        .filter((e) => getComputedStyle(e).outlineStyle === 'solid')
        .map((e) => e.tagName.toLowerCase()),
    );
    expect(outlined).toEqual(['img']);
    await page.screenshot({ path: join(SHOTS, 'source-tab.png') });
  });

  it('links a finding of the Lint tab to its line in the Source tab', async () => {
    // the Source tab is left on another file first
    await tab('source');
    await source().locator('button[data-file="checks-demo/email.json"]').click();
    await expect.poll(() => source().locator('.cm-content').innerText()).toContain('"subject"');
    await tab('lint');
    const finding = page.locator('velvet-lint-list button[data-finding]', { hasText: '<img> has no alt attribute' });
    await finding.waitFor();
    expect(await finding.innerText()).toContain(`checks-demo/email.html:${IMG_LINE}:`);
    await finding.click();
    await expect.poll(() => page.locator('velvet-tabs [data-tab="source"]').getAttribute('aria-selected')).toBe('true');
    const target = source().locator('.cm-line[data-target-line]');
    await target.waitFor();
    expect(await target.innerText()).toContain('<img src="https://cdn.example.com/logo.png"');
  });

  it('shows the template highlighted as Velocity over HTML, with its finding marked in the text and the gutter', async () => {
    const view = source();
    expect(await view.locator('.cm-vtl-comment').first().innerText()).toBe('## greeting');
    expect(await view.locator('.cm-vtl-directive').allInnerTexts()).toEqual(expect.arrayContaining(['#set', '#if', '#{else}', '#end']));
    expect(await view.locator('.cm-vtl-reference').allInnerTexts()).toEqual(expect.arrayContaining(['$data.get', '$!{name}', '$name']));
    expect(await view.locator('.cm-vtl-string').allInnerTexts()).toEqual(expect.arrayContaining(["'firstName'", "'Ada'"]));
    // HTML is highlighted by lang-html: a tag name has a colour of its own
    const colours = await view.locator('.cm-line').nth(IMG_LINE - 1).evaluate((line) => Array.from(line.querySelectorAll('span')).map((s) => getComputedStyle(s).color));
    expect(new Set(colours).size).toBeGreaterThan(1);
    // a Velocity reference inside an HTML tag keeps its own colour (its mark is the inner one)
    const ref = view.locator('.cm-vtl-reference', { hasText: '$!{name}' });
    expect(await ref.evaluate((el) => getComputedStyle(el).color)).toBe('rgb(180, 83, 9)');
    // the finding: underlined on the <img> of its line, marked in the gutter, its message on hover
    const range = view.locator('.cm-lintRange-warning', { hasText: '<img' });
    expect(await range.innerText()).toContain('<img');
    expect(await view.locator('.cm-gutter-lint .cm-lint-marker-warning').count()).toBeGreaterThan(0);
    await range.hover();
    await expect.poll(() => view.locator('.cm-tooltip-lint').innerText()).toContain('<img> has no alt attribute');
  });

  it('shows email.json, whose subject is a template too', async () => {
    await source().locator('button[data-file="checks-demo/email.json"]').click();
    await expect.poll(() => source().locator('.cm-content').innerText()).toContain('"subject": "Hello $!{data.firstName}"');
    expect(await source().locator('.cm-vtl-reference').allInnerTexts()).toContain('$!{data.firstName}');
    await source().locator('button[data-file="checks-demo/email.html"]').click();
    await expect.poll(() => source().locator('.cm-content').innerText()).toContain('## greeting');
  });

  it('follows a save of the template, even one that leaves the render as it was', async () => {
    const edited = TEMPLATE.replace('## greeting', '## greeting, saved from an editor');
    writeFileSync(template, edited);
    await expect.poll(() => source().locator('.cm-vtl-comment').first().innerText()).toBe('## greeting, saved from an editor');
    expect(readFileSync(template, 'utf8')).toBe(edited);
  });

  it('outlines the element of a finding in the frame without moving anything, and only for a well-formed index', async () => {
    const html = await emailFrame().evaluate(() => document.documentElement.outerHTML);
    expect(html).toContain('id="last"');
    const rendered = (await page.locator('velvet-code-view[slot="html"]').evaluate((el) => (el as unknown as { text: string }).text)) as string;
    const last = elementIndex(rendered, (_tag, a) => a['id'] === 'last');
    const img = elementIndex(rendered, (tag) => tag === 'img');
    expect(last).toBeGreaterThan(0);
    const boxes = () =>
      emailFrame().evaluate(() => Array.from(document.body.querySelectorAll('*')).map((e) => JSON.stringify(e.getBoundingClientRect())).join());
    const before = await boxes();
    const outlined = () =>
      emailFrame().evaluate(() =>
        Array.from(document.getElementsByTagName('*')).filter((e) => getComputedStyle(e).outlineStyle === 'solid').map((e) => e.id || e.tagName.toLowerCase()),
      );
    const highlight = (value: unknown) =>
      page.evaluate((v) => {
        const app = document.querySelector('velvet-app');
        const frame = app?.shadowRoot?.querySelector('velvet-frame') as unknown as { highlight(x: unknown): void };
        frame.highlight(v);
      }, value);
    const attr = () => page.locator('velvet-frame iframe').getAttribute('data-highlighted');

    await highlight(last);
    await expect.poll(attr).toBe(String(last));
    // the index counts the elements of the render as parsed (the preview's <base> is not one of them)
    expect(await outlined()).toEqual(['last']);
    expect(await boxes()).toBe(before);
    await highlight(img);
    await expect.poll(outlined).toEqual(['img']);
    // anything but a non-negative integer is ignored: the outline stays where it was
    for (const bad of ['3', 1.5, -1, { element: 2 }, Number.NaN, 1e300]) await highlight(bad);
    await highlight(999_999);
    await expect.poll(attr).toBe('');
    expect(await outlined()).toEqual([]);
    await highlight(img);
    await expect.poll(outlined).toEqual(['img']);
    // a click into the email ends it, and so does the next render
    await page.frameLocator('velvet-frame iframe').locator('#hello').click();
    await expect.poll(outlined).toEqual([]);
    await highlight(last);
    await expect.poll(outlined).toEqual(['last']);
    writeFileSync(template, TEMPLATE.replace('Bye', 'Bye for now'));
    await frameText().filter({ hasText: 'Bye for now' }).waitFor();
    await expect.poll(outlined).toEqual([]);
  });

  it('highlights the rendered HTML in the HTML tab', async () => {
    await tab('html');
    const view = page.locator('velvet-code-view[slot="html"]');
    await expect.poll(() => view.locator('.cm-content').innerText()).toContain('Bye for now');
    expect(await view.locator('.cm-line span').count()).toBeGreaterThan(20);
  });

  it('marks bad JSON in the payload editor where it breaks, and renders once it is fixed', async () => {
    await tab('payload');
    const editor = page.locator('velvet-payload-editor .cm-content');
    await editor.waitFor();
    await editor.fill('{\n  "firstName": "Grace",\n  "x": tru\n}');
    const problem = page.locator('velvet-payload-editor .problem');
    await expect.poll(() => problem.innerText()).toMatch(/line 3, column 8/);
    const marked = page.locator('velvet-payload-editor .cm-lintRange-error');
    expect(await marked.innerText()).toBe('t');
    expect(await page.locator('velvet-payload-editor .cm-gutter-lint .cm-lint-marker-error').count()).toBe(1);
    await editor.fill('{\n  "firstName": "Grace"\n}');
    await frameText().filter({ hasText: 'Hello Grace' }).waitFor();
    await expect.poll(() => marked.count()).toBe(0);
  });

  it('ran without page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
