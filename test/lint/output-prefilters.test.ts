import { describe, expect, it } from 'vitest';
import { LEFTOVER, mayHoldCode } from '../../src/lint/rules/output-leftover-code.js';
import { visibleText } from '../../src/lint/rules/output-lengths.js';
import { LINKS_AND_IMAGES } from '../../src/lint/rules/output-links.js';
import { LINK_TAGS } from '../../src/lint/output-report.js';

/** A small deterministic generator, so that a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x80000000;
  };
}

describe('mayHoldCode (the pre-test of output-leftover-code)', () => {
  const matches = (s: string) => new RegExp(LEFTOVER.source).test(s);

  it('agrees with the pattern on the cases at its edges', () => {
    const cases = [
      '', '$', '$1', '$a', '$!a', '${a', '$!{a', '$!!a', '$!{', '${}', 'x$', '#', '#if', '#if(', '#iff', '#{if}', '#{{if',
      '#else', '#elseif', '#elsewhere', '#end_', '#end-', '#e07a2f', '#endx', 'a#define', '#stop9', '#foreach ', '#{end}',
      'color:#fff;', 'price: $ 5', '$_x', 'US$5', '#set', '#SET', '#{set', '#parse\n', '#include', '#evaluate', '#macro', '#break',
    ];
    for (const s of cases) expect(mayHoldCode(s), JSON.stringify(s)).toBe(matches(s));
  });

  it('agrees with the pattern on generated text', () => {
    const next = random(7);
    const parts = ['$', '!', '{', '}', '#', 'if', 'else', 'end', 'set', 'e07', 'a', 'Z', '9', '_', '-', ' ', ';', '(', '\n', 'foreach', 'stop'];
    let agreed = 0;
    for (let n = 0; n < 20_000; n++) {
      let s = '';
      const len = 1 + Math.floor(next() * 8);
      for (let k = 0; k < len; k++) s += parts[Math.floor(next() * parts.length)];
      expect(mayHoldCode(s), JSON.stringify(s)).toBe(matches(s));
      agreed++;
    }
    expect(agreed).toBe(20_000);
  });
});

describe('visibleText', () => {
  it('counts characters as code points, a surrogate pair as one and a lone surrogate as one', () => {
    expect(visibleText('Sale 🎉 now').length).toBe(10);
    expect(visibleText('\ud83c x').length).toBe(3);
    expect(visibleText('x \udf89').length).toBe(3);
    expect(visibleText('🎉🎉\u200b\u200b🎉').length).toBe(4); // the padding collapses to one space
    const next = random(11);
    const units = ['a', ' ', '\ud83c', '\udf89', '🎉', '\u034f', '\u00ad', 'ё'];
    for (let n = 0; n < 5_000; n++) {
      let s = '';
      for (let k = Math.floor(next() * 10); k > 0; k--) s += units[Math.floor(next() * units.length)];
      const v = visibleText(s);
      expect(v.length).toBe([...v.text].length);
    }
  });
});

describe('the one list of link and image elements', () => {
  it('holds every name the link and image rules check (they skip the others in it)', () => {
    expect([...LINKS_AND_IMAGES].filter((n) => !LINK_TAGS.has(n))).toEqual([]);
  });
});
