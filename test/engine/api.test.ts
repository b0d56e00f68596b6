import { describe, expect, it } from 'vitest';
import { compile, render } from '../../src/index.js';
import { LimitError, ParseError, RenderError } from '../../src/errors.js';
import { compiledOf } from '../../src/engine/compiler.js';

describe('engine API', () => {
  it('compiles once and renders many payloads', () => {
    const t = compile('Hello, $!firstName! #if($discount)-$discount#end', { name: 'hello.vm' });
    expect(t.name).toBe('hello.vm');
    expect(t.render({ firstName: 'Anna', discount: '15%' }).output).toBe('Hello, Anna! -15%');
    expect(t.render({}).output).toBe('Hello, ! ');
    expect(t.render('{"firstName": "Jürgen"}').output).toBe('Hello, Jürgen! ');
  });

  it('keeps Java number types when the payload is JSON text', () => {
    const src = '$price $count $big $ratio $data.price';
    expect(render(src, '{"price": 258.0, "count": 258, "big": 9007199254740993, "ratio": 1.5e3}').output).toBe(
      '258.0 258 9007199254740993 1500.0 258.0',
    );
    // a JavaScript value cannot tell 258.0 from 258: it is an Integer then
    expect(render('$price', { price: 258.0 }).output).toBe('258');
  });

  it('puts every top-level key in the context and the payload as $data', () => {
    expect(render("$name $data.name $!data.get('name') $data", '{"name": "N"}').output).toBe('N N N {name=N}');
    expect(render('$data', '{"data": "mine"}').output).toBe('mine');
  });

  it('provides the Yespo tools unless turned off', () => {
    expect(render('$mathTool.add(1, 2)').output).toBe('3');
    expect(render('$mathTool.add(1, 2)', {}, { tools: false }).output).toBe('$mathTool.add(1, 2)');
  });

  it('reports parse errors with position and code frame', () => {
    const src = 'line one\n#if($a == )\nthree';
    let err: unknown;
    try {
      compile(src, { name: 'broken.vm' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ParseError);
    const e = err as ParseError;
    expect(e.file).toBe('broken.vm');
    expect(e.line).toBe(2);
    expect(e.column).toBe(11);
    expect(e.message).toBe('broken.vm:2:11 Encountered ")": expected an expression');
    expect(e.frame).toBe(
      ['  1 | line one', '> 2 | #if($a == )', '    |           ^', '  3 | three'].join('\n'),
    );
    expect(e.frame).toMatch(/\n\s+\| +\^/);
    expect(e.toPayload()).toMatchObject({ name: 'ParseError', file: 'broken.vm', line: 2 });
  });

  it('reports render errors at the failing method', () => {
    const t = compile('ok\n  $s.substring(5)', { name: 'sub.vm' });
    let err: unknown;
    try {
      t.render({ s: 'abc' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(RenderError);
    expect((err as RenderError).line).toBe(2);
    expect((err as RenderError).column).toBe(6);
    expect((err as RenderError).message).toContain('StringIndexOutOfBoundsException');
  });

  it('names the limit that was hit', () => {
    try {
      render('#foreach($i in [1..10])#foreach($j in [1..10])x#end#end', {}, { limits: { maxIterations: 50 } });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(LimitError);
      expect((e as LimitError).limit).toBe('maxIterations');
      expect((e as LimitError).line).toBe(1);
    }
    expect(() => render('#foreach($i in [1..100])xxxxxxxxxx#end', {}, { limits: { maxOutput: 500 } })).toThrow(/maxOutput/);
  });

  it('reports coverage through the trace option', () => {
    const branches: number[] = [];
    const loops: number[] = [];
    render('#if($a)A#elseif($b)B#else C#end#foreach($x in $l)$x#end', { b: true, l: [] }, {
      trace: { branch: (_n, i) => branches.push(i), loop: (_n, k) => loops.push(k) },
    });
    expect(branches).toEqual([1]);
    expect(loops).toEqual([0]);
  });
});

describe('compiled closures', () => {
  it('are made once per template and kept with it, each template its own', () => {
    const src = '#foreach($i in [1..3])#if($i > 1),#end$i#end';
    const a = compile(src);
    const b = compile(src);
    expect(a.render({}).output).toBe('1,2,3');
    const sizes = (t: typeof a) => {
      const c = compiledOf(t.ast);
      return [c.blocks.size, c.exprs.size, c.tests.size];
    };
    const first = sizes(a);
    expect(first.every((n) => n > 0)).toBe(true);
    a.render({});
    expect(sizes(a)).toEqual(first);
    expect(compiledOf(b.ast)).not.toBe(compiledOf(a.ast));
    expect(sizes(b)).toEqual([0, 0, 0]);
  });

  it('of #evaluate texts, and of the macros and blocks they define, are not added to the template once per render', () => {
    // a macro with a default and a #define block made by #evaluate, used from the template after it
    const t = compile(`#set($code = '#macro(hi $who="you")Hi $who#end#define($b)[B $n]#end')#evaluate($code)#hi()|#hi("Ann")|$b|#evaluate('#hi("Bo")')`);
    const c = compiledOf(t.ast);
    expect(t.render({ n: 0 }).output).toBe('Hi you|Hi Ann|[B 0]|Hi Bo');
    const after = [c.blocks.size, c.exprs.size, c.tests.size];
    for (let n = 1; n <= 4; n++) expect(t.render({ n }).output).toBe(`Hi you|Hi Ann|[B ${n}]|Hi Bo`);
    expect([c.blocks.size, c.exprs.size, c.tests.size]).toEqual(after);
  });
});
