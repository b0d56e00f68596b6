import { describe, expect, it } from 'vitest';
import { parse } from '../../src/engine/index.js';
import { htmlMap } from '../../src/lint/html.js';

/** Each directive token as `word mode-before/mode-after [open elements before]`. */
function states(src: string): string[] {
  return htmlMap(src, parse(src, { name: 't' })).tokens.map((t) => `${t.word} ${t.before.mode}/${t.after.mode} [${t.before.stack.join(' ')}]`);
}

describe('htmlMap: the HTML state at each directive', () => {
  it('follows elements, attributes and comments', () => {
    expect(states('<table><tr>#if($a)<td title="x>y" class=\'a"b\'>#end</tr></table>')).toEqual([
      'if text/text [table tr]',
      'end text/text [table tr td]',
    ]);
    expect(states('<p class="#if($a)x#{else}y#end">')).toEqual(['if attr/attr []', 'else attr/attr []', 'end attr/attr []']);
    expect(states('<td #if($a)nowrap#end>')).toEqual(['if tag/tag []', 'end tag/tag []']);
    expect(states('<!-- note #set($a = 1) -->#if($a)x#end')).toEqual(['set comment/comment []', 'if text/text []', 'end text/text []']);
  });

  it('does not open void or self-closed elements, and closes up to the matching element', () => {
    expect(states('<div><br><img src="a"><x-y/><o:p>#if($a)</span></div>#end')).toEqual(['if text/text [div o:p]', 'end text/text []']);
    expect(states('<!DOCTYPE html><?xml x?><DIV>#if($a)x#end</div>')).toEqual(['if text/text [div]', 'end text/text [div]']);
  });

  it('reads <style> and <script> as raw text up to their end tag, in any case', () => {
    expect(states('<style>a<b #set($x = 1)</STYLE>#if($a)x#end')).toEqual(['set raw/raw [style]', 'if text/text []', 'end text/text []']);
    // a character outside ASCII is not a letter of the end tag
    expect(states('<script></scrİpt>#if($a)x#end</script>')).toEqual(['if raw/raw [script]', 'end raw/raw [script]']);
  });

  it('blanks the comment markers around a wrapped directive', () => {
    const map = htmlMap('<p><!--#if($a)-->x<!--#end--></p>', parse('<p><!--#if($a)-->x<!--#end--></p>', { name: 't' }));
    expect(map.tokens.map((t) => [t.word, t.wrapped, t.before.mode, t.before.stack])).toEqual([
      ['if', true, 'text', ['p']],
      ['end', true, 'text', ['p']],
    ]);
    expect(map.blocks).toHaveLength(1);
  });

  it('reads text outside Latin-1 the same way', () => {
    expect(states('<p title="Привіт 😀">#if($a)<b>Знижка 😀</b>#end</p>')).toEqual(['if text/text [p]', 'end text/text [p]']);
    expect(states('<p title="Привіт #if($a)😀#end">')).toEqual(['if attr/attr []', 'end attr/attr []']);
  });

  it('records the state at the end of the text', () => {
    expect(states('#if($a)<td>#end')).toEqual(['if text/text []', 'end text/text [td]']);
  });
});
