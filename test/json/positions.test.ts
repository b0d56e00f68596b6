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
});
