import { describe, expect, it } from 'vitest';
import { locateOffset } from '../../src/json/locate.js';
import { fullParse, parseJson } from '../../src/json/parse.js';
import { toPointer } from '../../src/json/pointer.js';
import { jsonCorpus } from './helpers.js';

// Positions of valid JSON come from a walk along the pointer, not from the full parser's tree:
// they must be the tree's positions for every pointer, found or not.


/** Every pointer of a value, and some that do not resolve next to them. */
function pointers(v: unknown, path: (string | number)[] = [], out: string[] = []): string[] {
  out.push(toPointer(path));
  if (Array.isArray(v)) {
    v.forEach((x, i) => pointers(x, [...path, i], out));
    out.push(toPointer([...path, v.length]), `${toPointer(path)}/0${v.length}`, `${toPointer(path)}/-1`, `${toPointer(path)}/x`);
  } else if (v && typeof v === 'object') {
    for (const k of Object.keys(v)) pointers((v as Record<string, unknown>)[k], [...path, k], out);
    out.push(toPointer([...path, 'missing']), toPointer([...path, '0']));
  } else out.push(toPointer([...path, 'below']), toPointer([...path, 0]));
  return out;
}

/** A seeded generator of JSON texts with odd spacing, escaped and repeated keys, nesting. */
function generated(count: number): string[] {
  let seed = 7;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const ws = () => [' ', '', '\n', '\r\n\t', '  '][rnd(5)]!;
  const keys = ['a', 'b', 'a/b', 'm~n', 'q"uote', 'back\\slash', '\u00e9', 'emoji\ud83d\ude00', '', '0', '__proto__', 'x y'];
  const key = () => {
    const k = keys[rnd(keys.length)]!;
    // the same key written plainly or with a \u escape
    return rnd(4) === 0 && k.length > 0 ? `"\\u${k.charCodeAt(0).toString(16).padStart(4, '0')}${JSON.stringify(k).slice(2)}` : JSON.stringify(k);
  };
  const value = (d: number): string => {
    const r = rnd(d > 3 ? 5 : 8);
    if (r === 0) return String(rnd(1000) - 500);
    if (r === 1) return ['true', 'false', 'null', '1.5e3', '-0.25', '12345678901234567890'][rnd(6)]!;
    if (r === 2) return JSON.stringify(['s', 'with "quotes"', 'slash\\\\', '{[}]', ',', ''][rnd(6)]);
    if (r === 3) return '"\\\\"';
    if (r === 4) return '"a\\"b{"';
    if (r === 5) return `[${ws()}${Array.from({ length: rnd(4) }, () => value(d + 1)).join(`${ws()},${ws()}`)}${ws()}]`;
    return `{${ws()}${Array.from({ length: rnd(5) }, () => `${key()}${ws()}:${ws()}${value(d + 1)}`).join(`${ws()},${ws()}`)}${ws()}}`;
  };
  return Array.from({ length: count }, () => `${rnd(5) === 0 ? '\ufeff' : ''}${ws()}${value(0)}${ws()}`);
}

describe('locateOffset', () => {
  it('gives the full parser positions for every pointer', () => {
    const texts = [...jsonCorpus('test/conformance/cases'), ...jsonCorpus('test/differential/cases'), ...jsonCorpus('samples'), ...generated(3000)];
    let checked = 0;
    for (const text of texts) {
      const full = fullParse(text, 'x', 1000);
      const lazy = parseJson(text);
      for (const p of pointers(full.value)) {
        for (const part of ['value', 'key'] as const) {
          expect(lazy.locate(p, part), `${JSON.stringify(text).slice(0, 200)} ${p} ${part}`).toEqual(full.locate(p, part));
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(50_000);
  });

  it('finds the last of a key written twice, and refuses malformed pointers', () => {
    const text = '{"k": 1, "k" : [10, {"k\\u0031": 2}], "k1": 3}';
    expect(locateOffset(text, '/k')).toBe(text.indexOf('[10'));
    expect(locateOffset(text, '/k', 'key')).toBe(text.indexOf('"k" :'));
    expect(locateOffset(text, '/k/1/k1')).toBe(text.indexOf('2}'));
    expect(locateOffset(text, '/k/01')).toBeUndefined();
    expect(locateOffset(text, 'k')).toBeUndefined();
    expect(locateOffset(text, '/k1/x')).toBeUndefined();
  });
});
