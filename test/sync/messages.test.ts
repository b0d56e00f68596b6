import { describe, expect, it } from 'vitest';
import { replaceMembers, topLevelMembers } from '../../src/yespo/json-members.js';
import { managedFields, updateBody } from '../../src/yespo/messages.js';

describe('replaceMembers', () => {
  it('replaces values in place and keeps every other byte', () => {
    const text = '{ "id": 12345678901234567890, "htmlText" : "a\\"}{b",\n  "css":"x{}", "n": 1.50, "o": {"htmlText": "inner"}, "l": [1, "]", {"a": null}] }';
    const out = replaceMembers(text, { htmlText: '<p>"new"</p>' });
    expect(out).toBe('{ "id": 12345678901234567890, "htmlText" : "<p>\\"new\\"</p>",\n  "css":"x{}", "n": 1.50, "o": {"htmlText": "inner"}, "l": [1, "]", {"a": null}] }');
  });

  it('adds missing members before the closing brace, also to an empty object', () => {
    expect(replaceMembers('{"a":1}', { b: [1], c: undefined })).toBe('{"a":1,"b":[1]}');
    expect(replaceMembers(' { } ', { b: 'x' })).toBe(' { "b":"x"} ');
  });

  it('writes over the last of repeated keys (the one JSON readers keep)', () => {
    expect(replaceMembers('{"s":"1","s":"2"}', { s: 'x' })).toBe('{"s":"1","s":"x"}');
  });

  it('keeps numbers of any length', () => {
    const long = '1' + '0'.repeat(1000) + '.50';
    expect(replaceMembers(`{"n":${long},"s":"a"}`, { s: 'b' })).toBe(`{"n":${long},"s":"b"}`);
  });

  it('refuses what is not an object', () => {
    expect(() => topLevelMembers('[1]')).toThrow(/not a JSON object/);
  });
});

describe('message fields', () => {
  it('reads the managed fields and rejects unexpected shapes with a pointer to the docs', () => {
    expect(managedFields({ id: 1, name: 'N', subject: null, htmlText: 'h', tags: ['a'], css: 'x' }, 'GET x')).toEqual({ name: 'N', htmlText: 'h', tags: ['a'] });
    expect(() => managedFields({ tags: [{ name: 'a' }] }, 'GET /v1/messages/email/1')).toThrow(/tags is \[\{"name":"a"\}\], not what velvet expects \(see docs\/sync.md/);
    expect(() => managedFields([], 'GET x')).toThrow(/did not answer a JSON object/);
  });

  it('builds the PUT body from the GET text with only the given managed fields', () => {
    const remote = { id: 7, text: '{"id":7,"name":"A","htmlText":"old","editor":{"v":1.0}}', fields: { name: 'A', htmlText: 'old' } };
    expect(updateBody(remote, { htmlText: 'new', subject: 'S' })).toBe('{"id":7,"name":"A","htmlText":"new","editor":{"v":1.0},"subject":"S"}');
  });
});

/** Seeded random JSON texts with odd spacing, escapes and nesting. */
function randomJson(seed: number): string {
  let x = seed;
  const rnd = (n: number) => ((x = (x * 1103515245 + 12345) % 2147483648), x % n);
  const ws = () => [' ', '', '\n', '\t', '  '][rnd(5)] as string;
  const str = () => JSON.stringify(['a', 'b"}', '\\{[', 'ключ', '\u2028', ''][rnd(6)]);
  const value = (depth: number): string => {
    const k = depth > 3 ? rnd(4) : rnd(6);
    if (k === 0) return str();
    if (k === 1) return ['1.50', '-0', '12345678901234567890', '1e+10', '0.1'][rnd(5)] as string;
    if (k === 2) return ['true', 'false', 'null'][rnd(3)] as string;
    if (k === 3) return str();
    if (k === 4) return `[${ws()}${Array.from({ length: rnd(3) }, () => value(depth + 1)).join(`${ws()},${ws()}`)}${ws()}]`;
    return `{${ws()}${Array.from({ length: rnd(3) }, (_, i) => `"k${i}"${ws()}:${ws()}${value(depth + 1)}`).join(',')}${ws()}}`;
  };
  const keys = ['id', 'htmlText', 'css', 'subject', 'editor', 'tags'].filter(() => rnd(3) > 0);
  return `${ws()}{${ws()}${keys.map((k) => `"${k}"${ws()}:${ws()}${value(0)}`).join(`${ws()},${ws()}`)}${ws()}}${ws()}`;
}

describe('replaceMembers on generated objects', () => {
  it('changes exactly the replaced members and keeps the text of all others (2,000 objects)', () => {
    for (let seed = 1; seed <= 2000; seed++) {
      const text = randomJson(seed);
      const replace = { htmlText: `<p>${seed}\r\n</p>`, subject: seed % 2 ? 'S' : undefined };
      const out = replaceMembers(text, replace);
      const before = JSON.parse(text) as Record<string, unknown>;
      const after = JSON.parse(out) as Record<string, unknown>;
      const expected: Record<string, unknown> = { ...before, htmlText: replace.htmlText };
      if (replace.subject !== undefined) expected['subject'] = replace.subject;
      expect(after).toEqual(expected);
      // every member that was not replaced is still there as the same bytes
      for (const m of topLevelMembers(text).members) {
        if (m.key in replace && (replace as Record<string, unknown>)[m.key] !== undefined) continue;
        expect(out).toContain(`"${m.key}"`);
        expect(out).toContain(text.slice(m.start, m.end));
      }
    }
  });
});
