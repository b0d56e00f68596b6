import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ClientChecker } from '../../src/lint/client-support-check.js';
import { latestInText, latestParsed } from '../../src/lint/client-support-data.js';
import { lintEmailResult } from '../../src/lint/index.js';
import { parseOutput } from '../../src/lint/output-doc.js';
import { loadConfig, loadProject, loadEmail } from '../../src/project/index.js';
import { matchClients } from '../../src/project/config-clients.js';
import { SAMPLES, lintCase, runCli, tempTree } from './helpers.js';

const at = (d: { line: number; column: number }) => `${d.line}:${d.column}`;
const page = (body: string, head = '') => `<!DOCTYPE html>\n<html><head>${head}</head><body>\n${body}\n</body></html>`;
const rule = 'client-support';

describe('client-support', () => {
  it('warns about a declaration a chosen client does not support, at the declaration, with caniemail note', async () => {
    const src = page('<td style="padding:8px;border-radius:4px;">Buy</td>');
    const d = await lintCase(src, { rule, config: { lint: { clients: ['outlook.windows'] } } });
    const warning = d.filter((x) => x.severity === 'warning');
    expect(warning.map((x) => x.message)).toEqual([
      expect.stringMatching(/^CSS border-radius is not supported by Outlook \(Windows\) \(caniemail: Round corners can be used in VML/),
    ]);
    expect(warning.map(at)).toEqual(['3:24']);
    expect(warning[0]).toMatchObject({ endLine: 3, endColumn: 41 });
  });

  it('does not report partial support that caniemail limits to other elements (lang on <td> only, role works on <table>)', async () => {
    const config = { lint: { clients: ['yahoo.*'] } };
    const scoped = await lintCase('<!DOCTYPE html>\n<html lang="en"><head></head><body>\n<table role="presentation"><tr><td>Hi</td></tr></table>\n</body></html>', { rule, config });
    expect(scoped.filter((x) => /^(lang|role) attribute/.test(x.message))).toEqual([]);
    const on = await lintCase(page('<table><tr><td lang="en">Hi</td></tr></table>\n<div role="note">x</div>'), { rule, config });
    expect(on.filter((x) => /^(lang|role) attribute/.test(x.message)).map((x) => [x.severity, x.message.replace(/ is .*$/, '')])).toEqual([
      ['info', 'lang attribute'],
      ['info', 'role attribute'],
    ]);
  });

  it('reports partial support as info, naming the clients compactly', async () => {
    const src = page('<p style="margin:0 0 12px 0">Hi</p>');
    const d = await lintCase(src, { rule, config: { lint: { clients: ['gmail.*', 'yahoo.ios'] } } });
    const margin = d.filter((x) => x.message.startsWith('CSS margin'));
    expect(margin.map((x) => [x.severity, x.message.replace(/ \(caniemail:.*$/, '')])).toEqual([
      ['info', 'CSS margin is only partly supported by Gmail (Desktop Webmail, iOS, Android, Mobile Webmail), Yahoo! Mail (iOS)'],
    ]);
  });

  it('gives unsupported features one warning per template place, partial support one info per email at its first use', async () => {
    const src = page('<td style="margin:0;border-radius:4px">a</td>\n<td style="margin:0 auto;border-radius:2px">b</td>');
    const d = await lintCase(src, { rule, config: { lint: { clients: ['outlook.windows', 'gmail.ios'] } } });
    expect(d.filter((x) => x.message.startsWith('CSS border-radius')).map((x) => [x.severity, at(x)])).toEqual([['warning', '3:21'], ['warning', '4:26']]);
    expect(d.filter((x) => x.message.startsWith('CSS margin')).map((x) => [x.severity, at(x)])).toEqual([['info', '3:12']]);
  });

  it('checks style blocks and points at the at-rule and the selector', async () => {
    const css = '\n.a > .b { color: red; }\n@media (max-width: 600px) { .a { width: 100%; } }\n';
    const d = await lintCase(page('<p class="a">x</p>', `<style>${css}</style>`), { rule, config: { lint: { clients: ['outlook.windows'] } } });
    const byMessage = new Map(d.map((x) => [x.message.replace(/ \(caniemail:.*$/, ''), at(x)]));
    expect(byMessage.get('CSS @media is not supported by Outlook (Windows)')).toBe('4:1');
    expect(byMessage.get('CSS Child combinator is not supported by Outlook (Windows)')).toBe('3:1');
  });

  it('gives one finding per feature and template place, with the fixtures that show it', async () => {
    const src = page('<!--#foreach($i in $data.get("items"))--><td style="border-radius:4px">$i</td><!--#end-->');
    const items = (n: number) => ({ items: Array.from({ length: n }, (_, i) => `item ${i}`) });
    const d = await lintCase(src, { rule, fixtures: { one: items(1), three: items(3) }, config: { lint: { clients: ['outlook.windows'] } } });
    const radius = d.filter((x) => x.message.startsWith('CSS border-radius'));
    expect(radius).toHaveLength(1);
    expect(radius[0]!.fixture).toBe('one, three');
    // the place in the rendered HTML of the first fixture: the declaration, at line 3 of the output
    expect(radius[0]!.output).toMatchObject({ line: 3 });
    expect(radius[0]!.output!.end - radius[0]!.output!.start).toBe('border-radius:4px'.length);
  });

  it('places a finding on a tag the template writes with Velocity code at the template tag that agrees best', async () => {
    const lines = [
      '<a href="https://x.test/a" style="border-radius:4px">A</a>',
      '<a href="$data.get(\'u\')" class="b" style="border-radius:4px">B</a>',
      '<A HREF="$data.get(\'u\')" style="border-radius:4px">C</A>',
    ];
    const src = page(lines.join('\n'));
    const d = await lintCase(src, { rule, fixtures: { one: { u: 'https://x.test/b' } }, config: { lint: { clients: ['outlook.windows'] } } });
    const radius = d.filter((x) => x.message.startsWith('CSS border-radius'));
    const column = (line: string) => line.indexOf('border-radius') + 1;
    expect(radius.map(at)).toEqual(lines.map((line, i) => `${3 + i}:${column(line)}`));
  });

  it('places findings on each of many template tags of one length', async () => {
    // thirty tags of one length: past the first sixteen they are found through a map of their texts
    const lines = Array.from({ length: 30 }, (_, i) => `<td style="border-radius:${10 + i}px">x</td>`);
    const d = await lintCase(page(`<table><tr>\n${lines.join('\n')}\n</tr></table>`), { rule, config: { lint: { clients: ['outlook.windows'] } } });
    const radius = d.filter((x) => x.message.startsWith('CSS border-radius'));
    expect(radius.map(at)).toEqual(lines.map((_, i) => `${4 + i}:12`));
  });

  it('takes the latest test of each client, not caniemail own text order of versions', async () => {
    // Outlook for Mac: "2019-02: y" sorts after "16.80: n" as text; 16.80 is the newer version
    const d = await lintCase(page('<div style="text-shadow:1px 1px #000">x</div>'), { rule, config: { lint: { clients: ['outlook.macos'] } } });
    expect(d.filter((x) => x.severity === 'warning').map((x) => x.message)).toEqual(['CSS text-shadow is not supported by Outlook (macOS)']);
  });

  it('reads the latest test of every client from the data file text as a parse that keeps version order does', () => {
    const text = readFileSync(createRequire(import.meta.url).resolve('caniemail/caniemail.json'), 'utf8');
    const fromText = latestInText(text);
    const parsed = latestParsed(text);
    expect(parsed.length).toBeGreaterThan(10_000);
    expect(fromText).toEqual(parsed);
    // a layout the text reader does not know is left to the parse
    expect(latestInText(text.replace('"stats":{"apple-mail":{"macos":{', '"stats":{"apple-mail":{"macos":{"x":{},'))).toBeUndefined();
  });

  it('is quiet about a bare <body>: a client that replaces it loses nothing', async () => {
    const d = await lintCase(page('<p>x</p>'), { rule, config: { lint: { clients: ['yahoo.ios'] } } });
    expect(d).toEqual([]);
  });

  it('finds CSS functions in declarations and style blocks, which caniemail 1.0.5 misses', async () => {
    const src = page('<td style="width:calc(100% - 20px);color:var(--ink, #111)">x</td>', '<style>.a { width: min(100%, 600px); }</style>');
    const d = await lintCase(src, { rule, config: { lint: { clients: ['outlook.windows'] } } });
    const byMessage = new Map(d.map((x) => [x.message.replace(/ \(caniemail:.*$/, ''), [x.severity, at(x)]]));
    expect(byMessage.get('CSS calc() function is not supported by Outlook (Windows)')).toEqual(['warning', '3:12']);
    expect(byMessage.get('CSS Variables (Custom Properties) is not supported by Outlook (Windows)')).toEqual(['warning', '3:36']);
    expect(byMessage.get('CSS min() is not supported by Outlook (Windows)')).toEqual(['warning', '2:32']);
  });

  it('drops caniemail substring matches: line-height is not height, tbody is not body', async () => {
    const src = page('<table><tbody><tr><td style="line-height:20px;max-width:300px">x</td></tr></tbody></table>').replace('<body>', '<body bgcolor="#fff">');
    const d = await lintCase(src, { rule, config: { lint: { clients: ['yahoo.*', 'outlook.macos'] } } });
    const messages = d.map((x) => x.message);
    expect(messages.filter((m) => /height property|width property/.test(m))).toEqual([]);
    expect(d.filter((x) => x.message.startsWith('<body> element')).map(at)).toEqual(['2:20']);
  });

  it('reports what a client makes up for as info: a dropped <body>, a target that Gmail forces anyway', async () => {
    const src = page('<p><a href="https://x.example/" target="_blank">x</a></p>').replace('<body>', '<body style="margin:0">');
    const d = await lintCase(src, { rule, config: { lint: { clients: ['yahoo.ios', 'gmail.android'] } } });
    expect(d.filter((x) => /^(<body>|target)/.test(x.message)).map((x) => [x.severity, x.message.replace(/ \(caniemail:.*$/, '')])).toEqual([
      ['info', '<body> element is not supported by Yahoo! Mail (iOS), only partly by Gmail (Android)'],
      ['info', 'target attribute is not supported by Gmail (Android), Yahoo! Mail (iOS)'],
    ]);
  });

  it('skips comments and Outlook conditional blocks, and survives features some clients have no data for', async () => {
    const src = page('<!--[if mso]><div style="border-radius:4px"></div><![endif]--><!-- <div style="opacity:0"> --><p style="word-wrap:break-word">x</p>');
    const d = await lintCase(src, { rule, config: { lint: { clients: ['outlook.windows', 'yahoo.*'] } } });
    expect(d.filter((x) => /border-radius|opacity/.test(x.message))).toEqual([]);
    expect(d.filter((x) => x.message.startsWith('Rule '))).toEqual([]);
    // caniemail has no word-wrap data for Yahoo on iOS and Android: those are left out, the others checked
    expect(d.filter((x) => x.message.startsWith('CSS word-wrap')).map((x) => x.message)).toEqual([expect.stringMatching(/^CSS word-wrap is not supported by Outlook \(Windows\) \(caniemail: /)]);
  });

  it('follows the rule setting: error for unsupported, partial support stays info; info makes everything info', async () => {
    const src = page('<td style="border-radius:4px;margin:0">x</td>');
    const config = (s: 'error' | 'info') => ({ lint: { clients: ['outlook.windows'], rules: { [rule]: s } } });
    const asError = await lintCase(src, { rule, config: config('error') });
    expect(new Set(asError.map((x) => x.severity))).toEqual(new Set(['error', 'info']));
    const asInfo = await lintCase(src, { rule, config: config('info') });
    expect(new Set(asInfo.map((x) => x.severity))).toEqual(new Set(['info']));
  });

  it('gives output offsets into the rendered HTML of each finding', () => {
    const html = page('<td style="padding:0; border-radius:4px">x</td>', '<style>@media screen { .a { color: red } }</style>');
    const found = new ClientChecker(['outlook.windows']).findings(html);
    const text = (t: string) => found.filter((o) => o.support.title === t).map((o) => html.slice(o.start, o.end));
    expect(text('border-radius')).toEqual(['border-radius:4px']);
    expect(text('@media')).toEqual(['@media']);
    const gmail = new ClientChecker(['gmail.mobile-webmail']).findings(html);
    expect(gmail.filter((o) => o.support.title === '<style> element').map((o) => html.slice(o.start, o.end))).toEqual(['<style>']);
  });

  it('leaves out partial support of a declaration that caniemail limits to other elements', () => {
    // Outlook for Windows: max-width "only works on <table> elements"
    const html = page('<table style="max-width:600px"><tr><td><div style="max-width:300px">y</div></td></tr></table>');
    const found = new ClientChecker(['outlook.windows']).findings(html);
    const places = found.filter((o) => o.support.title === 'max-width').map((o) => html.slice(html.lastIndexOf('<', o.start), o.end));
    expect(places).toEqual(['<div style="max-width:300px']);
  });

  it('hands the rule each distinct tag once per document, in every document, whatever other checkers did', () => {
    const html = '<table><tr><td style="border-radius:4px">a</td><td style="border-radius:4px">b</td></tr></table>';
    const outlook = new ClientChecker(['outlook.windows']);
    const gmail = new ClientChecker(['gmail.ios']);
    const seen: string[] = [];
    const onTag = (name: string) => (at: number, of: { found: { support: { title: string } }[] }) => seen.push(`${name}@${at}:${of.found.map((o) => o.support.title).join()}`);
    const first = html.indexOf('<td');
    for (const checker of [outlook, gmail, outlook]) checker.check(parseOutput(html), onTag(checker === outlook ? 'outlook' : 'gmail'), () => {});
    expect(seen).toEqual([`outlook@${first}:border-radius`, `outlook@${first}:border-radius`]);
    gmail.check(parseOutput('<p style="margin:0">x</p>'), onTag('gmail'), () => {});
    expect(seen.slice(2)).toEqual(['gmail@0:margin']);
    // the list of every finding still has both places
    expect(outlook.findings(html).map((o) => html.slice(o.start, o.end))).toEqual(['border-radius:4px', 'border-radius:4px']);
  });

  it('reads broken and hostile markup in one pass (unclosed tags, quotes holding >, a run of <)', () => {
    const checker = new ClientChecker(['outlook.windows']);
    expect(checker.findings('<a' + ' x="1"'.repeat(40) + ' <')).toEqual([]);
    expect(checker.findings('<a<a'.repeat(100_000) + '>')).toEqual([]);
    const quoted = checker.findings('<p title="a>b" style="opacity:0">x</p>');
    expect(quoted.map((o) => o.support.title)).toEqual(['opacity']);
  });

  it('keeps the samples free of client-support warnings with the default clients', async () => {
    const project = loadProject(SAMPLES);
    for (const ref of project.emails) {
      const email = await loadEmail(ref.dir, { name: ref.name });
      const { diagnostics } = await lintEmailResult(email, project.config);
      const found = diagnostics.filter((d) => d.ruleId === rule);
      expect(found.filter((d) => d.severity !== 'info').map((d) => `${ref.name} ${at(d)} ${d.message}`)).toEqual([]);
      expect(found.length).toBeGreaterThan(0);
    }
  }, 60_000);
});

describe('lint.clients', () => {
  it('selects caniemail clients by name and glob', () => {
    expect(matchClients(['outlook.*'])).toEqual(['outlook.windows', 'outlook.windows-mail', 'outlook.macos', 'outlook.ios', 'outlook.android']);
    expect(matchClients(['*.ios', 'gmail.android'])).toContain('apple-mail.ios');
  });

  it('rejects an unknown client with its position and the valid families', () => {
    const t = tempTree({ 'velvet.config.json': '{\n  "lint": { "clients": ["gmail.*", "outlok.*"] }\n}\n' });
    try {
      expect(() => loadConfig(join(t.dir, 'velvet.config.json'))).toThrow(/lint\.clients.*unknown email client 'outlok\.\*'.*families: apple-mail, gmail.*outlook/s);
      writeFileSync(join(t.dir, 'velvet.config.json'), '{ "lint": { "clients": ["gmail.webmail"] } }');
      expect(() => loadConfig(join(t.dir, 'velvet.config.json'))).toThrow(/gmail has gmail\.desktop-webmail, gmail\.ios/);
    } finally {
      t.cleanup();
    }
  });

  it('makes velvet lint exit 2 on a bad client list', async () => {
    const t = tempTree({ 'velvet.config.json': { lint: { clients: ['nope'] } }, 'a/email.html': '<p>x</p>', 'a/email.json': { subject: 'S' } });
    try {
      const run = await runCli(['lint', t.dir]);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/velvet\.config\.json:\d+:\d+ lint\.clients: unknown email client 'nope'/);
    } finally {
      t.cleanup();
    }
  });
});

describe('client-support on a hostile template', () => {
  it('matches output tags against the template tags of their name within a budget of comparisons, then places them at the first', async () => {
    const { templateLocator } = await import('../../src/lint/client-support-locate.js');
    const { parseTag } = await import('../../src/lint/client-support-scan.js');
    const template = ['<td title="$a" class="x">', '<td title="$b" class="y">', '<td title="$c" class="z">'].join('\n');
    const place = (budget: number) => {
      const locate = templateLocator(template, budget);
      // not in the template as written: matched by their attributes
      return ['<td title="1" class="z">', '<td title="2" class="y">', '<td title="3" class="z">'].map((t) => locate(parseTag(t), { kind: 'element' }).start);
    };
    const z = template.indexOf('class="z"') - '<td title="$c" '.length;
    const y = template.indexOf('class="y"') - '<td title="$b" '.length;
    expect(place(1_000)).toEqual([z, y, z]);
    // three candidates a lookup: the budget covers the first two lookups only
    expect(place(6)).toEqual([z, y, 0]);
  });

  it('thousands of template tags of one name that no output tag matches as written lint in one pass', async () => {
    const lines = Array.from({ length: 4000 }, () => '#set($k = $k + 1)<td style="display:grid" title="$k">x</td>').join('\n');
    const found = await lintCase(`<html><body><table><tr>#set($k = 0)\n${lines}\n</tr></table></body></html>\n`, { fixtures: { a: {} }, rule: 'client-support' });
    expect(found.some((d) => d.message.includes('display'))).toBe(true);
  });

  it('thousands of tag names, each looked up once, read the template tags\' names once', async () => {
    const lines = Array.from({ length: 4000 }, (_, i) => `#set($k = $k + 1)<x-${i} style="display:grid" title="$k">x</x-${i}>`).join('\n');
    const found = await lintCase(`<html><body>#set($k = 0)\n${lines}\n</body></html>\n`, { fixtures: { a: {} }, rule: 'client-support' });
    expect(found.some((d) => d.message.includes('display'))).toBe(true);
  });
});
