import { describe, expect, it } from 'vitest';
import { render } from '../../src/engine/index.js';
import { LimitError } from '../../src/errors.js';

// Single method calls that touch or build many elements count against the render's limits, so a
// template ends near its limit with a typed, positioned LimitError instead of running on.
const run = (src: string, limits = {}) => render(src, {}, { limits }).output;

function limitOf(src: string, limits: Record<string, number>): { error: LimitError; ms: number } {
  const t0 = Date.now();
  try {
    run(src, limits);
  } catch (e) {
    if (e instanceof LimitError) return { error: e, ms: Date.now() - t0 };
    throw e;
  }
  throw new Error('expected a LimitError');
}

describe('limits inside method calls', () => {
  it('containsAll of a large list is linear and keeps equals() semantics', () => {
    const t0 = Date.now();
    expect(run('#set($a = [1..100000])$a.containsAll($a)', { maxIterations: 200_000 })).toBe('true');
    expect(Date.now() - t0).toBeLessThan(3000);
    // Java's equals: an Integer is not equal to a Double or a String of the same value
    expect(run("#set($a = [1, 2])$a.containsAll([1, 2.0])|$a.containsAll(['1'])|$a.containsAll([2, 1])")).toBe('false|false|true');
    expect(run("#set($a = [[1], {'k': 2}])$a.containsAll([[1]])|$a.containsAll([{'k': 2}])|$a.containsAll([[2]])")).toBe('true|true|false');
  });

  it('lastIndexOf over an 8-million-item list in a loop stops at maxTimeMs', () => {
    const src =
      '#set($l = [])#set($x = $l.addAll([1..1000000]))#set($x = $l.addAll($l))#set($x = $l.addAll($l))#set($x = $l.addAll($l))' +
      '$l.size() #foreach($i in [1..20])$l.lastIndexOf(-1)#end';
    const { error, ms } = limitOf(src, { maxTimeMs: 400, maxIterations: 2_000_000 });
    expect(error.limit).toBe('maxTimeMs');
    expect(error.line).toBe(1);
    expect(ms).toBeLessThan(3000);
  });

  it('sort(null) of a long list checks the clock while it sorts, and a sort in a loop is counted', () => {
    // 8 million Integers in 8,192 runs: one sort compares them about 100 million times (seconds)
    const src = '#set($l = [])#set($x = $l.addAll([1..1000]))#foreach($i in [1..13])#set($x = $l.addAll($l))#end$l.size()$l.sort($null)';
    const { error, ms } = limitOf(src, { maxTimeMs: 1000, maxMemory: 50_000_000 });
    expect(error.limit).toBe('maxTimeMs');
    expect(error.column).toBe(src.indexOf('$l.sort') + 3);
    expect(ms).toBeLessThan(2500);
    // a short sort many times over
    const again = limitOf('#set($l = [])#set($x = $l.addAll([1..20000]))#foreach($i in [1..100000])$l.sort($null)#end', { maxTimeMs: 300, maxIterations: 200_000 });
    expect(again.error.limit).toBe('maxTimeMs');
    expect(again.ms).toBeLessThan(2000);
  });

  it('writes into a list with many subList views are counted (a sort, a set in a loop)', () => {
    // 40,000 empty views cost nothing to make; each write used to walk all of them uncounted
    const views = '#set($l = [])#set($x = $l.addAll([1..40000]))#foreach($i in [1..40000])#set($v = $l.subList(0, 0))#end';
    const sorted = limitOf(`${views}#set($v = $l.subList(0, 40000))$v.sort($null)`, { maxTimeMs: 1000, maxIterations: 100_000 });
    expect(sorted.error.limit).toBe('maxTimeMs');
    expect(sorted.ms).toBeLessThan(3000);
    const set = limitOf(`${views}#set($v = $l.subList(0, 1))#foreach($i in [1..40000])#set($x = $v.set(0, $i))#end`, { maxTimeMs: 1000, maxIterations: 100_000 });
    expect(set.error.limit).toBe('maxTimeMs');
    expect(set.ms).toBeLessThan(3000);
    // a sort of the list itself leaves its views stale, without visiting them
    expect(run(`${views}$l.sort($null)$l.size()`, { maxTimeMs: 5000, maxIterations: 100_000 })).toBe('40000');
  });

  it('nine getBytes() of a 10-million-character string end near maxTimeMs', () => {
    const src = '#set($s = "a")#set($s = $s.repeat(10000000))#foreach($i in [1..9])#set($b = $s.getBytes())#end';
    const { error, ms } = limitOf(src, { maxTimeMs: 100 });
    expect(error.limit).toBe('maxTimeMs');
    // before: 9.6 s; now at most one chunk of encoding past the limit (generous under load)
    expect(ms).toBeLessThan(1500);
  });

  it('repeated addAll copies of a large list stop at the list size limit', () => {
    const src = '#set($l = [])#set($x = $l.addAll([1..1000]))#foreach($i in [1..100000])#set($x = $l.addAll($l))#end';
    const { error } = limitOf(src, { maxTimeMs: 5000 });
    expect(error.message).toMatch(/addAll\(\) would grow a list past/);
    expect(error.line).toBe(1);
  });

  it('addAll at an index and removeAll count what they touch', () => {
    const src = '#set($l = [])#set($x = $l.addAll([1..100000]))#foreach($i in [1..1000])#set($x = $l.removeAll([0]))#end';
    const { error } = limitOf(src, { maxTimeMs: 150, maxIterations: 200_000 });
    expect(error.limit).toBe('maxTimeMs');
  });

  it('a regular expression that exhausts the regex engine is a typed limit', () => {
    const src = '#set($s = "ab")#set($s = $s.repeat(5000000))$s.matches("(a|b)*")';
    const { error } = limitOf(src, { maxTimeMs: 5000 });
    expect(error).toBeInstanceOf(LimitError);
    expect(error.line).toBe(1);
  });

  it('BigInteger and BigDecimal methods stay within the number size cap', () => {
    const data = '{"big": 100000000000000000000}';
    expect(() => render('$big.pow(100000)', data)).toThrow(LimitError);
    expect(() => render('$big.shiftLeft(2000000000)', data)).toThrow(LimitError);
    expect(() => render('#set($z = $big - $big)#set($p = $z + 1.5)$p.setScale(2000000000)', data)).toThrow(LimitError);
  });

  it('huge widths, indents and number methods end in a typed limit, never a crash', () => {
    const data = '{"s": "a\\nb", "big": 100000000000000000000}';
    for (const src of [
      '$s.indent(2000000000)',
      "$s.format('%2000000000s', 'x')",
      "$s.format('%.2000000000f', 1.5)",
      "$s.format('%.200000000e', 1.5)",
      '$s.repeat(2000000000)',
    ]) {
      expect(() => render(src, data), src).toThrow(LimitError);
    }
    // a square root beyond the double range, a primality test of a 60,000-bit number
    expect(render('$big.pow(20).sqrt()', data).output).toBe('1' + '0'.repeat(200));
    const t0 = Date.now();
    expect(() => render('$big.pow(900).add(1).isProbablePrime(10)', data, { limits: { maxTimeMs: 300 } })).toThrow(LimitError);
    expect(Date.now() - t0).toBeLessThan(3000);
  });
});
