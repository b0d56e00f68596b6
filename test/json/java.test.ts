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

  it('rejects functions', () => {
    expect(() => toJava(() => 1)).toThrow(TypeError);
  });
});
