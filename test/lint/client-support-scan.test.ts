import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startTags } from '../../src/lint/client-support-scan.js';
import { SAMPLES } from './helpers.js';

/** The start tags as one pattern describes them: a comment is skipped, a tag may hold quoted `<` and `>`. */
function byPattern(html: string): [number, number][] {
  const find = /<!--|<[a-zA-Z][^<>"']*(?:(?:"[^"]*"|'[^']*')[^<>"']*)*>/g;
  const out: [number, number][] = [];
  for (let m = find.exec(html); m; m = find.exec(html)) {
    if (m[0] === '<!--') {
      const end = html.indexOf('-->', m.index + 4);
      if (end < 0) break;
      find.lastIndex = end + 3;
    } else out.push([m.index, m.index + m[0].length]);
  }
  return out;
}

const offsets = (html: string) => {
  const t = startTags(html);
  return t.starts.map((s, k) => [s, t.ends[k]!]);
};

describe('startTags', () => {
  it('finds the start tags of the sample templates as the pattern does', () => {
    const templates = readdirSync(SAMPLES, { withFileTypes: true })
      .filter((d) => d.isDirectory() && d.name !== 'assets')
      .map((d) => readFileSync(join(SAMPLES, d.name, 'email.html'), 'utf8'));
    expect(templates.length).toBeGreaterThan(3);
    for (const html of templates) {
      const found = offsets(html);
      expect(found.length).toBeGreaterThan(20);
      expect(found).toEqual(byPattern(html));
    }
  });

  it('agrees with the pattern on broken markup: comments, quotes holding <, > and newlines, unclosed quotes, stray <', () => {
    const cases = [
      '<p title="a>b" class=\'c<d\'>x</p><br/>',
      '<!-- <a href="x"> --><b>',
      '<!-- never closed <a>',
      '<a "unclosed <b> <i>',
      "<a 'x' \"y\" z='<'>",
      '<1a><a<b><a\n  href="x"\n>',
      '<style>p > a { color: red }</style><a>',
      '<!---->' + '<!--x-->' + '<p>',
      '<<a>><</a>',
    ];
    for (const html of cases) expect(offsets(html), html).toEqual(byPattern(html));
  });

  it('agrees with the pattern on 3,000 random texts of markup pieces', () => {
    const pieces = ['<', '>', '<!--', '-->', '"', "'", 'a', 'B', ' ', '=', '\n', '<p ', '</p>', 'x', '/', '-', '!'];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let n = 0; n < 3000; n++) {
      let html = '';
      const length = 1 + Math.floor(next() * 40);
      for (let k = 0; k < length; k++) html += pieces[Math.floor(next() * pieces.length)];
      expect(offsets(html), JSON.stringify(html)).toEqual(byPattern(html));
    }
  });

  it('reads hostile text in one pass: unclosed quotes before many <, a run of <', () => {
    expect(offsets('<a "' + '<a '.repeat(50_000))).toEqual([]);
    expect(offsets("<a '" + '<b x="1"'.repeat(20_000) + '>')).toEqual([[4 + 20_000 * 8 - 8, 4 + 20_000 * 8 + 1]]);
    expect(offsets('<a<a'.repeat(100_000) + '>')).toEqual([[399_998, 400_001]]);
  });
});
