import { describe, expect, it } from 'vitest';
import { jsonProblem } from '../../web/json-error.js';

describe('the payload editor finds where JSON breaks', () => {
  it('accepts what JSON.parse accepts', () => {
    for (const ok of ['{}', ' {"a": [1, -2.5e3, true, false, null, "x\\n\\u00e9"], "b": {}} ', '[]', '"s"', '0']) {
      expect(() => JSON.parse(ok)).not.toThrow();
      expect(jsonProblem(ok), ok).toBeUndefined();
    }
  });

  it('points at the first character that is wrong', () => {
    const at = (src: string) => {
      const p = jsonProblem(src);
      expect(() => JSON.parse(src)).toThrow();
      return p && { at: src.slice(p.from, p.to), from: p.from, message: p.message };
    };
    expect(at('{"a": 1,}')).toMatchObject({ from: 8, at: '}', message: expect.stringMatching(/trailing comma/) });
    expect(at('{"a": 1 "b": 2}')).toMatchObject({ from: 8, at: '"', message: expect.stringMatching(/expected ',' or '}'/) });
    expect(at("{'a': 1}")).toMatchObject({ from: 1, message: expect.stringMatching(/quoted/) });
    expect(at('{"a": tru}')).toMatchObject({ from: 6, at: 't' });
    expect(at('{"a": "x\ny"}')).toMatchObject({ from: 8 });
    expect(at('{"a": 01}')).toMatchObject({ from: 7, at: '1' });
    expect(at('{"a": [1, 2}')).toMatchObject({ from: 11, at: '}' });
    expect(at('{"a": 1} x')).toMatchObject({ from: 9, at: 'x' });
    expect(at('{"a": "open')).toMatchObject({ from: 6, message: 'the string is not closed' });
    expect(at('{"a":')).toMatchObject({ from: 5, message: 'expected a value, found the end of the text' });
  });

  it('reports deep nesting instead of overflowing the stack', () => {
    expect(jsonProblem('['.repeat(100_000))?.message).toBe('nested too deeply');
  });
});
