import { describe, expect, it } from 'vitest';
import { COLOURS, mayPaint } from '../../src/lint/rules/output-contrast.js';
import { generatedTexts, lintCase } from './helpers.js';

const at = (d: { line: number; column: number }) => `${d.line}:${d.column}`;
const doc = (body: string, html = '<html lang="en">') => `<!DOCTYPE html>\n${html}<body>\n${body}\n</body></html>`;
const fixtures = { a: { dark: '#777777' } };
const messages = async (src: string, rule: string, options: { config?: object; meta?: Record<string, unknown> } = {}) =>
  (await lintCase(src, { rule, fixtures, ...options })).map((d) => [at(d), d.message]);

describe('output-html-lang', () => {
  it('flags <html> without lang, and is quiet with it and on fragments', async () => {
    expect(await messages(doc('<p>x</p>', '<html>'), 'output-html-lang')).toEqual([
      ['2:1', '<html> has no lang attribute: screen readers read the email in the wrong language (e.g. <html lang="en">)'],
    ]);
    expect(await messages(doc('<p>x</p>', '<html lang="#if($a)de#{else}en#end">'), 'output-html-lang')).toEqual([]);
    expect(await messages('<p>a fragment</p>', 'output-html-lang')).toEqual([]);
  });

  it('takes a whole email without an <html> tag for one without lang, and finds a later <html> tag', async () => {
    expect(await messages('<body>\n<p>x</p>\n</body>', 'output-html-lang')).toEqual([
      ['1:1', '<html> has no lang attribute: screen readers read the email in the wrong language (e.g. <html lang="en">)'],
    ]);
    expect(await messages('<meta charset="utf-8">\n<html lang="en"><body><p>x</p></body></html>', 'output-html-lang')).toEqual([]);
  });
});

describe('output-table-role', () => {
  it('flags layout tables without role="presentation", not data tables', async () => {
    const src = doc(
      [
        '<table role="presentation"><tr><td>ok</td></tr></table>',
        '<table width="600"><tr><td><table role="presentation"><tr><th>inner</th></tr></table></td></tr></table>',
        '<table><thead><tr><th>Item</th><th>Price</th></tr></thead><tr><td>a</td><td>1</td></tr></table>',
        '<table><caption>Order</caption><tr><td>a</td></tr></table>',
      ].join('\n'),
    );
    expect(await messages(src, 'output-table-role')).toEqual([['4:1', 'A layout <table> has no role="presentation": screen readers announce its rows and columns']]);
  });
});

describe('output-link-img-alt', () => {
  it('flags links made only of images with empty or missing alt text', async () => {
    const src = doc(
      [
        '<a href="https://x.example/"><img src="https://x.example/l.png" alt=""></a>',
        '<a href="https://x.example/"><img src="https://x.example/l.png" alt="Northwind"></a>',
        '<a href="https://x.example/"><img src="https://x.example/l.png" alt="">Shop</a>',
        '<a href="https://x.example/" aria-label="Home"><img src="https://x.example/l.png" alt=""></a>',
        '<a href="https://x.example/"><span><img src="https://x.example/l.png"></span></a>',
      ].join('\n'),
    );
    const m = 'A link holds only an image without alt text: screen readers have no name for it (say where it leads in the alt)';
    expect(await messages(src, 'output-link-img-alt')).toEqual([
      ['3:1', m],
      ['7:1', m],
    ]);
  });
});

describe('output-heading-order', () => {
  it('flags headings that skip levels going down, not going back up', async () => {
    const src = doc('<h1>a</h1>\n<h3>b</h3>\n<h2>c</h2>\n<h3>d</h3>\n<h6>e</h6>\n<h1>f</h1>');
    expect(await messages(src, 'output-heading-order')).toEqual([
      ['4:1', '<h3> follows <h1>: heading levels skip h2, and screen reader users lose the outline'],
      ['7:1', '<h6> follows <h3>: heading levels skip h4 to h5, and screen reader users lose the outline'],
    ]);
  });
});

describe('output-contrast', () => {
  it('passes every tag the colour pattern matches to the paint lookup (20,000 generated tags)', () => {
    const pieces = ['<td', '<font', ' style="', 'color:', 'COLOR:', 'CoLoR', 'background', 'BackGround-color:', 'bgcolor=', '#fff', 'dolor', '&amp;', '&', 'x', ' ', '"', '>', 'olo', 'ackgroun', 'A', 'z'];
    let matched = 0;
    for (const tag of generatedTexts(pieces, 5, 20_000, 8)) {
      if (COLOURS.test(tag)) {
        expect(mayPaint(tag), tag).toBe(true);
        matched++;
      }
    }
    expect(matched).toBeGreaterThan(5000);
  });

  it('flags very low contrast between inline text and background colours, own or inherited', async () => {
    const src = doc(
      [
        '<table role="presentation"><tr><td style="background-color:#ffffff">',
        '<p style="color:#eeeeee">pale</p>',
        '<p style="color:$dark">fine</p>',
        '</td></tr></table>',
        '<div bgcolor="#000000" style="color:#111">dark on black</div>',
      ].join('\n'),
    );
    expect(await messages(src, 'output-contrast')).toEqual([
      ['4:1', 'Text colour #eeeeee on background #ffffff has a contrast of 1.16:1, below 2:1 (WCAG asks 4.5:1 for body text)'],
      ['7:1', 'Text colour #111111 on background #000000 has a contrast of 1.11:1, below 2:1 (WCAG asks 4.5:1 for body text)'],
    ]);
  });

  it('is quiet where it cannot decide: one colour missing, transparency, an image background, links, hidden preheaders', async () => {
    const src = doc(
      [
        '<p style="color:#eeeeee">no background</p>',
        '<div style="background:url(https://x.example/bg.png) #fff"><p style="color:#eee">image</p></div>',
        '<div style="background-color:rgba(0,0,0,0.1)"><p style="color:#eee">see-through</p></div>',
        '<div style="background-color:#fff;color:#eee"><a href="https://x.example/">the client colours links</a></div>',
        '<div style="display:none;color:#fff;background-color:#fff">preheader</div>',
      ].join('\n'),
    );
    expect(await messages(src, 'output-contrast')).toEqual([]);
  });

  it('takes its threshold from lint.minContrast', async () => {
    const src = doc('<div style="background-color:#fff;color:#777">grey</div>');
    expect(await messages(src, 'output-contrast')).toEqual([]);
    expect(await messages(src, 'output-contrast', { config: { lint: { minContrast: 4.5 } } })).toHaveLength(1);
  });
});

describe('output-subject-length and output-preheader-length', () => {
  it('count the rendered characters, after merge tags, without preheader padding', async () => {
    const long = 'A subject that goes on and on about the many things we have for you this week';
    const subject = await messages('<p>x</p>', 'output-subject-length', { meta: { subject: long } });
    expect(subject).toEqual([['2:15', `subject: The subject renders ${[...long].length} characters, more than 70: inboxes cut it off`]]);
    expect(await messages('<p>x</p>', 'output-subject-length', { meta: { subject: 'Hi %FIRSTNAME|friend%, news' } })).toEqual([]);
    const short = await messages('<p>x</p>', 'output-preheader-length', { meta: { subject: 'S', preheader: 'Hi $!dark\u200c\u034f\u2007\u200c\u034f' } });
    expect(short).toEqual([['3:17', 'preheader: The preheader renders 10 characters, fewer than 30: clients fill the rest of the inbox line with the start of the body']]);
    const ok = await messages('<p>x</p>', 'output-preheader-length', { meta: { subject: 'S', preheader: 'Your order is on its way: track it any time' } });
    expect(ok).toEqual([]);
  });

  it('take their limits from the lint config', async () => {
    const meta = { subject: 'Twenty-one characters', preheader: 'Short one' };
    expect(await messages('<p>x</p>', 'output-subject-length', { meta, config: { lint: { subjectMaxLength: 20 } } })).toHaveLength(1);
    expect(await messages('<p>x</p>', 'output-preheader-length', { meta, config: { lint: { preheaderMinLength: 5 } } })).toEqual([]);
    expect(await messages('<p>x</p>', 'output-preheader-length', { meta, config: { lint: { preheaderMinLength: 5, preheaderMaxLength: 8 } } })).toHaveLength(1);
  });
});

describe('checks on deeply nested output', () => {
  it('walk elements nested 50,000 deep without running out of stack', async () => {
    const deep = '<div>'.repeat(50_000) + '<b>$leftover</b>' + '</div>'.repeat(50_000);
    const src = doc(`<table><tr><td>${deep}</td></tr></table>`);
    const found = await lintCase(src, { fixtures });
    expect(found.filter((d) => /crashed/.test(d.message))).toEqual([]);
    expect(found.filter((d) => d.ruleId === 'output-table-role').length).toBe(1);
    expect(found.some((d) => d.ruleId === 'output-leftover-code' && d.message.includes('$leftover'))).toBe(true);
  }, 30_000);
});
