import { describe, expect, it } from 'vitest';
import { lintCase } from './helpers.js';

const at = (d: { line: number; column: number }) => `${d.line}:${d.column}`;
const page = (body: string) => `<html><body>\n${body}\n</body></html>`;

describe('directive-crosses-html', () => {
  it('flags branches that open or close elements across the directive', async () => {
    const src = page('<!--#if($a)--><div class="a"><!--#else--><div class="b"><!--#end-->x</div>');
    const d = await lintCase(src, { rule: 'directive-crosses-html' });
    expect(d.map((x) => x.message)).toEqual([
      'The #if branch leaves <div> open: keep each element inside one branch',
      'The #else branch leaves <div> open: keep each element inside one branch',
    ]);
    expect(d.map(at)).toEqual(['2:5', '2:34']);
  });
  it('flags a directive that starts in an attribute and ends outside it', async () => {
    const d = await lintCase(page('<a href="#if($a)x">y#end</a>'), { rule: 'directive-crosses-html' });
    expect(d.map((x) => x.message)).toEqual(['The #if branch starts in an attribute value and ends in text']);
  });
  it('is quiet on balanced branches and directives inside attributes', async () => {
    const src = page('<!--#if($a)--><p>a</p><!--#else--><p>b</p><!--#end--><a href="#if($a)x#{else}y#end">z</a>');
    expect(await lintCase(src, { rule: 'directive-crosses-html' })).toEqual([]);
  });
});

describe('directive-not-wrapped', () => {
  it('flags bare control directives in email HTML', async () => {
    const d = await lintCase(page('<p>\n#if($a)\nA\n#end\n</p>'), { rule: 'directive-not-wrapped' });
    expect(d.map((x) => x.message)).toEqual([
      "Wrap '#if($a)' as '<!--#if($a)-->': Yespo's email editor needs directives in HTML comments",
      "Wrap '#end' as '<!--#end-->': Yespo's email editor needs directives in HTML comments",
    ]);
    expect(d.map(at)).toEqual(['3:1', '5:1']);
  });
  it('is quiet on wrapped directives, #set, directives in attributes and non-HTML templates', async () => {
    const src = page('#set($x = 1)\n<!--#if($a)-->A<!--#end--><td class="#if($a)x#end">');
    expect(await lintCase(src, { rule: 'directive-not-wrapped' })).toEqual([]);
    expect(await lintCase('#if($a)SMS text#end', { rule: 'directive-not-wrapped' })).toEqual([]);
  });
});

describe('unknown-merge-tag', () => {
  const config = { contactFields: ['FIRSTNAME', 'CITY'] };
  it('flags merge tags that are not contact fields', async () => {
    const d = await lintCase('Hi %FIRSTNAM|%, 100% sure, %city%', { rule: 'unknown-merge-tag', config });
    expect(d.map((x) => x.message)).toEqual(['%FIRSTNAM% is not a known contact field; did you mean %FIRSTNAME%?']);
    expect(d.map(at)).toEqual(['1:4']);
  });
  it('is quiet without a configured field list', async () => {
    expect(await lintCase('Hi %WHATEVER%', { rule: 'unknown-merge-tag' })).toEqual([]);
  });
});

describe('output rules', () => {
  const fixtures = { 'with-data': { name: 'Ann', url: 'https://x.example' }, empty: {} };
  it('output-leftover-code points at the reference and names the fixture', async () => {
    const d = await lintCase('<p>\nHi $name</p>', { rule: 'output-leftover-code', fixtures });
    expect(d).toEqual([
      expect.objectContaining({ message: "The output shows Velocity code '$name'", line: 2, column: 4, fixture: 'empty', severity: 'error' }),
    ]);
  });
  it('output-empty-url, output-img-alt and output-insecure-link point at the template tag', async () => {
    const src = '<p>x</p>\n<a href="$!url">a</a>\n<img src="https://x.example/a.png" alt="a">\n<img src="http://x.example/b.png">';
    const empty = await lintCase(src, { rule: 'output-empty-url', fixtures });
    expect(empty.map((x) => [at(x), x.message, x.fixture])).toEqual([['2:1', '<a> has an empty href', 'empty']]);
    const alt = await lintCase(src, { rule: 'output-img-alt', fixtures });
    expect(alt.map((x) => [at(x), x.fixture])).toEqual([['4:1', 'empty, with-data']]);
    const http = await lintCase(src, { rule: 'output-insecure-link', fixtures });
    expect(http.map(at)).toEqual(['4:1']);
  });
  it('are quiet on a clean output', async () => {
    const src = '<a href="${url|\'https://y.example\'}"><img src="https://x.example/a.png" alt=""></a>';
    for (const rule of ['output-leftover-code', 'output-empty-url', 'output-img-alt', 'output-insecure-link', 'output-size']) {
      expect(await lintCase(src, { rule, fixtures })).toEqual([]);
    }
  });
  it('output-size flags HTML above 102 KB', async () => {
    const d = await lintCase('#foreach($i in [1..2300])<p>0123456789012345678901234567890123456789</p>#end', { rule: 'output-size', fixtures: { a: {} } });
    expect(d).toHaveLength(1);
    expect(d[0]!.message).toMatch(/^The output is 10\d\.\d KB; Gmail clips messages above 102 KB$/);
  });
  it('missing-subject flags an email without subject, and a subject that renders empty', async () => {
    const none = await lintCase('<p>x</p>', { rule: 'missing-subject', meta: {} });
    expect(none.map((x) => x.message)).toEqual(['The email has no subject: add "subject" to email.json']);
    const empty = await lintCase('<p>x</p>', { rule: 'missing-subject', meta: { subject: '$!title' }, fixtures: { a: {}, b: { title: 'T' } } });
    expect(empty.map((x) => [x.message, x.fixture, x.file.endsWith('email.json'), at(x)])).toEqual([['The subject renders empty', 'a', true, '2:14']]);
    expect(await lintCase('<p>x</p>', { rule: 'missing-subject', meta: { subject: 'Hi' }, fixtures: { a: {} } })).toEqual([]);
  });
});

describe('render errors and fixtures', () => {
  it('render-error reports a failing fixture at the failing place', async () => {
    const d = await lintCase('<p>\n$!items.get(5)</p>', { rule: 'render-error', fixtures: { short: { items: [1] }, long: { items: [1, 2, 3, 4, 5, 6] } } });
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ fixture: 'short', line: 2, severity: 'error' });
  });
  it('render-limit reports a fixture that hits a limit', async () => {
    const d = await lintCase('#foreach($i in [1..2000000])x#end', { rule: 'render-limit', fixtures: { a: {} } });
    expect(d).toHaveLength(1);
    expect(d[0]!.fixture).toBe('a');
  });
  it('fixture-invalid reports a broken fixture file with its position', async () => {
    const d = await lintCase('x', { rule: 'fixture-invalid', fixtures: { bad: '{\n  "a": 1,\n}' } });
    expect(d).toHaveLength(1);
    expect(d[0]!.file.endsWith('bad.json')).toBe(true);
    expect(d[0]).toMatchObject({ line: 2, column: 9 });
  });
  it('fixture-schema checks each fixture against the inferred schema', async () => {
    const src = "#if($total > 50)big#end #if($code == 'A')a#end #foreach($i in $items)$!i.name#end";
    const d = await lintCase(src, {
      rule: 'fixture-schema',
      fixtures: { good: { total: '60.5', code: 'A', items: [] }, bad: '{\n  "total": "lots",\n  "code": 1,\n  "items": {}\n}' },
    });
    expect(d.map((x) => [x.fixture, at(x), x.message.split(':')[0]])).toEqual([
      ['bad', '2:12', '/total must be a number or a numeric string'],
      ['bad', '3:11', '/code must be string (or null)'],
      ['bad', '4:12', '/items must be array (or null)'],
    ]);
  });
});

describe('element indices of findings on the output (LintOptions.elementIndex)', () => {
  it('are the only thing the language server and the CLI text formats go without', async () => {
    // a table without role, images without sizes, an <img> in a link without alt, inside and
    // outside an Outlook conditional comment
    const src = page(
      '<table><tr><td><a href="https://e.com/x"><img src="https://e.com/a.png"></a></td></tr></table>\n' +
        '<!--[if mso]><table><tr><td><img src="https://e.com/b.png"></td></tr></table><![endif]-->\n<a href="https://e.com/unsubscribe">Unsubscribe</a>',
    );
    const withIndex = await lintCase(src, { fixtures: { a: {}, b: { x: 1 } } });
    const without = await lintCase(src, { fixtures: { a: {}, b: { x: 1 } }, lint: { elementIndex: false } });
    const onOutput = withIndex.filter((d) => d.output);
    expect(onOutput.length).toBeGreaterThan(3);
    expect(onOutput.some((d) => d.output!.element !== undefined)).toBe(true);
    expect(without.some((d) => d.output?.element !== undefined)).toBe(false);
    // each lintCase has a folder of its own
    const dropIndex = (d: (typeof withIndex)[number]) => ({ ...d, file: d.file.split('/').pop(), ...(d.output ? { output: { ...d.output, element: undefined } } : {}) });
    expect(without.map(dropIndex)).toEqual(withIndex.map(dropIndex));
  });
});
