import { describe, expect, it } from 'vitest';
import { disableMap } from '../../src/lint/disable.js';

describe('disableMap', () => {
  it('finds the lines of its comments after LF, CRLF and a lone CR alike', () => {
    const lines = ['<p>', '## velvet-disable-next-line loud-reference', '$a', '', '## velvet-disable no-velocity-count', 'x', '## velvet-enable no-velocity-count', '$b'];
    for (const eol of ['\n', '\r\n', '\r']) {
      const map = disableMap(lines.join(eol));
      const disabled = (rule: string) => lines.map((_, i) => i + 1).filter((line) => map.isDisabled(rule, line));
      expect(disabled('loud-reference'), JSON.stringify(eol)).toEqual([3]);
      expect(disabled('no-velocity-count'), JSON.stringify(eol)).toEqual([5, 6, 7]);
    }
  });
});

describe('DisableMap.mayHide', () => {
  it('tells the rules some comment disables somewhere', () => {
    expect(disableMap('<p>\n## velvet-disable-next-line a, b -- why\n<p>').mayHide('b')).toBe(true);
    expect(disableMap('<p>\n## velvet-disable-next-line a, b -- why\n<p>').mayHide('c')).toBe(false);
    expect(disableMap('## velvet-disable\n<p>').mayHide('c')).toBe(true);
    expect(disableMap('<p>velvet-x</p>').mayHide('a')).toBe(false);
  });
});
