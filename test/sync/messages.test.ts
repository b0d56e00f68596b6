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
