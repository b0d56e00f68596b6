import { describe, expect, it } from 'vitest';
import { parse, render } from '../../src/engine/index.js';
import { DataError, LimitError, ParseError, RenderError } from '../../src/errors.js';

// Templates are untrusted input: none of these may reach JavaScript internals, hang, or crash the
// process. Each either renders harmlessly or fails with a typed, positioned error.
const run = (src: string, data: unknown = {}, limits = {}) => render(src, data, { limits }).output;

describe('hostile templates', () => {
  it('cannot reach prototypes, constructors or functions', () => {
    const data = { s: 'abc', m: { a: 1 }, l: [1] };
    const probes = [
      '$s.__lookupGetter__("__proto__")',
      '$s.constructor',
      '$s.constructor.constructor("return process")()',
      '$m.__proto__',
      '$m.constructor.name',
      '$l.constructor',
      '$l.map',
      '$l.push(5)',
      '$s.toString.call',
      '$s.valueOf().constructor',
      '$mathTool.constructor',
      '$numberTool.__proto__',
      '$dateTool.callMethod("x", [])',
      '$foreach.constructor',
      '$m.getClass().forName("java.lang.Runtime")',
      '$s.class.getMethods()',
      '$s.class.getClassLoader()',
      '$s.class.class.forName("java.lang.Runtime")',
    ];
    for (const p of probes) {
      // Every probe resolves to "no such method/property", so Velocity prints it as written.
      expect(run(p, data)).toBe(p);
    }
    expect(run('$l.size()', data)).toBe('1');
    // getClass() gives a stand-in with the class's names only (see DEVIATIONS.md)
    expect(run('$s.getClass()|$s.class.simpleName|$m.class.name', data)).toBe('class java.lang.String|String|java.util.LinkedHashMap');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('does not let payload keys pollute prototypes', () => {
    const out = run('$data.get("__proto__") $__proto__', '{"__proto__": {"polluted": 1}}');
    expect(out).toBe('{polluted=1} {polluted=1}');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('never allocates or walks a huge range', () => {
    const t0 = Date.now();
    expect(() => run('#foreach($i in [1..100000000])#end')).toThrow(LimitError);
    expect(() => run('#set($r = [1..100000000])')).toThrow(LimitError);
    expect(() => run('#foreach($i in [-2147483648..2147483647])x#end')).toThrow(/maxIterations/);
    expect(Date.now() - t0).toBeLessThan(5_000);
  });

  it('bounds nested loops, output size and render time', () => {
    expect(() => run('#foreach($a in [1..2000])#foreach($b in [1..2000])#end#end')).toThrow(LimitError);
    expect(() => run('#set($s = "x")#foreach($i in [1..40])#set($s = "$s$s")#end$s')).toThrow(/maxOutput/);
    const e = (() => {
      try {
        run('#foreach($i in [1..900000])#set($x = $i)#end', {}, { maxTimeMs: 1 });
      } catch (err) {
        return err;
      }
    })();
    expect(e).toBeInstanceOf(LimitError);
    expect((e as LimitError).limit).toMatch(/maxTimeMs|maxIterations/);
  });

  it('turns deep nesting into a parse error, not a stack overflow', () => {
    expect(() => run('#if(true)'.repeat(20000) + '#end'.repeat(20000))).toThrow(ParseError);
    expect(() => run('#set($a = ' + '('.repeat(20000) + '1' + ')'.repeat(20000) + ')')).toThrow(ParseError);
    expect(() => run('$a' + '.b'.repeat(100000))).not.toThrow();
    expect(() => run('#set($x = ' + '!'.repeat(50000) + 'true)')).toThrow(ParseError);
  });

  it('stops runaway recursion', () => {
    expect(() => run('#macro(m)#m()#end#m()')).toThrow(RenderError);
    // a #define that renders itself stops at Velocity's depth of 2 and prints its reference
    expect(run('#define($b)x$b#end$b')).toBe('xx$b');
    expect(() => run('#macro(a)#b()#end#macro(b)#a()#end#a()')).toThrow(RenderError);
    const cyc = run('#set($a = [])#set($b = [$a])#set($ok = $a.add($b))ok');
    expect(cyc).toBe('ok');
    expect(() => run('#set($a = [])#set($b = [$a])#set($ok = $a.add($b))$a')).toThrow(LimitError);
  });

  it('stops catastrophic regular expressions', () => {
    const t0 = Date.now();
    expect(() => run('$s.matches("(a+)+b")', { s: 'a'.repeat(40) })).toThrow(LimitError);
    expect(() => run('$s.replaceAll("(a|aa)+$", "")', { s: 'a'.repeat(60) + 'b' })).toThrow(LimitError);
    expect(Date.now() - t0).toBeLessThan(5_000);
  });

  it('bounds string and list growth inside methods', () => {
    expect(() => run('$s.repeat(2000000000)', { s: 'ab' })).toThrow(LimitError);
    expect(() => run('#set($l = [1])#foreach($i in [1..40])#set($ok = $l.addAll($l))#end')).toThrow(LimitError);
  });

  it('bounds time spent in recursion, big numbers and repeated regular expressions', () => {
    const t0 = Date.now();
    // macro recursion with fan-out 3 and no loop at all
    expect(() =>
      run('#macro(m $d)#if($d.length() < 19)#m("$d.")#m("$d.")#m("$d.")#end#end#m("")done', {}, { maxTimeMs: 500 }),
    ).toThrow(LimitError);
    // squaring a number 23 times would need millions of digits
    expect(() => run('#set($c = 2147483647)#foreach($i in [1..23])#set($c = $c * $c)#end$c')).toThrow(/bits/);
    // each regular expression gets at most what is left of the render's time
    expect(() => run('#foreach($i in [1..100])$s.matches("(a+)+b")#end', { s: 'a'.repeat(25) }, { maxTimeMs: 1500 })).toThrow(LimitError);
    expect(Date.now() - t0).toBeLessThan(6_000);
  });

  it('bounds the text a template builds, not only what it prints', () => {
    const hog =
      '#set($x = "x")#set($a = $x.repeat(9000000))#set($l = [$a, $a, $a, $a, $a, $a])#set($j = $x.join($a, $l))' +
      '#set($keep = [])#foreach($i in [1..30])#set($ok = $keep.add($j.toUpperCase()))#end$keep.size()';
    expect(() => run(hog)).toThrow(LimitError);
    expect(() => run('#set($x = "xxxxxxxxxx")#foreach($i in [1..40])#set($x = $x + $x)#end')).toThrow(/maxOutput/);
    expect(() =>
      run('#set($x = "xxxxxxxxxx")#foreach($i in [1..20])#set($x = "$x$x")#end#set($k = [])#foreach($i in [1..100])#set($ok = $k.add($x.toUpperCase()))#end'),
    ).toThrow(/maxOutput/);
  });

  it('parses pathological text in linear time', () => {
    const t0 = Date.now();
    run('x $ '.repeat(20000));
    run('#'.repeat(200000));
    run('$'.repeat(200000));
    run('${'.repeat(100000));
    run('\\'.repeat(200000));
    expect(Date.now() - t0).toBeLessThan(3_000);
  });

  it('keeps long runs of lone $ and # as one text node', () => {
    for (const unit of ['x $ ', 'x $! ', 'x # ', 'a\\$ ']) {
      const src = unit.repeat(20000);
      const { nodes } = parse(src);
      expect(nodes).toHaveLength(1);
      expect(nodes[0]).toMatchObject({ kind: 'text', span: { start: 0, end: src.length } });
    }
    expect(run('x $! '.repeat(20000))).toBe('x $ '.repeat(20000));
  });

  it('reads no files and loads nothing: #include and #parse render nothing', () => {
    expect(run('a#include("/etc/passwd")b#parse("x.vm")c')).toBe('abc');
  });
});

/** The error a render ended with (fails the test when it ended normally). */
function failure(src: string, data: unknown = {}, limits = {}): Error {
  try {
    run(src, data, limits);
  } catch (e) {
    return e as Error;
  }
  throw new Error(`rendered without an error: ${src.slice(0, 80)}`);
}

/** A LimitError for `limit`, with a position in the template. */
function expectLimit(e: Error, limit: string): void {
  expect(e).toBeInstanceOf(LimitError);
  expect((e as LimitError).limit).toBe(limit);
  expect((e as LimitError).line).toBeGreaterThan(0);
}

describe('numbers of any size', () => {
  // A short time limit turns "slow" into a LimitError, so these tests fail rather than hang.
  const quick = { maxTimeMs: 1000 };

  it('compares numbers of huge magnitude without computing them', () => {
    for (const price of ['1E300000000', '1E100000000', '-1E300000000', '1E-300000000']) {
      const expected = price.startsWith('-') ? 'no' : 'positive';
      expect(run('#if($price > 0)positive#{else}no#end', JSON.stringify({ price }), quick)).toBe(expected);
    }
    expect(run('#if(1.0E9999999 > 0)a#end#if(-1.0E9999999 < 1.0E-9999999)b#end#if(1.0E9999999 == 1.0E9999999)c#end', {}, quick)).toBe('abc');
    // the literals are Doubles (Infinity): comparing one with the BigDecimal of a text fails as in
    // Velocity, where Infinity cannot become a BigDecimal (checked against Apache Velocity 2.4.1)
    for (const src of ['#if($a < 2.0E300000000)lt#end', '#if($a == 10.0E299999999)eq#end']) {
      expect(failure(src, JSON.stringify({ a: '1E300000000' }), quick).message).toContain('NumberFormatException: Character I is neither a decimal digit number');
    }
  });

  it('converts numbers of huge magnitude to int as Java does (low bits only)', () => {
    expect(run('#foreach($i in [1..$p])$i#end', JSON.stringify({ p: '1E300000000' }), quick)).toBe('10');
    expect(run('#foreach($i in [$p..2])$i#end', JSON.stringify({ p: '1E-300000000' }), quick)).toBe('012');
  });

  it('ends arithmetic on numbers too large to compute with a LimitError', () => {
    expectLimit(failure('#set($x = $p * 2)$x', JSON.stringify({ p: '1E300000000' }), quick), 'maxTimeMs');
    // a floating-point literal is a Double, as Velocity reads it: beyond the range, Infinity
    expect(run('#set($x = 1.0E9999999 * 2)$x', {}, quick)).toBe('Infinity');
    // a string of ten million digits is not read as a number at all
    const digits = '7'.repeat(10_000_000);
    expectLimit(failure('#if($s > 0)x#end', { s: digits }, quick), 'maxTimeMs');
  });

  it('gives the render error Velocity gives for NaN and the infinities in decimal arithmetic', () => {
    const data = '{"n":123456789012345678901234567890,"d":1e999}';
    expect(run('$n + $d', data)).toBe('123456789012345678901234567890 + Infinity');
    for (const src of ['#set($x = $n + $d)', '#set($x = $n * $d)', '#if($n < $d)#end', '#if($n == $d)#end']) {
      const e = failure(src, data);
      expect(e).toBeInstanceOf(RenderError);
      expect(e).not.toBeInstanceOf(LimitError);
      expect(e.message).toMatch(/^<template>:1:\d+ java.lang.NumberFormatException: Character I is neither/);
    }
    expect(run('#set($x = $i + $d)$x', '{"i":5,"d":1e999}')).toBe('Infinity');
  });

  it('refuses payload numbers and strings past the limits of Java JSON readers', () => {
    expect(() => run('$n', `{"n":${'1'.repeat(10_000_000)}}`)).toThrow(DataError);
    expect(() => run('$n', `{"n":1${'0'.repeat(1000)}}`)).toThrow(/Number longer than 1000/);
    expect(run('$n', `{"n":1${'0'.repeat(998)}}`)).toBe('1' + '0'.repeat(998));
    expect(() => run('$s', `{"s":"${'x'.repeat(20_000_001)}"}`)).toThrow(/String longer than 20000000/);
    expect(() => run('$a', '{"a":' + '['.repeat(100_000) + ']'.repeat(100_000) + '}')).toThrow(/Nesting deeper/);
    const deep: unknown[] = [];
    let at = deep;
    for (let i = 0; i < 5000; i++) at.push((at = []));
    expect(() => run('$a', { a: deep })).toThrow(DataError);
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    expect(() => run('$a', { a: cyclic })).toThrow(DataError);
    expect(() => run('$a', { a: 2n ** 70000n })).toThrow(DataError);
  });
});

describe('memory a template grows', () => {
  const big = '#set($x = "x")#set($s = $x.repeat(10000000))#set($l = [])#foreach($i in [1..50])#set($ok = $l.add($s))#end';

  it('counts text made from values used as map keys or compared', () => {
    expectLimit(failure(big + '#set($m = {})#set($ok = $m.put($l, 1))'), 'maxMemory');
    expectLimit(failure(big + '#set($m = {$l: 1})'), 'maxMemory');
    expectLimit(failure(big + '#set($m = {})#set($ok = $m.get($l))'), 'maxMemory');
    expectLimit(failure(big + '#if($l == "a")y#end'), 'maxMemory');
    expectLimit(failure(big + '#set($t = "$l")'), 'maxMemory');
  });

  it('counts list and map literals and ranges', () => {
    // a small memory limit and a long time limit, so memory is what ends them even on a busy machine
    const many = { maxIterations: 1e9, maxMemory: 500_000, maxTimeMs: 60_000 };
    expectLimit(failure('#foreach($i in [1..1000])#set($r = [1..500000])#end', {}, many), 'maxMemory');
    expectLimit(failure('#set($l = [1,2,3,4,5,6,7,8,9,10])#foreach($i in [1..20000000])#set($c = [$l,$l,$l,$l,$l,$l,$l,$l,$l,$l])#end', {}, many), 'maxMemory');
    expectLimit(failure('#foreach($i in [1..20000000])#set($c = {"a": $i, "b": $i, "c": $i})#end', {}, many), 'maxMemory');
    expectLimit(failure('#set($x = "x")#set($s = $x.repeat(1000000))#foreach($i in [1..200])#set($t = "$s$i")#end', {}, many), 'maxMemory');
  });

  it('makes a memory limit of its own possible', () => {
    expectLimit(failure('#foreach($i in [1..100])#set($c = [1,2,3,4,5,6,7,8,9,10])#end', {}, { maxMemory: 500 }), 'maxMemory');
    expect(run('#foreach($i in [1..10])#set($c = [1,2,3])#end$c', {}, { maxMemory: 500 })).toBe('[1, 2, 3]');
  });
});

describe('time in single long steps', () => {
  it('looks at the clock inside steps that touch many characters', () => {
    // ten million digits and a letter: reading it as a number fails at its end
    const s = '1'.repeat(10_000_000) + 'x';
    const t = s.slice(0, -1) + 'y';
    expectLimit(failure('#foreach($i in [1..1000])#if($s > 0)#end#end', { s }, { maxTimeMs: 100 }), 'maxTimeMs');
    expectLimit(failure('#foreach($i in [1..1000])#if($s == $t)#end#end', { s, t }, { maxTimeMs: 100 }), 'maxTimeMs');
    const list = Array.from({ length: 1_000_000 }, (_, i) => i);
    expectLimit(failure('#foreach($i in [1..1000])#if($l == $m)#end#end', { l: list, m: [...list] }, { maxTimeMs: 100 }), 'maxTimeMs');
  });
});

describe('the safety net', () => {
  it('gives Java exceptions, not internal errors, for texts and patterns with line breaks or a last backslash (found by the fuzzer)', () => {
    const cases: [string, RegExp][] = [
      ['$i.decode("-010x\ny")', /java\.lang\.NumberFormatException: For input string: "-10x\ny"/],
      ['$i.decode("1\n")', /java\.lang\.NumberFormatException: For input string: "1\n"/],
      // Java's own messages (java.util.regex.Pattern.compile on Java 17)
      ["$s.matches('a++\\')", /java\.util\.regex\.PatternSyntaxException: Unexpected internal error near index 4\na\+\+\\$/],
      ["$s.matches('(a)++\\')", /java\.util\.regex\.PatternSyntaxException: Unexpected internal error near index 6\n\(a\)\+\+\\$/],
      ["$s.matches('a\\')", /java\.util\.regex\.PatternSyntaxException: Unexpected internal error near index 2\na\\$/],
      // JavaScript's description in Java's words, without the pattern as velvet translated it
      ["$s.matches('(a')", /java\.util\.regex\.PatternSyntaxException: Unclosed group near index 0\n\(a$/],
      ["$s.split('[a')", /java\.util\.regex\.PatternSyntaxException: Unclosed character class near index 0\n\[a$/],
      // a property that resolves to a method that throws (a range is read only)
      ['#set($r = [1..3])$r.clear', /Invocation of method 'clear' in {2}class .* threw exception java\.lang\.UnsupportedOperationException/],
    ];
    for (const [src, message] of cases) {
      const e = failure(src, { i: 5, s: 'a' });
      expect(e, src).toBeInstanceOf(RenderError);
      // velvet's own safety net says "internal error (TypeError: ...)"
      expect(e.message, src).not.toMatch(/internal error \(/);
      expect(e.message, src).toMatch(message);
    }
  });

  it('turns an exhausted engine stack into a positioned LimitError', () => {
    const nest = '#set($a = [])#foreach($i in [1..200000])#set($a = [$a])#end';
    for (const tail of ['$a', '#set($m = {})#set($ok = $m.put($a, 1))', '#if($a == "x")x#end']) {
      const e = failure(nest + '#set($b = $a)' + tail, {}, { maxTimeMs: 60_000 });
      expectLimit(e, 'maxDepth');
      expect((e as LimitError).column).toBeGreaterThan(nest.length);
    }
  });
});
