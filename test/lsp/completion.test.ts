/** Completion providers, called on text with a cursor marker. */
import { describe, expect, it } from 'vitest';
import { complete } from '../../src/lsp/completion/index.js';
import { ORDER, at, labels } from './helpers.js';

const run = (text: string) => {
  const { model, offset } = at(text, ORDER);
  return complete(model, offset);
};

describe('reference completion', () => {
  it('offers payload keys, $data, tools, #set variables after $, $! and ${', () => {
    for (const t of ['Hi $|', 'Hi $!|', 'Hi ${|', 'Hi $!{fi|']) {
      const l = labels(run(`#set($greeting = 'x')${t}`));
      expect(l).toEqual(expect.arrayContaining(['firstName', 'order', 'promo', 'data', 'mathTool', 'numberTool', 'dateTool', 'greeting']));
    }
  });
  it('offers loop variables and $foreach only inside the loop, macro parameters inside the macro', () => {
    expect(labels(run('#foreach($item in $order.items) $| #end'))).toEqual(expect.arrayContaining(['item', 'foreach']));
    expect(labels(run('#foreach($item in $order.items) #end $|'))).not.toContain('item');
    expect(labels(run('#macro(card $title $url) $| #end'))).toEqual(expect.arrayContaining(['title', 'url']));
    expect(labels(run('#macro(card $title $url) #end $|'))).not.toContain('title');
  });
  it('replaces the part of the name already typed', () => {
    const items = run('Hi $!fir|');
    const item = items.find((i) => i.label === 'firstName')!;
    expect(item.textEdit).toMatchObject({ newText: 'firstName', range: { start: { character: 5 }, end: { character: 8 } } });
    expect(item.detail).toBe('java.lang.String');
  });
});

describe('property completion', () => {
  it('offers the keys at the path, then the methods of its type', () => {
    const l = labels(run('$order.|'));
    expect(l.slice(0, 3)).toEqual(['id', 'total', 'items']);
    expect(l).toContain('containsKey');
  });
  it('inside #foreach offers the keys of the items, from every fixture', () => {
    const l = labels(run('#foreach($item in $order.items)\n  $item.|\n#end'));
    expect(l).toEqual(expect.arrayContaining(['name', 'price', 'qty', 'color']));
  });
  it('follows #set aliases and $data.get', () => {
    expect(labels(run("#set($o = $data.get('order'))$o.|"))).toContain('items');
    expect(labels(run('#set($first = $order.items.get(0))$first.|'))).toContain('price');
  });
  it('offers String methods on a string, tool methods with signatures, $foreach properties', () => {
    expect(labels(run('$firstName.|'))).toEqual(expect.arrayContaining(['toUpperCase', 'substring', 'length']));
    const tools = run('$mathTool.|');
    expect(labels(tools)).toEqual(expect.arrayContaining(['add', 'sub', 'mul', 'div', 'roundTo']));
    expect(tools.find((i) => i.label === 'add')!.detail).toBe('add(Object a, Object b)');
    expect(labels(run('#foreach($i in $order.items)$foreach.|#end'))).toEqual(['count', 'index', 'hasNext', 'first', 'last', 'parent', 'topmost']);
  });
  it('types method results: $firstName.trim(). offers String methods', () => {
    expect(labels(run('$firstName.trim().|'))).toContain('toLowerCase');
    expect(labels(run('$order.items.size().|'))).toContain('intValue');
  });
});

describe("$data.get(' completion", () => {
  it('offers the top-level keys, closing the quote when needed', () => {
    const items = run("$data.get('|");
    expect(labels(items)).toEqual(['firstName', 'order', 'promo']);
    expect(items[0]!.textEdit).toMatchObject({ newText: "firstName'" });
    expect(run("$data.get('|')")[0]!.textEdit).toMatchObject({ newText: 'firstName' });
  });
  it('offers the keys of nested maps', () => {
    expect(labels(run('$order.get("|'))).toEqual(['id', 'total', 'items']);
  });
});

describe('directive completion', () => {
  it('offers directives as snippets and the macros of the template', () => {
    const items = run('#macro(card $title)x#end\n#|');
    expect(labels(items)).toEqual(expect.arrayContaining(['if', 'foreach', 'set', 'else', 'end', 'macro', 'card']));
    expect(items.find((i) => i.label === 'foreach')!.textEdit).toMatchObject({ newText: 'foreach(\\$${1:item} in \\$${2:items})\n\t$0\n#end' });
    expect(items.find((i) => i.label === 'card')!.textEdit).toMatchObject({ newText: 'card(${1:\\$title})' });
  });
  it('stays quiet in CSS colours and escaped text', () => {
    expect(run('<td style="color:#|">')).toEqual([]);
    expect(run('\\#|')).toEqual([]);
  });
});

describe('completion in the middle of a name', () => {
  it('offers the keys and replaces the whole name', () => {
    const items = run('#foreach($item in $order.items)$!item.|name#end');
    expect(labels(items)).toContain('price');
    expect(items[0]!.textEdit).toMatchObject({ range: { start: { character: 38 }, end: { character: 42 } } });
  });
});
