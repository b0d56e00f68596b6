import { describe, expect, it } from 'vitest';
import { lintCase } from './helpers.js';

const at = (d: { line: number; column: number }) => `${d.line}:${d.column}`;

describe('syntax', () => {
  it('reports every parse error, with recovery', async () => {
    const src = 'a\n#if($a == )x#end\nb\n#set($b = )\n#end\nc ${name\n';
    const d = await lintCase(src, { rule: 'syntax' });
    expect(d.map(at)).toEqual(['2:11', '4:11', '5:1', '6:9']);
    expect(d.every((x) => x.severity === 'error')).toBe(true);
  });
  it('points an unclosed block at its opener', async () => {
    const d = await lintCase('<p>\n  #foreach($i in $items)\n  $!i\n</p>\n', { rule: 'syntax' });
    expect(d).toHaveLength(1);
    expect(d[0]).toMatchObject({ line: 2, column: 3, message: '#foreach is not closed by #end' });
  });
  it('is quiet on a valid template', async () => {
    expect(await lintCase('#if($a)x#{else}y#end $!b', { rule: 'syntax' })).toEqual([]);
  });
});

describe('loud-reference', () => {
  it('flags a loud payload reference and suggests $!', async () => {
    const d = await lintCase('<p>Hi $firstName, $data.get(\'city\')</p>', { rule: 'loud-reference' });
    expect(d.map((x) => x.message)).toEqual([
      "'$firstName' prints as written when 'firstName' is missing; write '$!firstName' or give a fallback",
      "'$data.get('city')' prints as written when 'city' is missing; write '$!data.get('city')' or give a fallback",
    ]);
    expect(d.map(at)).toEqual(['1:7', '1:19']);
  });
  it('accepts quiet, fallback, guarded, local and tool references', async () => {
    const src = [
      '#set($n = ${name|\'friend\'})',
      '$!firstName ${city|\'Kyiv\'} $n $foreach',
      '#if($item.variant)$item.variant#end',
      '#foreach($p in $products)#if($p.name)$p.name#end$foreach.count#end',
      '$dateTool.currentDate(\'yyyy\')',
    ].join('\n');
    expect(await lintCase(src, { rule: 'loud-reference' })).toEqual([]);
  });
});

describe('unknown-payload-key', () => {
  it('flags keys no fixture provides, with a suggestion', async () => {
    const d = await lintCase('$!firstname $!items.get(0).titel', {
      rule: 'unknown-payload-key',
      fixtures: { a: { firstName: 'A', items: [{ title: 't' }] } },
    });
    expect(d.map((x) => x.message)).toEqual([
      "No fixture provides 'firstname'; did you mean 'firstName'?",
      "No fixture provides 'titel' in 'items[]'; did you mean 'title'?",
    ]);
    expect(d.map(at)).toEqual(['1:3', '1:28']);
  });
  it('is quiet when a fixture provides the key, or when there are no fixtures', async () => {
    expect(await lintCase('$!firstName', { rule: 'unknown-payload-key', fixtures: { a: { firstName: 'A' } } })).toEqual([]);
    expect(await lintCase('$!whatever', { rule: 'unknown-payload-key' })).toEqual([]);
  });
});

describe('no-velocity-count', () => {
  it('flags 1.7 loop variables', async () => {
    const d = await lintCase('#foreach($i in [1,2])$velocityCount#if($velocityHasNext),#end#end', { rule: 'no-velocity-count' });
    expect(d.map((x) => x.message)).toEqual([
      '$velocityCount is Velocity 1.7 only and prints as written on Velocity 2.x; use $foreach.count',
      '$velocityHasNext is Velocity 1.7 only and prints as written on Velocity 2.x; use $foreach.hasNext',
    ]);
    expect(d[0]!.column).toBe(22);
  });
  it('is quiet with $foreach.count', async () => {
    expect(await lintCase('#foreach($i in [1])$foreach.count#end', { rule: 'no-velocity-count' })).toEqual([]);
  });
});

describe('inert-reference', () => {
  it('flags {$b} right after a reference and ${$b}, which name no variable and print as written', async () => {
    const fixtures = { a: { name: 'Ann', city: 'Kyiv', b: 'x' } };
    const d = await lintCase('<p>$!data.get("name"){$city} ${$b} $x{$!city.trim()}</p>', { rule: 'inert-reference', fixtures });
    expect(d.map((x) => x.message)).toEqual([
      "'{$city}' right after a reference names no variable: Velocity prints it as written; write '${city}'",
      "'${$b}' names no variable: Velocity prints it as written; write '${b}'",
      "'{$!city.trim()}' right after a reference names no variable: Velocity prints it as written; write '$!{city.trim()}'",
    ]);
    expect(d.map(at)).toEqual(['1:22', '1:30', '1:38']);
  });
  it('is quiet for a brace that prints as text and for the other rules', async () => {
    const fixtures = { a: { c: { d: 'D' }, x: 'X' } };
    expect(await lintCase('<p>$c.d{x} ${x}{$x} .a{color:$x}</p>', { rule: 'inert-reference', fixtures })).toEqual([]);
    // no payload key '$city' is asked for, and no loud-reference advice for it
    expect(await lintCase('<p>$!x{$city}</p>', { rule: 'unknown-payload-key', fixtures })).toEqual([]);
    expect(await lintCase('<p>$!x{$city}</p>', { rule: 'loud-reference', fixtures })).toEqual([]);
    // a name may start with '_': such a reference is a real one
    expect((await lintCase('<p>$_name</p>', { rule: 'unknown-payload-key', fixtures })).map((x) => x.message)).toEqual([expect.stringContaining("'_name'")]);
  });
});

describe('unknown-tool', () => {
  it('flags tools Yespo does not provide', async () => {
    const d = await lintCase('$math.add(1, 2) $esc.html($!x)', { rule: 'unknown-tool' });
    expect(d.map((x) => x.message)).toEqual([
      "Yespo has no $math tool, so '$math.add(1, 2)' prints as written; use $mathTool",
      "Yespo has no $esc tool, so '$esc.html($!x)' prints as written (Yespo provides $mathTool, $numberTool and $dateTool)",
    ]);
    expect(d.map(at)).toEqual(['1:2', '1:18']);
  });
  it('is quiet for Yespo tools and for payload keys of that name', async () => {
    expect(await lintCase('$mathTool.add(1, 2) $date.substring(0, 4)', { rule: 'unknown-tool', fixtures: { a: { date: '2026-01-01' } } })).toEqual([]);
  });
});

describe('unknown-method', () => {
  it('flags methods no value or tool has', async () => {
    const d = await lintCase('$!name.toUpper() $!mathTool.plus(1, 2) $!foreach.count()', { rule: 'unknown-method' });
    expect(d.map((x) => x.message)).toEqual([
      "'toUpper()' is not a method of any value Velocity can call, so the reference prints as written",
      "'plus()' is not a method of $mathTool Velocity can call, so the reference prints as written",
      "'count()' is not a method of $foreach Velocity can call, so the reference prints as written",
    ]);
    expect(d.map(at)).toEqual(['1:8', '1:29', '1:50']);
  });
  it('is quiet for known methods', async () => {
    expect(await lintCase("$!name.toUpperCase() $!mathTool.add(1,2) $!numberTool.format('#.00', 1) $!items.size() $!foreach.hasNext()", { rule: 'unknown-method' })).toEqual([]);
  });
});

describe('constant-index', () => {
  it('flags a constant index without a size check', async () => {
    const d = await lintCase("$!items.get(2).name $!items[0].name", { rule: 'constant-index' });
    expect(d.map((x) => x.message)).toEqual([
      "Index 2 of 'items' fails the send when the list has only 2 items; guard it with #if($items.size() > 2) or use #foreach",
      "Index 0 of 'items' fails the send when the list has no items; guard it with #if($items.size() > 0) or use #foreach",
    ]);
    expect(d.map(at)).toEqual(['1:13', '1:29']);
  });
  it('is quiet inside a size check, and index 0 inside a non-empty check', async () => {
    const src = '#if($items.size() > 2)$!items.get(2).name#end #if($items)$!items.get(0).name#end';
    expect(await lintCase(src, { rule: 'constant-index' })).toEqual([]);
  });
});
