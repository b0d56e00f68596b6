import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { decodeHTML } from 'entities/decode';
import { Parser } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/engine/index.js';
import { parseOutput } from '../../src/lint/output-doc.js';
import { PARSER_OPTIONS, SKIPS_ATTRIBUTES, TagParser } from '../../src/lint/output-parser.js';
import { listVariants, loadEmail } from '../../src/project/index.js';
import { SAMPLES, generatedTexts } from './helpers.js';

/** The events of htmlparser2's stock parser (attributes and entities as written). */
function stock(html: string): string[] {
  const out: string[] = [];
  const p: Parser = new Parser(
    {
      onopentag: (name, _a, implied) => void out.push(`open ${name} ${p.startIndex}-${p.endIndex} ${implied}`),
      onclosetag: (name, implied) => void out.push(`close ${name} ${implied}`),
      // where the text starts: its end less its length (startIndex can be that of an earlier ignored tag)
      ontext: (data) => void out.push(`text ${p.endIndex + 1 - data.length} ${JSON.stringify(data)}`),
      oncomment: (data) => void out.push(`comment ${p.startIndex} ${JSON.stringify(data)}`),
    },
    { decodeEntities: false },
  );
  p.end(html);
  return out;
}

/** The same events from the output document's parser (texts as offsets, sliced here). */
function ours(html: string): string[] {
  const out: string[] = [];
  const p: TagParser = new TagParser({
    onopentag: (name, _a, implied) => void out.push(`open ${name} ${p.startIndex}-${p.endIndex} ${implied}`),
    onclosetag: (name, implied) => void out.push(`close ${name} ${implied}`),
    text: (start, end) => void out.push(`text ${start} ${JSON.stringify(html.slice(start, end))}`),
    oncomment: (data) => void out.push(`comment ${p.startIndex} ${JSON.stringify(data)}`),
  });
  p.end(html);
  return out;
}

const PIECES = [
  '<', '>', '</', '/>', '"', "'", '=', ' ', '\n', '\t', 'x', 'text ', '&amp;', '&', '<!--', '-->', '--', '<!', '<?x ', '<![CDATA[', ']]>',
  '<!DOCTYPE html>', '<p', '<p>', '</p>', '<br>', '</br>', '<td class="a">', "<td class='b' x=y>", '</td>', '<table>', '</table>',
  '<style>', '</style>', 'a{color:red}', '<script>', '</script>', '<title>', '</title>', '<textarea>', '</textarea>', '<svg>',
  '</svg>', '<img src="a.png" alt=x>', '<a href="?a=1&b=2">', '</a>', '<html lang="en">', '<body>', '</body>', '<template>', '</template>',
  '<!--[if mso]><table><tr><td><![endif]-->', '</STYLE >', '<ScRiPt>', '</scrip', 'e>', '\f', '\r', '<a b', '=c/', ' d ', "='e'",
];

const generated = (seed: number, count: number) => generatedTexts(PIECES, seed, count, 60);

describe('the output parser', () => {
  it("reports what htmlparser2's stock parser reports on every sample output", async () => {
    const names = readdirSync(SAMPLES).filter((n) => !n.includes('.') && n !== 'assets');
    let outputs = 0;
    for (const name of names) {
      const email = await loadEmail(join(SAMPLES, name));
      const t = compile(email.source);
      for (const { variant } of listVariants(email)) {
        const html = t.render(variant.payload, { now: '2026-03-15T09:30:00Z' }).output;
        expect(ours(html)).toEqual(stock(html));
        outputs++;
      }
    }
    expect(outputs).toBeGreaterThan(20);
  });

  it("skips attributes in one loop with this release of htmlparser2 (the tests below then cover that loop)", () => {
    expect(SKIPS_ATTRIBUTES).toBe(true);
  });

  it('reports what the stock parser reports on 5,000 generated pieces of markup, broken ones included', () => {
    let events = 0;
    for (const html of generated(7, 5000)) {
      const want = stock(html);
      expect(ours(html), html).toEqual(want);
      events += want.length;
    }
    expect(events).toBeGreaterThan(40_000);
  });
});

describe('attributes read with the same tokenizer', () => {
  it("are htmlparser2's stock attributes on 5,000 generated pieces of markup", () => {
    const attributes = (html: string, options: typeof PARSER_OPTIONS) => {
      const out: string[] = [];
      new Parser({ onopentag: (name, attribs) => void out.push(`${name} ${JSON.stringify(attribs)}`) }, options).end(html);
      return out;
    };
    let tags = 0;
    for (const html of generated(11, 5000)) {
      const want = attributes(html, { decodeEntities: false });
      expect(attributes(html, PARSER_OPTIONS), html).toEqual(want);
      tags += want.length;
    }
    expect(tags).toBeGreaterThan(12_000);
  });
});

describe('ownText', () => {
  it('is true exactly when a text run of the element holds more than whitespace once decoded', () => {
    const pieces = [' ', '\n', '\t', '\r', '\f', '\v', '\u00a0', '\u2028', '\ufeff', '&nbsp;', '&#160;', '&#32;', '&amp;', '&', 'a', 'é', '1', '&lt;'];
    let texts = 0;
    for (const run of generatedTexts(pieces, 3, 3000, 6)) {
      const t = run.trim();
      const want = t !== '' && (t.charCodeAt(0) !== 38 || decodeHTML(t).trim() !== '');
      const el = parseOutput(`<p>${run}<b>x</b></p>`).elements[0]!;
      expect(el.ownText, JSON.stringify(run)).toBe(want);
      if (want) texts++;
    }
    expect(texts).toBeGreaterThan(1000);
  });
});
