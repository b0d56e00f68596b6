import { describe, expect, it } from 'vitest';
import { parseJson, pointerSegments, toPointer } from '../../src/json/index.js';
import { JBigInteger, JDouble, JMap } from '../../src/engine/values.js';
import { DataError } from '../../src/errors.js';

function fail(text: string): DataError {
  try {
    parseJson(text, { file: 'data/a.json' });
  } catch (e) {
    if (e instanceof DataError) return e;
    throw e;
  }
  throw new Error('expected a DataError');
}

describe('parseJson: plain value', () => {
  it.each([
    '{}',
    '[]',
    '{"a":1,"b":[true,false,null],"c":"x\\n\\u00e9\\"\\\\\\/"}',
    ' \r\n\t[1, -2.5, 3e2, 0, -0, 1E-2, "😀"]',
    '"just a string"',
    '{"__proto__":{"x":1}}',
    '{"a":1,"a":2,"b":3}',
  ])('matches JSON.parse for %s', (text) => {
    expect(parseJson(text).value).toStrictEqual(JSON.parse(text));
  });

  it('skips a byte order mark', () => {
    expect(parseJson('\ufeff{"a":1}').value).toEqual({ a: 1 });
  });

  it('keeps __proto__ as an own property', () => {
    const v = parseJson('{"__proto__":{"polluted":true}}').value as Record<string, unknown>;
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(Object.keys(v)).toEqual(['__proto__']);
  });
});

describe('parseJson: Java typing', () => {
  const java = (text: string) => parseJson(text).java;

  it('types integers by range like Jackson', () => {
    expect(java('10')).toBe(10);
    expect(java('2147483647')).toBe(2147483647);
    expect(java('-2147483648')).toBe(-2147483648);
    expect(java('2147483648')).toBe(2147483648n);
    expect(java('-2147483649')).toBe(-2147483649n);
    expect(java('9223372036854775807')).toBe(9223372036854775807n);
    expect(java('-9223372036854775808')).toBe(-9223372036854775808n);
    expect(java('9223372036854775808')).toEqual(new JBigInteger(9223372036854775808n));
    expect(java('123456789012345678901234567890')).toEqual(new JBigInteger(123456789012345678901234567890n));
    expect(Object.is(java('-0'), 0)).toBe(true);
  });

  it('makes every fraction or exponent a Double', () => {
    expect(java('10.0')).toEqual(new JDouble(10));
    expect(java('2.50')).toEqual(new JDouble(2.5));
    expect(java('1.5e3')).toEqual(new JDouble(1500));
    expect(java('1E2')).toEqual(new JDouble(100));
    expect(java('258.0')).toBeInstanceOf(JDouble);
  });

  it('keeps big integers exact in the Java value', () => {
    const r = parseJson('{"id": 12345678901234567890}');
    expect((r.java as JMap).keys.get('id')).toEqual(new JBigInteger(12345678901234567890n));
    expect((r.value as { id: number }).id).toBe(12345678901234567890);
  });

  it('builds ordered maps and lists; last duplicate wins in the first position', () => {
    const m = java('{"b":1,"a":[1,"x",null,true],"b":2}') as JMap;
    expect(m).toBeInstanceOf(JMap);
    expect([...m.keys.keys()]).toEqual(['b', 'a']);
    expect(m.keys.get('b')).toBe(2);
    expect(m.keys.get('a')).toEqual([1, 'x', null, true]);
  });
});

describe('parseJson: locate', () => {
  const text = '{\n  "items": [\n    {"name": "A", "price": 1.5},\n    {"name": "B/C"}\n  ],\n  "a/b": {"~x": 1}\n}';
  const r = parseJson(text);

  it('finds values by JSON pointer', () => {
    expect(r.locate('')).toEqual({ line: 1, column: 1 });
    expect(r.locate('/items')).toEqual({ line: 2, column: 12 });
    expect(r.locate('/items/0/name')).toEqual({ line: 3, column: 14 });
    expect(r.locate('/items/0/price')).toEqual({ line: 3, column: 28 });
    expect(r.locate('/items/1')).toEqual({ line: 4, column: 5 });
    expect(r.locate('/a~1b/~0x')).toEqual({ line: 6, column: 17 });
  });

  it('finds property names', () => {
    expect(r.locate('/items/0/price', 'key')).toEqual({ line: 3, column: 19 });
  });

  it('gives undefined for missing paths', () => {
    expect(r.locate('/items/2')).toBeUndefined();
    expect(r.locate('/items/01')).toBeUndefined();
    expect(r.locate('/nope')).toBeUndefined();
    expect(r.locate('items')).toBeUndefined();
    expect(r.locate('/items/0/name/x')).toBeUndefined();
  });

  it('converts pointers both ways', () => {
    expect(pointerSegments('/a~1b/~0x/0')).toEqual(['a/b', '~x', '0']);
    expect(toPointer(['a/b', '~x', 0])).toBe('/a~1b/~0x/0');
    expect(pointerSegments('')).toEqual([]);
  });
});

describe('parseJson: syntax errors', () => {
  it.each([
    ['{"a": }', 1, 7, "Unexpected character '}' (expected a value)"],
    ['{"a": 1,}', 1, 8, 'Trailing comma is not allowed in JSON'],
    ['[1, 2,\n]', 1, 6, 'Trailing comma is not allowed in JSON'],
    ['{\n  // note\n  "a": 1}', 2, 3, 'Comments are not allowed in JSON'],
    ['{"a": 1 /* x */}', 1, 9, 'Comments are not allowed in JSON'],
    ['{"a": "abc}', 1, 7, 'Unterminated string'],
    ['{"a": "ab\nc"}', 1, 7, 'Unterminated string (a line break inside a string is written \\n)'],
    ['["a\tb"]', 1, 4, 'Unescaped control character U+0009 in string'],
    ['["\\x"]', 1, 3, "Invalid escape '\\x' in string"],
    ['["\\u12G4"]', 1, 3, "Invalid unicode escape '\\u12G4'"],
    ["{'a': 1}", 1, 2, "Unexpected character ''' (expected a property name in double quotes; JSON strings use double quotes)"],
    ['{a: 1}', 1, 2, "Unexpected token 'a' (expected a property name in double quotes)"],
    ['{"a" 1}', 1, 6, "Unexpected character '1' (expected ':' after the property name)"],
    ['{"a": 1 "b": 2}', 1, 9, "Unexpected character '\"' (expected ',' or '}')"],
    ['[1 2]', 1, 4, "Unexpected character '2' (expected ',' or ']')"],
    ['{"a": 1}}', 1, 9, "Unexpected character '}' (after the end of the JSON value)"],
    ['{"a": undefined}', 1, 7, "Unexpected token 'undefined' (expected a value)"],
    ['[NaN]', 1, 2, "Unexpected token 'NaN' (expected a value)"],
    ['[01]', 1, 2, "Invalid number '01' (leading zeros are not allowed)"],
    ['[1.]', 1, 2, "Invalid number '1.' (expected a digit after '.')"],
    ['[1e]', 1, 2, "Invalid number '1e' (expected a digit in the exponent)"],
    ['[-]', 1, 3, "Unexpected character ']' (expected a digit after '-')"],
    ['[.5]', 1, 2, "Unexpected character '.' (expected a value)"],
    ['{"a": [1, 2', 1, 12, 'Unexpected end of input (expected \',\' or \']\')'],
    ['', 1, 1, 'Unexpected end of input (expected a value)'],
    ['[truex]', 1, 2, "Unexpected token 'truex' (expected a value)"],
  ])('%j → %i:%i %s', (text, line, column, reason) => {
    const e = fail(text);
    expect(e.reason).toBe(reason);
    expect([e.line, e.column]).toEqual([line, column]);
    expect(e.file).toBe('data/a.json');
  });

  it('formats the message and code frame', () => {
    const e = fail('{\n  "a": 1,\n  "b": }\n');
    expect(e.message).toBe("data/a.json:3:8 Unexpected character '}' (expected a value)");
    expect(e.frame).toBe(
      ['  1 | {', '  2 |   "a": 1,', '> 3 |   "b": }', '    |        ^', '  4 | '].join('\n'),
    );
  });

  it('limits nesting depth', () => {
    expect(fail('['.repeat(1001) + ']'.repeat(1001)).reason).toBe('Nesting deeper than 1000 levels');
    expect(() => parseJson('['.repeat(1000) + ']'.repeat(1000))).not.toThrow();
  });

  it('counts CRLF line ends once', () => {
    const e = fail('{\r\n"a": ,\r\n}');
    expect([e.line, e.column]).toEqual([2, 6]);
  });
});

describe('parseJson: size', () => {
  it('parses a few megabytes in linear time', () => {
    const items = Array.from({ length: 20_000 }, (_, i) => ({ id: i, name: `item "${i}"\n`, price: i + 0.5, tags: ['a', 'b'] }));
    const text = JSON.stringify({ items });
    const start = performance.now();
    const r = parseJson(text);
    expect(performance.now() - start).toBeLessThan(2000);
    expect(r.value).toEqual(JSON.parse(text));
    expect(r.locate('/items/19999/price')).toBeDefined();
  });
});
