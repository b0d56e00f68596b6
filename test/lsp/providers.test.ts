/** Hover, definition, outline, symbols and quick fixes, called on text with a cursor marker. */
import { describe, expect, it } from 'vitest';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { render } from '../../src/engine/index.js';
import { knownMethodNames } from '../../src/engine/index.js';
import { codeActions } from '../../src/lsp/code-actions.js';
import { definition } from '../../src/lsp/definition.js';
import { FOREACH_PROPS, JAVA_METHODS } from '../../src/lsp/docs/java.js';
import { TOOLS } from '../../src/lsp/docs/tools.js';
import { hover } from '../../src/lsp/hover/index.js';
import { outline } from '../../src/lsp/outline.js';
import { documentSymbols, foldingRanges } from '../../src/lsp/symbols.js';
import { ORDER, at } from './helpers.js';

const hoverText = (text: string): string | undefined => {
  const { model, offset } = at(text, ORDER);
  const h = hover(model, offset);
  return h ? (h.contents as { value: string }).value : undefined;
};

describe('hover', () => {
  it('shows a payload value: type, values per fixture, absence', () => {
    const v = hoverText('$!pro|mo')!;
    expect(v).toContain('**promo**: `java.lang.String`');
    expect(v).toContain('- f1: `SAVE`');
    expect(v).toContain('absent in 1 of 2 fixtures');
  });
  it('shows mixed number types of a key and list items through #foreach', () => {
    expect(hoverText('$order.to|tal')).toContain('java.lang.Double | java.lang.Integer');
    expect(hoverText('#foreach($i in $order.items)$i.co|lor#end')).toMatch(/order\.items\[\]\.color[\s\S]*absent in 1 of 2/);
  });
  it('shows signatures of Java and tool methods, and directive docs', () => {
    expect(hoverText('$firstName.subs|tring(1)')).toContain('String.substring(int beginIndex)');
    expect(hoverText('$numberTool.for|mat("#.00", 1)')).toContain("$numberTool.format(Object n)");
    expect(hoverText('#fore|ach($i in $a)#end')).toContain('#foreach($item in $list)');
    expect(hoverText('#macro(card $t)x#end #ca|rd(1)')).toContain('**#card**($t)');
  });
  it('shows a key only the template reads, with the type its use implies', () => {
    const v = hoverText('#if($score > 5)$!sco|re#end')!;
    expect(v).toContain('Read by the template; no fixture holds it.');
    expect(v).toContain('The template uses it as a number.');
    expect(v).toContain('absent in 2 of 2 fixtures');
  });
  it('says nothing on plain text', () => {
    expect(hoverText('hello wo|rld')).toBeUndefined();
  });
});

describe('definition', () => {
  const read = (file: string) => JSON.stringify(ORDER.fixtures.find((f) => f.file === file)!.variants[0]!.json, null, 2);
  const def = (text: string) => {
    const { model, offset } = at(text, ORDER);
    return definition(model, offset, read).map((l) => ({ uri: l.uri.replace(/^.*\//, ''), line: l.range.start.line, ch: l.range.start.character }));
  };
  it('goes from a loop variable to its #foreach and from a key to each fixture', () => {
    expect(def('#foreach($item in $order.items)\n$it|em.name#end')).toEqual([{ uri: 'template.html', line: 0, ch: 9 }]);
    expect(def('#foreach($item in $order.items)\n$item.na|me#end')).toEqual([
      { uri: 'f1.json', line: 7, ch: 8 },
      { uri: 'f2.json', line: 7, ch: 8 },
    ]);
    expect(def('$pro|mo')).toEqual([{ uri: 'f1.json', line: 13, ch: 2 }]);
  });
  it('goes from a macro parameter to the #macro line, only inside that macro', () => {
    expect(def('#macro(greet $who) Hi $w|ho #end')).toEqual([{ uri: 'template.html', line: 0, ch: 13 }]);
    // a parameter shadows a #set of the same name inside the macro; outside, the #set counts
    expect(def('#set($who = 1)\n#macro(greet $who) Hi $w|ho #end')).toEqual([{ uri: 'template.html', line: 1, ch: 13 }]);
    expect(def('#set($who = 1)\n#macro(greet $who) Hi $who #end $w|ho')).toEqual([{ uri: 'template.html', line: 0, ch: 5 }]);
    // a loop inside the macro hides the parameter; a loop around the #macro does not
    expect(def('#macro(m $x)#foreach($x in $l)$|x#end#end')).toEqual([{ uri: 'template.html', line: 0, ch: 21 }]);
    expect(def('#foreach($x in $l)#macro(m $x)$|x#end#end')).toEqual([{ uri: 'template.html', line: 0, ch: 27 }]);
  });
});

describe('outline', () => {
  it('reads sets, loops, macros and calls from half-typed text, ignoring comments and CSS colours', () => {
    const o = outline('## #set($no = 1)\n#set($a = $b.c)\n<td style="color:#ffffff">\n#foreach($x in $list)\n#macro(m $p $q)#end\n#m(1 2)\n#* #foreach($y in $z) *#');
    expect(o.sets.map((s) => [s.name, s.value])).toEqual([['a', '$b.c']]);
    expect(o.loops.map((l) => [l.varName, l.iterable, l.block.endAt])).toEqual([['x', '$list', undefined]]);
    expect(o.macros.map((m) => [m.name, m.params.map((p) => p.name)])).toEqual([['m', ['p', 'q']]]);
    expect(o.calls.map((c) => c.name)).toEqual(['m']);
  });
  it('makes nested symbols and folding ranges', () => {
    const { model } = at('#foreach($a in $list)\n#set($b = 1)\n|\n#end\n#* a\ncomment *#');
    const syms = documentSymbols(model);
    expect(syms.map((s) => [s.name, s.children?.map((c) => c.name)])).toEqual([['#foreach $a', ['$b']]]);
    expect(foldingRanges(model)).toEqual([
      { startLine: 0, endLine: 2, kind: 'region' },
      { startLine: 4, endLine: 5, kind: 'comment' },
    ]);
  });
});

describe('quick fixes', () => {
  const diag = (text: string, code: string, start: number, end: number): Diagnostic => ({
    range: { start: { line: 0, character: start }, end: { line: 0, character: end } },
    severity: DiagnosticSeverity.Warning,
    code,
    message: '',
  });
  const fix = (text: string, d: Diagnostic) => {
    const { model } = at(`${text}|`, ORDER);
    return codeActions(model, [d], () => undefined).map((a) => [a.title, Object.values(a.edit!.changes!)[0]![0]!.newText]);
  };
  it('makes a loud reference quiet, replaces $velocityCount and wraps a directive', () => {
    expect(fix('Hi $firstName', diag('', 'loud-reference', 3, 13))).toEqual([['Write $!firstName', '!']]);
    expect(fix('$!velocityCount', diag('', 'no-velocity-count', 0, 15))).toEqual([['Use $foreach.count', '$!foreach.count']]);
    expect(fix('#if($a) x', diag('', 'directive-not-wrapped', 0, 7))).toEqual([['Wrap as <!--#if($a)-->', '<!--#if($a)-->']]);
    expect(fix('$!a{$city}', diag('', 'inert-reference', 3, 10))).toEqual([['Write ${city}', '${city}']]);
    expect(fix('${$!b.x}', diag('', 'inert-reference', 0, 8))).toEqual([['Write $!{b.x}', '$!{b.x}']]);
  });
});

describe('method docs match the engine', () => {
  it('lists only Java methods the engine implements', () => {
    const known = knownMethodNames();
    for (const list of Object.values(JAVA_METHODS)) for (const m of list) expect(known, m.name).toContain(m.name);
  });
  it('documents tool methods whose examples render (not printed back as written)', () => {
    for (const tool of TOOLS) {
      for (const m of tool.methods) {
        expect(m.example.startsWith(`$${tool.name}.${m.name}(`), m.example).toBe(true);
        const out = render(m.example, {}, { now: '2026-03-15T09:30:00Z' }).output;
        expect(out, m.example).not.toBe(m.example);
        expect(out, m.example).not.toBe('');
      }
    }
  });
  it('documents $foreach properties the engine answers', () => {
    const template = `#foreach($i in [1, 2])${FOREACH_PROPS.filter((p) => p.returns !== 'Object').map((p) => `$foreach.${p.name}`).join(',')};#end`;
    expect(render(template).output).toBe('1,0,true,true,false;2,1,false,false,true;');
  });
});
