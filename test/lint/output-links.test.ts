import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintEmailResult } from '../../src/lint/index.js';
import { imageSizes } from '../../src/lint/rules/output-images.js';
import { loadEmail, normalizeConfig } from '../../src/project/index.js';
import { lintCase, tempTree } from './helpers.js';

const at = (d: { line: number; column: number }) => `${d.line}:${d.column}`;
const doc = (body: string) => `<!DOCTYPE html>\n<html lang="en"><body>\n${body}\n</body></html>`;
const fixtures = { a: { url: 'https://shop.example/p' } };
const messages = async (src: string, rule: string, config = {}) => (await lintCase(src, { rule, fixtures, config })).map((d) => [at(d), d.message]);

describe('output-link-url', () => {
  it('flags javascript:, relative, scheme-less and local URLs and the # placeholder', async () => {
    const src = doc(
      [
        '<a href="javascript:alert(1)">a</a>',
        '<a href="/account">b</a>',
        '<a href="#">c</a>',
        '<img src="//cdn.example/x.png" alt="">',
        '<a href="http://localhost:5173/x">d</a>',
        '<a href="https://127.0.0.1/y">e</a>',
        '<img src="images/logo.png" alt="">',
      ].join('\n'),
    );
    expect(await messages(src, 'output-link-url')).toEqual([
      ['3:1', "<a> href runs JavaScript ('javascript:alert(1)'): mail clients remove or block it"],
      ['4:1', "<a> href is relative ('/account'): an email has no page to resolve it against; write the whole https:// URL"],
      ['5:1', "<a> href is the placeholder '#': the link goes nowhere"],
      ['6:1', "<img> src has no scheme ('//cdn.example/x.png'): in a mail client it opens as file: or not at all; write https://"],
      ['7:1', '<a> href points at a local address (localhost): readers cannot reach it'],
      ['8:1', '<a> href points at a local address (127.0.0.1): readers cannot reach it'],
      ['9:1', "<img> src is relative ('images/logo.png'): an email has no page to resolve it against; write the whole https:// URL"],
    ]);
  });

  it('is quiet on full URLs, mailto and tel, anchors, merge tags and placeholders left for Yespo', async () => {
    const src = doc(
      [
        '<a href="$url">a</a><a href="mailto:a@b.example">m</a><a href="tel:+380441234567">t</a>',
        '<a href="#top">top</a><a href="%UNSUBSCRIBELINK%">u</a><a href="%LINK|https://x.example%">l</a>',
        '<a href="${unsubscribe}">w</a><a href="{{view_in_browser}}">v</a><img src="cid:logo" alt="">',
      ].join('\n'),
    );
    expect(await messages(src, 'output-link-url')).toEqual([]);
  });

  it('reads links in Outlook conditional comments too', async () => {
    const src = doc('<!--[if mso]><v:roundrect href="/buy" style="width:200px"><center>Buy</center></v:roundrect><![endif]-->');
    expect(await messages(src, 'output-link-url')).toEqual([
      ['3:14', "<v:roundrect> href is relative ('/buy'): an email has no page to resolve it against; write the whole https:// URL"],
    ]);
  });
});

describe('output-link-text', () => {
  it('flags link text that shows another web address than the link opens', async () => {
    const src = doc('<a href="https://tracker.example/c?u=1">https://bank.example/login</a>\n<a href="$url">www.other.example</a>');
    expect(await messages(src, 'output-link-text')).toEqual([
      ['3:1', 'The link text shows bank.example but the link opens tracker.example: readers and spam filters take this for phishing'],
      ['4:1', 'The link text shows other.example but the link opens shop.example: readers and spam filters take this for phishing'],
    ]);
  });

  it('is quiet on text that names the same site (www or a subdomain) and on ordinary text', async () => {
    const src = doc('<a href="https://www.shop.example/p">shop.example</a><a href="https://m.shop.example/">shop.example</a><a href="$url">Shop now</a>');
    expect(await messages(src, 'output-link-text')).toEqual([]);
  });
});

describe('output-unsubscribe', () => {
  it('flags a whole email without an unsubscribe link, at its <body>', async () => {
    const src = doc('<a href="https://shop.example/">Shop</a>');
    expect(await messages(src, 'output-unsubscribe')).toEqual([
      ['2:17', 'The email has no unsubscribe link (a link whose URL or text matches lint.unsubscribePattern); Yespo requires one in every bulk email'],
    ]);
  });

  it('flags a whole email without a <body> tag at the start', async () => {
    expect(await messages('<html lang="en">\n<p>no links</p>\n</html>', 'output-unsubscribe')).toEqual([
      ['1:1', 'The email has no unsubscribe link (a link whose URL or text matches lint.unsubscribePattern); Yespo requires one in every bulk email'],
    ]);
  });

  it('finds the link by its URL, its text or a merge tag, in several languages, and skips fragments', async () => {
    for (const link of [
      '<a href="https://shop.example/unsubscribe?e=%EMAIL%">Preferences</a>',
      '<a href="https://shop.example/u?id=1">Відписатися</a>',
      '<a href="%UNSUBSCRIBE_URL%">Click here</a>',
      '<a href="https://shop.example/x">Opt out</a>',
    ]) {
      expect(await messages(doc(link), 'output-unsubscribe')).toEqual([]);
    }
    expect(await messages('<p>A part of an email, no <a href="https://x.example">links</a> out</p>', 'output-unsubscribe')).toEqual([]);
  });

  it('takes its pattern from lint.unsubscribePattern', async () => {
    const src = doc('<a href="https://shop.example/leave">Leave the list</a>');
    expect(await messages(src, 'output-unsubscribe')).toHaveLength(1);
    expect(await messages(src, 'output-unsubscribe', { lint: { unsubscribePattern: 'leave the list' } })).toEqual([]);
  });
});

describe('output-img-size', () => {
  it('flags images without width, or without height unless they are fluid', async () => {
    const src = doc('<img src="https://x.example/a.png" alt="">\n<img src="https://x.example/b.png" width="100" alt="">\n<img src="https://x.example/c.png" width="600" style="width:100%;height:auto" alt="">');
    expect(await messages(src, 'output-img-size')).toEqual([
      ['3:1', '<img> has no width attribute: Outlook ignores CSS widths and shows the image at the size of its file'],
      ['4:1', '<img> has no height attribute: the layout jumps while images load, and stays empty where they are blocked (a fluid image says style="height:auto")'],
    ]);
  });
});

describe('output-img-weight', () => {
  it('flags project images larger than lint.maxImageKB, and never reads a file a symlink leads out of the project to', async () => {
    const outside = tempTree({ 'big.png': 'x'.repeat(40 * 1024) });
    const t = tempTree({
      'velvet.config.json': '{}',
      'email.html': doc('<img src="https://cdn.example/i/big.png" width="1" height="1" alt="">\n<img src="https://cdn.example/i/small.png" width="1" height="1" alt="">\n<img src="https://cdn.example/i/out.png" width="1" height="1" alt="">\n<img src="https://cdn.example/i/../../secret.png" width="1" height="1" alt="">'),
      'email.json': { subject: 'Hello' },
      'assets/i/big.png': 'x'.repeat(30 * 1024),
      'assets/i/small.png': 'x'.repeat(1024),
      'secret.png': 'x'.repeat(40 * 1024),
    });
    try {
      symlinkSync(join(outside.dir, 'big.png'), join(t.dir, 'assets/i/out.png'));
      const email = await loadEmail(t.dir);
      const config = normalizeConfig([{ preview: { assetsBaseUrl: 'https://cdn.example/', assetsDir: 'assets' }, lint: { maxImageKB: 20 } }], { root: t.dir });
      const { diagnostics } = await lintEmailResult(email, config);
      expect(diagnostics.filter((d) => d.ruleId === 'output-img-weight').map((d) => [at(d), d.message])).toEqual([
        ['3:1', 'The image file is 30 KB, more than lint.maxImageKB (20 KB): it loads slowly on mobile data'],
      ]);
      // a later run in the same process sees the file that is there now: one swapped for a link
      // out of the project is not read; a bigger one in its place is
      rmSync(join(t.dir, 'assets/i/big.png'));
      symlinkSync(join(outside.dir, 'big.png'), join(t.dir, 'assets/i/big.png'));
      const swapped = await lintEmailResult(email, config);
      expect(swapped.diagnostics.filter((d) => d.ruleId === 'output-img-weight')).toEqual([]);
      rmSync(join(t.dir, 'assets/i/big.png'));
      writeFileSync(join(t.dir, 'assets/i/big.png'), 'x'.repeat(50 * 1024));
      const bigger = await lintEmailResult(email, config);
      expect(bigger.diagnostics.filter((d) => d.ruleId === 'output-img-weight').map((d) => d.message)).toEqual([
        'The image file is 50 KB, more than lint.maxImageKB (20 KB): it loads slowly on mobile data',
      ]);
    } finally {
      t.cleanup();
      outside.cleanup();
    }
  });
});

describe('image sizes of a lint run', () => {
  it('looks at a file once in a run, again in the next run, and never through a link out of the project', () => {
    const outside = tempTree({ 'big.png': 'x'.repeat(40 * 1024) });
    const t = tempTree({ 'velvet.config.json': '{}', 'assets/i/a.png': 'x'.repeat(30 * 1024) });
    try {
      const config = normalizeConfig([{ preview: { assetsBaseUrl: 'https://cdn.example/', assetsDir: 'assets' } }], { root: t.dir });
      const url = 'https://cdn.example/i/a.png';
      const first = {};
      expect(imageSizes(config, first).of(url)).toBe(30 * 1024);
      writeFileSync(join(t.dir, 'assets/i/a.png'), 'x'.repeat(50 * 1024));
      // the same run keeps what it saw; a new run, or no run (one email), looks again
      expect(imageSizes(config, first).of(url)).toBe(30 * 1024);
      expect(imageSizes(config, {}).of(url)).toBe(50 * 1024);
      expect(imageSizes(config, undefined).of(url)).toBe(50 * 1024);
      rmSync(join(t.dir, 'assets/i/a.png'));
      symlinkSync(join(outside.dir, 'big.png'), join(t.dir, 'assets/i/a.png'));
      expect(imageSizes(config, {}).of(url)).toBeUndefined();
      expect(imageSizes(config, {}).of('https://cdn.example/i/../../velvet.config.json')).toBeUndefined();
      expect(imageSizes(config, {}).of('https://elsewhere.example/i/a.png')).toBeUndefined();
    } finally {
      t.cleanup();
      outside.cleanup();
    }
  });
});

describe('lint config of the output rules', () => {
  it('rejects an unsubscribe pattern that is not a regular expression, at its position', async () => {
    const t = tempTree({ 'velvet.config.json': '{\n  "lint": { "unsubscribePattern": "(" }\n}' });
    try {
      const { loadConfig } = await import('../../src/project/index.js');
      expect(() => loadConfig(join(t.dir, 'velvet.config.json'))).toThrow(/lint\.unsubscribePattern.*'\(' is not a regular expression/s);
      mkdirSync(join(t.dir, 'x'));
      writeFileSync(join(t.dir, 'velvet.config.json'), '{ "lint": { "maxImageKB": 0 } }');
      expect(() => loadConfig(join(t.dir, 'velvet.config.json'))).toThrow(/maxImageKB/);
    } finally {
      t.cleanup();
    }
  });
});
