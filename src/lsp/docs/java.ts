/**
 * The Java methods a template can call on payload values, as the engine's method table
 * implements them (src/engine/methods.ts; a test checks every name here against it), with a
 * signature and a one-line doc for completion and hover.
 */
import type { JavaKind } from '../shape.js';

export interface MethodDoc {
  name: string;
  /** `substring(int beginIndex, int endIndex)`; several overloads joined by ` | `. */
  signature: string;
  returns: JavaKind | 'void';
  doc: string;
}

const m = (name: string, signature: string, returns: MethodDoc['returns'], doc: string): MethodDoc => ({ name, signature, returns, doc });

const OBJECT: MethodDoc[] = [
  m('equals', 'equals(Object other)', 'Boolean', 'True when the other value is equal (same type and value).'),
  m('hashCode', 'hashCode()', 'Number', 'Java hash code of the value.'),
  m('toString', 'toString()', 'String', 'The value as text, as Velocity prints it.'),
];

export const JAVA_METHODS: Record<'String' | 'List' | 'Map' | 'Number' | 'Boolean', MethodDoc[]> = {
  String: [
    m('length', 'length()', 'Number', 'Number of UTF-16 characters.'),
    m('isEmpty', 'isEmpty()', 'Boolean', 'True for the empty string.'),
    m('isBlank', 'isBlank()', 'Boolean', 'True when empty or only whitespace.'),
    m('toUpperCase', 'toUpperCase()', 'String', 'The text in upper case.'),
    m('toLowerCase', 'toLowerCase()', 'String', 'The text in lower case.'),
    m('trim', 'trim()', 'String', 'Without leading and trailing whitespace.'),
    m('strip', 'strip()', 'String', 'Without leading and trailing Unicode whitespace.'),
    m('substring', 'substring(int beginIndex) | substring(int beginIndex, int endIndex)', 'String', 'Part of the text; throws when an index is out of range.'),
    m('charAt', 'charAt(int index)', 'Object', 'The character at index.'),
    m('indexOf', 'indexOf(String str) | indexOf(String str, int fromIndex)', 'Number', 'First position of str, or -1.'),
    m('lastIndexOf', 'lastIndexOf(String str)', 'Number', 'Last position of str, or -1.'),
    m('contains', 'contains(CharSequence s)', 'Boolean', 'True when the text contains s.'),
    m('startsWith', 'startsWith(String prefix)', 'Boolean', 'True when the text begins with prefix.'),
    m('endsWith', 'endsWith(String suffix)', 'Boolean', 'True when the text ends with suffix.'),
    m('equalsIgnoreCase', 'equalsIgnoreCase(String other)', 'Boolean', 'Equal, ignoring case.'),
    m('replace', 'replace(CharSequence target, CharSequence replacement)', 'String', 'Every occurrence of target replaced (no regex).'),
    m('replaceAll', 'replaceAll(String regex, String replacement)', 'String', 'Every match of a Java regex replaced.'),
    m('replaceFirst', 'replaceFirst(String regex, String replacement)', 'String', 'The first match of a Java regex replaced.'),
    m('matches', 'matches(String regex)', 'Boolean', 'True when the whole text matches the Java regex.'),
    m('split', 'split(String regex) | split(String regex, int limit)', 'List', 'Pieces between matches of the regex (a String[]).'),
    m('concat', 'concat(String str)', 'String', 'The text followed by str.'),
    m('repeat', 'repeat(int count)', 'String', 'The text repeated count times.'),
    m('compareTo', 'compareTo(String other)', 'Number', 'Negative, zero or positive, by character codes.'),
    ...OBJECT,
  ],
  List: [
    m('size', 'size()', 'Number', 'Number of items.'),
    m('isEmpty', 'isEmpty()', 'Boolean', 'True when the list has no items.'),
    m('get', 'get(int index)', 'Object', 'The item at index (from 0); throws when out of range.'),
    m('contains', 'contains(Object o)', 'Boolean', 'True when an item equals o.'),
    m('indexOf', 'indexOf(Object o)', 'Number', 'Position of the first item equal to o, or -1.'),
    m('subList', 'subList(int fromIndex, int toIndex)', 'List', 'The items from fromIndex up to (not including) toIndex.'),
    m('add', 'add(Object o)', 'Boolean', 'Appends o (the list changes for the rest of the render).'),
    m('set', 'set(int index, Object o)', 'Object', 'Replaces the item at index; returns the old one.'),
    m('remove', 'remove(int index) | remove(Object o)', 'Object', 'Removes an item.'),
    ...OBJECT,
  ],
  Map: [
    m('get', "get(Object key)", 'Object', 'The value for key, or null. `$map.key` does the same.'),
    m('getOrDefault', 'getOrDefault(Object key, Object default)', 'Object', 'The value for key, or default when the key is absent.'),
    m('containsKey', 'containsKey(Object key)', 'Boolean', 'True when the key is present (even with a null value).'),
    m('containsValue', 'containsValue(Object value)', 'Boolean', 'True when some key maps to value.'),
    m('keySet', 'keySet()', 'List', 'The keys, in insertion order.'),
    m('values', 'values()', 'List', 'The values, in insertion order.'),
    m('entrySet', 'entrySet()', 'List', 'Key/value entries ($e.key, $e.value), in insertion order.'),
    m('size', 'size()', 'Number', 'Number of keys.'),
    m('isEmpty', 'isEmpty()', 'Boolean', 'True when the map has no keys.'),
    m('put', 'put(Object key, Object value)', 'Object', 'Sets a key (the map changes for the rest of the render).'),
    m('remove', 'remove(Object key)', 'Object', 'Removes a key; returns its value.'),
    ...OBJECT,
  ],
  Number: [
    m('intValue', 'intValue()', 'Number', 'As a Java int (fraction cut off).'),
    m('longValue', 'longValue()', 'Number', 'As a Java long (fraction cut off).'),
    m('doubleValue', 'doubleValue()', 'Number', 'As a Java double.'),
    m('floatValue', 'floatValue()', 'Number', 'As a Java float.'),
    m('compareTo', 'compareTo(Number other)', 'Number', 'Negative, zero or positive.'),
    ...OBJECT,
  ],
  Boolean: [m('booleanValue', 'booleanValue()', 'Boolean', 'The primitive boolean.'), ...OBJECT],
};

/** Methods for a value of `kind`; an unknown kind offers the String, List and Map ones. */
export function methodsOf(kind: JavaKind): MethodDoc[] {
  if (kind === 'Object') {
    const seen = new Set<string>();
    return [...JAVA_METHODS.String, ...JAVA_METHODS.Map, ...JAVA_METHODS.List].filter((d) => !seen.has(d.name) && seen.add(d.name));
  }
  return JAVA_METHODS[kind];
}

/** `$foreach` inside a loop (Velocity 2.x's ForeachScope). */
export const FOREACH_PROPS: MethodDoc[] = [
  m('count', 'count', 'Number', 'Iteration number, from 1.'),
  m('index', 'index', 'Number', 'Iteration number, from 0.'),
  m('hasNext', 'hasNext', 'Boolean', 'True when another item follows.'),
  m('first', 'first', 'Boolean', 'True on the first iteration.'),
  m('last', 'last', 'Boolean', 'True on the last iteration.'),
  m('parent', 'parent', 'Object', 'The $foreach of the enclosing loop.'),
  m('topmost', 'topmost', 'Object', 'The $foreach of the outermost loop.'),
];
