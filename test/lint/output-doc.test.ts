import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEmail, loadConfig, renderEmail } from '../../src/project/index.js';
import { outputLocation, parseOutput } from '../../src/lint/output-doc.js';
import { launchChromium } from '../preview/helpers.js';
import { SAMPLES } from './helpers.js';

/** What the browser has at each index of getElementsByTagName('*') for `html`. */
type Browser = Awaited<ReturnType<typeof launchChromium>>;

describe('element indices of the parsed output agree with Chromium', () => {
  let chromium: Browser;
  beforeAll(async () => {
    chromium = await launchChromium({ width: 800, height: 600 });
  }, 60_000);
  afterAll(async () => {
    await chromium?.close();
  });

  const browserElements = async (html: string) => {
    await chromium.page.setContent(html, { waitUntil: 'domcontentloaded' });
    return chromium.page.evaluate(() =>
      Array.from(document.getElementsByTagName('*'), (e) => [e.tagName.toLowerCase(), e.getAttribute('data-k') ?? ''] as [string, string]),
    );
  };
  /**
   * The browser's elements at the indices of ours: every element written in the HTML has the
   * index of the browser's element made from its tag (only elements a browser implies have none).
   */
  const check = async (html: string) => {
    const browser = await browserElements(html);
    const ours = parseOutput(html).elements;
    for (const e of ours) expect(e.index, `<${e.name}> at ${e.start}`).not.toBeUndefined();
    const byIndex = ours.map((e) => [e.index!, [e.name, e.attrs.find((a) => a.name === 'data-k')?.value ?? '']] as const);
    for (const [i, el] of byIndex) expect(browser[i], `element ${i}`).toEqual(el);
    const taken = new Set(byIndex.map(([i]) => i));
    return { ours, implied: browser.filter((_, i) => !taken.has(i)).map(([name]) => name) };
  };

  it('with implied html, head, body and tbody, misnested and foster-parented tags, template and svg', async () => {
    const html = [
      '<title>t</title><p data-k="1">a<b data-k="2">b<i>c</p>d</i>',
      '<table data-k="3"><tr><td>x</td></tr><div data-k="4">fostered</div></table>',
      '<template><span>inert</span></template><svg><circle r="1"/></svg>',
      '<!--[if mso]><table><tr><td>Outlook only</td></tr></table><![endif]--><img data-k="5">',
    ].join('\n');
    // the browser also makes html, head, body and tbody, and clones <b> and <i> for the text after </p>
    expect((await check(html)).implied).toEqual(['html', 'head', 'body', 'b', 'i', 'tbody']);
  });

  it('the first <html> and <body>, real or implied', () => {
    const doc = parseOutput('<p>x</p>');
    expect([doc.top('html').implied, doc.top('html').index, doc.top('body').index]).toEqual([true, 0, 2]);
    const whole = parseOutput('<!doctype html>\n<html lang="en"><body class="b"><p>x</p></body></html>');
    expect([whole.top('html').implied, whole.top('html').index, whole.top('body').start]).toEqual([false, 0, 32]);
  });

  it('for the rendered welcome sample', async () => {
    const dir = join(SAMPLES, 'welcome');
    const email = await loadEmail(dir);
    const config = loadConfig(join(SAMPLES, 'velvet.config.json'));
    const html = renderEmail(email, { config }).html;
    const { ours, implied } = await check(html);
    expect(ours.length).toBeGreaterThan(100);
    // the sample's tables have no <tbody> tags
    expect(implied.length).toBeGreaterThan(0);
    expect(new Set(implied)).toEqual(new Set(['tbody']));
  });
});

describe('parseOutput', () => {
  it('lists the markup of Outlook conditional comments apart, with offsets into the output', () => {
    const html = '<p>x</p><!--[if mso]><v:roundrect href="https://a.example/"><a href="#">o</a></v:roundrect><![endif]-->';
    const doc = parseOutput(html);
    expect(doc.conditional.map((e) => [e.name, e.index, html.slice(e.start, e.end)])).toEqual([
      ['v:roundrect', undefined, '<v:roundrect href="https://a.example/">'],
      ['a', undefined, '<a href="#">'],
    ]);
  });

  it('gives line and column of an offset in the output', () => {
    const doc = parseOutput('<p>\n  <a href="x">y</a></p>');
    const a = doc.elements.find((e) => e.name === 'a')!;
    expect(outputLocation(doc.html, a.start, a.end, a.index)).toEqual({ start: 6, end: 18, line: 2, column: 3, element: a.index });
  });
});
