import { describe, expect, it } from 'vitest';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { TextMemo } from '../../src/lint/memo.js';

describe('TextMemo', () => {
  it('keeps values by text, and never a key longer than it allows', () => {
    const m = new TextMemo<number>(10, 8);
    expect(m.set('a', 1)).toBe(1);
    expect(m.get('a')).toBe(1);
    expect(m.set('x'.repeat(9), 2)).toBe(2);
    expect(m.has('x'.repeat(9))).toBe(false);
  });

  it('starts again empty when the entries or the characters of its keys would pass their bound', () => {
    const byCount = new TextMemo<number>(2);
    byCount.set('a', 1);
    byCount.set('b', 2);
    byCount.set('c', 3);
    expect([byCount.has('a'), byCount.has('b'), byCount.get('c')]).toEqual([false, false, 3]);
    const byChars = new TextMemo<number>(100, 10, 12);
    byChars.set('x'.repeat(10), 1);
    byChars.set('y', 2);
    byChars.set('z'.repeat(5), 3);
    expect([byChars.has('x'.repeat(10)), byChars.has('y'), byChars.get('z'.repeat(5))]).toEqual([false, false, 3]);
  });

  it('holds a bounded amount of text however many distinct long keys come', () => {
    const m = new TextMemo<number>(1000, 4096, 100_000);
    for (let i = 0; i < 10_000; i++) m.set(`${i}`.padEnd(4000, '.'), i);
    let held = 0;
    for (let i = 9_999; i >= 0 && m.has(`${i}`.padEnd(4000, '.')); i--) held++;
    expect(held * 4000).toBeLessThanOrEqual(100_000);
    expect(held).toBeGreaterThan(0);
  });
});

describe('TextMemo keys', () => {
  it('do not keep alive the text they were cut from (a tag sliced out of a long rendered output)', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const m = new TextMemo<number>(1000, 4096, 4_000_000);
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 100; i++) {
      // a distinct 1 MB output each time, and a 60-character tag out of it
      const output = `${i}`.padEnd(1 << 20, 'x');
      m.set(`<td class="${output.slice(0, 40)}">`.slice(0, 60), i);
      m.set(output.slice(1000, 1060), i);
    }
    gc();
    const grown = process.memoryUsage().heapUsed - before;
    // 200 keys of 60 characters; the outputs themselves would be 100 MB
    expect(grown).toBeLessThan(10 << 20);
  });
});
