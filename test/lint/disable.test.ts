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
