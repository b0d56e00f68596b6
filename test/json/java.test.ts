import { describe, expect, it } from 'vitest';
import { toJava } from '../../src/json/index.js';
import { JBigDecimal, JBigInteger, JDouble, JMap } from '../../src/engine/values.js';

describe('toJava', () => {
  it('types numbers', () => {
    expect(toJava(5)).toBe(5);
    expect(toJava(-2147483648)).toBe(-2147483648);
    expect(toJava(2147483648)).toBe(2147483648n);
    expect(toJava(Number.MAX_SAFE_INTEGER)).toBe(BigInt(Number.MAX_SAFE_INTEGER));
    expect(toJava(2 ** 60)).toEqual(new JDouble(2 ** 60));
    expect(toJava(2.5)).toEqual(new JDouble(2.5));
    expect(Object.is(toJava(-0), 0)).toBe(true);
  });

  it('types bigints by range', () => {
    expect(toJava(5n)).toBe(5n);
    expect(toJava(2n ** 63n)).toEqual(new JBigInteger(2n ** 63n));
    expect(toJava(-(2n ** 63n))).toBe(-(2n ** 63n));
  });

  it('converts objects and arrays, keeping key order', () => {
    const m = toJava({ b: 1, a: [1.5, 'x', null, undefined, { c: true }] }) as JMap;
    expect([...m.keys.keys()]).toEqual(['b', 'a']);
    const list = m.keys.get('a') as unknown[];
    expect(list[0]).toEqual(new JDouble(1.5));
    expect(list[3]).toBeNull();
    expect((list[4] as JMap).keys.get('c')).toBe(true);
  });

  it('passes Java values through unchanged', () => {
    const map = new JMap();
    const d = new JDouble(1);
    const bd = new JBigDecimal(15n, 1);
    expect(toJava(map)).toBe(map);
    expect(toJava(d)).toBe(d);
    expect(toJava(bd)).toBe(bd);
    expect((toJava([map])! as unknown[])[0]).toBe(map);
  });

  it('makes a hole of a sparse array null, like an undefined element', () => {
    // eslint-disable-next-line no-sparse-arrays
    const list = toJava([1, , 3]) as unknown[];
    expect(list).toHaveLength(3);
    expect(1 in list).toBe(true);
    expect(list[1]).toBeNull();
  });

  it('reads own keys only, also when Object.prototype has an enumerable property', () => {
    const proto = Object.prototype as Record<string, unknown>;
    proto['polluted'] = 'x';
    try {
      const m = toJava({ a: 1, nested: { b: 'two' } }) as JMap;
      expect([...m.keys.keys()]).toEqual(['a', 'nested']);
      expect([...(m.keys.get('nested') as JMap).keys.keys()]).toEqual(['b']);
    } finally {
      delete proto['polluted'];
    }
    const m = toJava({ 2: 'b', 1: 'a', z: 1, __proto__: null }) as JMap;
    expect([...m.keys.keys()]).toEqual(['1', '2', 'z']);
    const own = toJava(JSON.parse('{"__proto__": 5, "k": 1}')) as JMap;
    expect([...own.keys.entries()]).toEqual([['__proto__', 5], ['k', 1]]);
  });

  it('rejects functions', () => {
    expect(() => toJava(() => 1)).toThrow(TypeError);
  });
});
