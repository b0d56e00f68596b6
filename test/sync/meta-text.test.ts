/** Editing email.json in place: only the values pull changes move, every other byte stays. */
import { describe, expect, it } from 'vitest';
import { editMembers } from '../../src/yespo/json-members.js';

describe('editMembers', () => {
  it('keeps a one-line file on one line, with its own spacing', () => {
    expect(editMembers('{"subject":"a", "x": [1, 2],"name":"n"}', { subject: 'b', name: 'n', tags: ['t'] })).toBe('{"subject":"b", "x": [1, 2],"name":"n","tags":["t"]}');
  });

  it('removes the first, a middle and the only member with their commas', () => {
    expect(editMembers('{\n  "a": 1,\n  "b": 2,\n  "c": 3\n}\n', { a: undefined })).toBe('{\n  "b": 2,\n  "c": 3\n}\n');
    expect(editMembers('{\n  "a": 1,\n  "b": 2,\n  "c": 3\n}\n', { b: undefined })).toBe('{\n  "a": 1,\n  "c": 3\n}\n');
    expect(editMembers('{\n  "a": 1,\n  "b": 2\n}\n', { b: undefined, c: 3 })).toBe('{\n  "a": 1,\n  "c": 3\n}\n');
    expect(editMembers('{"a": 1}', { a: undefined })).toBe('{}');
  });

  it('keeps CRLF line ends and tabs, and a value that is equal but written differently', () => {
    const text = '{\r\n\t"tags": [ "a" ],\r\n\t"n": 1.50\r\n}\r\n';
    expect(editMembers(text, { tags: ['a'], n: 1.5 })).toBe(text);
    expect(editMembers(text, { tags: ['a', 'b'] })).toBe('{\r\n\t"tags": [\r\n\t\t"a",\r\n\t\t"b"\r\n\t],\r\n\t"n": 1.50\r\n}\r\n');
    expect(editMembers('{}\n', { a: 1 })).toBe('{\n  "a": 1\n}\n');
  });
});
