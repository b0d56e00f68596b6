import { describe, expect, it } from 'vitest';
import { render } from '../../src/engine/index.js';
import { LimitError, ParseError, RenderError } from '../../src/errors.js';

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

  it('reads no files and loads nothing: #include and #parse render nothing', () => {
    expect(run('a#include("/etc/passwd")b#parse("x.vm")c')).toBe('abc');
  });
});
