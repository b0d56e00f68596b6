import { describe, expect, it } from 'vitest';
import { SourceLines } from '../../src/json/positions.js';

describe('SourceLines', () => {
  it('gives 1-based positions after LF, CRLF and a lone CR, for texts asked about in turn', () => {
    const a = 'one\ntwo\r\nthree\rfour';
    const b = 'x\n\ny';
    for (let round = 0; round < 2; round++) {
      expect(new SourceLines(a).position(0)).toEqual({ line: 1, column: 1 });
      expect(new SourceLines(a).position(5)).toEqual({ line: 2, column: 2 });
      expect(new SourceLines(b).position(3)).toEqual({ line: 3, column: 1 });
      expect(new SourceLines(a).position(a.indexOf('four') + 1)).toEqual({ line: 4, column: 2 });
      expect(new SourceLines(a.slice(0, 8) + '\n' + a.slice(8)).position(a.indexOf('three') + 1)).toEqual({ line: 4, column: 1 });
    }
  });

  it('agrees with a character by character count on texts with and without CR', () => {
    let seed = 11;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    for (let k = 0; k < 300; k++) {
      const chars = k % 2 === 0 ? ['a', '\n', 'é'] : ['a', '\n', '\r', '\r\n'];
      const text = Array.from({ length: rnd(60) }, () => chars[rnd(chars.length)]).join('');
      const lines = new SourceLines(text);
      let line = 1;
      let column = 1;
      for (let i = 0; i <= text.length; i++) {
        expect(lines.position(i)).toEqual({ line, column });
        const c = text[i];
        if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) {
          line++;
          column = 1;
        } else column++;
      }
    }
  });
});
