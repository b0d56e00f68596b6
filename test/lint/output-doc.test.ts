import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEmail, loadConfig, renderEmail } from '../../src/project/index.js';
import { parseOutput } from '../../src/lint/output-doc.js';
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
  const ours = (html: string) => parseOutput(html).elements.map((e) => [e.name, e.attrs.find((a) => a.name === 'data-k')?.value ?? ''] as [string, string]);

  it('with implied html, head, body and tbody, misnested and foster-parented tags, template and svg', async () => {
    const html = [
      '<title>t</title><p data-k="1">a<b data-k="2">b<i>c</p>d</i>',
      '<table data-k="3"><tr><td>x</td></tr><div data-k="4">fostered</div></table>',
      '<template><span>inert</span></template><svg><circle r="1"/></svg>',
      '<!--[if mso]><table><tr><td>Outlook only</td></tr></table><![endif]--><img data-k="5">',
    ].join('\n');
    expect(ours(html)).toEqual(await browserElements(html));
  });

  it('for the rendered welcome sample', async () => {
    const dir = join(SAMPLES, 'welcome');
    const email = await loadEmail(dir);
    const config = loadConfig(join(SAMPLES, 'velvet.config.json'));
    const html = renderEmail(email, { config }).html;
    const found = ours(html);
    expect(found.length).toBeGreaterThan(100);
    expect(found).toEqual(await browserElements(html));
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
    expect(doc.location(a.start, a.end, a.index)).toEqual({ start: 6, end: 18, line: 2, column: 3, element: a.index });
  });
});
