import { describe, expect, it } from 'vitest';
import { velocityTokens } from '../../web/velocity-tokens.js';

/** The tokens as [text, kind] pairs. */
const tokens = (src: string) => velocityTokens(src).map((t) => [src.slice(t.from, t.to), t.kind]);

describe('Velocity tokens for the Source view', () => {
  it('finds references with properties, calls and arguments', () => {
    expect(tokens('Hi $name, $!{user.firstName}! $data.get("orders", 3).size()')).toEqual([
      ['$name', 'reference'],
      ['$!{user.firstName}', 'reference'],
      ['$data.get', 'reference'],
      ['"orders"', 'string'],
      ['3', 'number'],
      ['.size', 'reference'],
    ]);
  });

  it('finds directives with their arguments, the bare ones and the braced form', () => {
    expect(tokens("#if($a == 'x' && !$b)A#{else}B#end #foreach($i in $list)#end")).toEqual([
      ['#if', 'directive'],
      ['$a', 'reference'],
      ['=', 'keyword'],
      ['=', 'keyword'],
      ["'x'", 'string'],
      ['&', 'keyword'],
      ['&', 'keyword'],
      ['!', 'keyword'],
      ['$b', 'reference'],
      ['#{else}', 'directive'],
      ['#end', 'directive'],
      ['#foreach', 'directive'],
      ['$i', 'reference'],
      ['in', 'keyword'],
      ['$list', 'reference'],
      ['#end', 'directive'],
    ]);
    expect(tokens('#set( $x = -1.5 )#myMacro("a")')).toEqual([
      ['#set', 'directive'],
      ['$x', 'reference'],
      ['=', 'keyword'],
      ['-1.5', 'number'],
      ['#myMacro', 'directive'],
      ['"a"', 'string'],
    ]);
  });

  it('finds line and block comments and unparsed blocks, across lines', () => {
    expect(tokens('a ## note $x\nb #* one\n$two *# c #[[ $raw ]]# d')).toEqual([
      ['## note $x', 'comment'],
      ['#* one\n$two *#', 'comment'],
      ['#[[ $raw ]]#', 'unparsed'],
    ]);
    expect(tokens('#* never closed $x')).toEqual([['#* never closed $x', 'comment']]);
  });

  it('leaves CSS colours, anchors, prices and escaped references as HTML', () => {
    expect(tokens('<td style="color:#fff;background:#a0b0c0"><a href="#top">$5 \\$name \\#if(</a>')).toEqual([]);
  });

  it('never runs away on an argument list that does not close', () => {
    const src = '#if(' + '('.repeat(50_000);
    expect(velocityTokens(src)[0]).toEqual({ from: 0, to: 3, kind: 'directive' });
  });
});
