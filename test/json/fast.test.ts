import { describe, expect, it } from 'vitest';
import { FAIL, readJava } from '../../src/json/fast.js';
import { fullParse, parseJson } from '../../src/json/parse.js';
import { jsonCorpus } from './helpers.js';

// The fast read must give exactly the Java value of the full parser, and give up on everything
// the full parser rejects (so its messages and positions are the ones users see).
const samples = [
  '{}',
  '[]',
  '{"a":1,"b":-0,"c":-0.0,"d":10.0,"e":1.5e3,"f":2147483648,"g":-2147483649,"h":9223372036854775808,"i":123456789,"j":1234567890}',
  '{"s":"plain","t":"esc\\"aped\\\\ \\/ \\b\\f\\n\\r\\t \\u00e9 \\ud83d\\ude00","u":""}',
  '{"dup":1,"x":2,"dup":3}',
  '{"__proto__":{"polluted":1},"constructor":2}',
  '[{"k":1,"name":"a"},{"k":2,"name":"b"},{"name":"c","k":3},{"k\\u0031":4}]',
  '\ufeff {"bom": true , "n" : null , "f" : false }\n',
  '[1e999,-1e999,0.1,4.9E-324,1E400,0e0]',
  '{ "a" : -5 ,\r\n\t"b" : [ 1 , -2.5 , "x" , true ] , "c" : { } , "d":[ ],"e":"q\\"" }',
  '{"k":1,"k2":2}',
  '[{"k":1},{"kk":2},{"k":"3"}]',
  '{"deep":' + '['.repeat(500) + ']'.repeat(500) + '}',
];
const invalid = ['', '{', '{"a":1,}', '[1,]', '01', '-', '1.', '1e', '"a\nb"', '"\\x"', '"\\u12"', 'tru', 'truex', 'nul', '{"a" 1}', "{'a':1}", '[1 2]', '"abc', '{"a":1}x', '// c\n{}', '[' + '1'.repeat(1001) + ']', '['.repeat(1001) + ']'.repeat(1001)];


describe('parseJson fast path', () => {
  it('gives the Java value of the full parser', () => {
    for (const text of [...samples, ...jsonCorpus('test/conformance/cases'), ...jsonCorpus('test/differential/cases')]) {
      const fast = readJava(text, 1000);
      expect(fast).not.toBe(FAIL);
      expect(fast).toEqual(fullParse(text, 'x', 1000).java);
      expect(parseJson(text).value).toEqual(fullParse(text, 'x', 1000).value);
    }
  });

  it('leaves every invalid text to the full parser', () => {
    for (const text of invalid) {
      expect(readJava(text, 1000)).toBe(FAIL);
      expect(() => parseJson(text)).toThrow(/<json>/);
    }
  });

  it('keeps positions for valid text, computed when asked for', () => {
    const p = parseJson('{\n  "items": [\n    {"name": "a"}\n  ]\n}');
    expect(p.locate('/items/0/name')).toEqual({ line: 3, column: 14 });
    expect(p.locate('/items/0/name', 'key')).toEqual({ line: 3, column: 6 });
  });

  it('gives locate as a function of its own and shows its values and nothing else, as the full parser does', () => {
    const text = '{"a": [1, 2.0]}';
    const { locate, java, value } = parseJson(text);
    expect(['/a/1'].map((ptr) => locate(ptr))).toEqual([{ line: 1, column: 11 }]);
    expect(value).toEqual({ a: [1, 2] });
    expect(java).toEqual(fullParse(text, '<json>', 1000).java);
    // the text read is not one of its properties
    expect(Object.keys(parseJson(text)).sort()).toEqual(['java', 'locate']);
    expect(JSON.stringify(parseJson(text))).not.toContain('"a"');
  });
});
