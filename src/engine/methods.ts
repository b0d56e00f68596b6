/**
 * The explicit method table: every method a template may call on a value. Nothing outside these
 * tables is ever invoked, which is what keeps templates away from JavaScript internals. A method
 * that is not listed resolves to "no such method", as in Velocity (the reference prints as
 * written).
 *
 * A method implementation returns a Value, VOID for Java void methods (Velocity renders ""), or
 * throws JavaException when the Java method would throw (a render error in Velocity).
 */
import { asNumber, javaClassName, javaEquals, javaString, mapEntries, mapGet, mapHas, mapPut, mapRemove } from './java.js';
import { compareNumbers, intValue, isNumber, toDouble, toBigInt, type JNumber } from './numbers.js';
import { javaFormat } from './format.js';
import { MethodLimit, javaRegex, javaSplit, regexMatches, replaceMatches } from './regex.js';

export { MethodLimit, setRegexDeadline } from './regex.js';
import { JBigDecimal, JBigInteger, JChar, JDouble, JEntry, JMap, JSet, type Value } from './values.js';

export const VOID = Symbol('void');
export type MethodResult = Value | typeof VOID;

/** A Java exception thrown by a method. */
export class JavaException extends Error {
  constructor(
    readonly javaClass: string,
    message: string,
  ) {
    super(message);
  }
  override toString(): string {
    return this.message ? `${this.javaClass}: ${this.message}` : this.javaClass;
  }
}

/** Marker: the arguments do not fit any overload (Velocity: method not found). */
export const NO_METHOD = Symbol('no-method');

type Impl = (self: never, args: Value[]) => MethodResult | typeof NO_METHOD;

/** Longest string a single method call may build (Java would run out of memory first). */
const MAX_STRING = 10_000_000;
/** Largest list a single method call may build. */
const MAX_LIST = 10_000_000;

const outOfBounds = (msg: string) => new JavaException('java.lang.StringIndexOutOfBoundsException', msg);
const npe = () => new JavaException('java.lang.NullPointerException', '');
const unsupported = () => new JavaException('java.lang.UnsupportedOperationException', '');
const classCast = (v: Value, to: string) =>
  new JavaException('java.lang.ClassCastException', `class ${javaClassName(v)} cannot be cast to class ${to}`);

// ------------------------------------------------------------------ argument conversion

/** Converts an argument for an `int` parameter as Velocity's conversion handler does. */
function toInt(v: Value): number | typeof NO_METHOD {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint' || v instanceof JBigInteger || v instanceof JBigDecimal || v instanceof JDouble) {
    return intValue(v);
  }
  if (typeof v === 'string') {
    // Velocity converts a String argument for an int parameter with Integer.valueOf
    if (/^[+-]?\d+$/.test(v)) {
      const n = Number(v);
      if (n >= -2147483648 && n <= 2147483647) return n;
    }
    throw new JavaException('java.lang.NumberFormatException', `For input string: "${v}"`);
  }
  if (v instanceof JChar) return v.c.charCodeAt(0);
  // Velocity's conversion handler turns a Boolean into 1 or 0 for an int parameter
  if (typeof v === 'boolean') return v ? 1 : 0;
  return NO_METHOD;
}

function toStr(v: Value): string | typeof NO_METHOD {
  if (typeof v === 'string') return v;
  if (v instanceof JChar) return v.c;
  return NO_METHOD;
}

/** A CharSequence parameter: a String; null throws NullPointerException when used. */
function charSeq(v: Value): string | null | typeof NO_METHOD {
  if (v === null) return null;
  return toStr(v);
}

/**
 * A `String` parameter: Velocity's conversion handler turns any other object into its
 * toString() (`$s.concat(1)` is "a1"); CharSequence parameters get no such conversion.
 */
function strParam(v: Value): string | null {
  if (v === null || typeof v === 'string') return v;
  return javaString(v);
}

function ints(args: Value[], n: number): number[] | undefined {
  if (args.length !== n) return undefined;
  const out: number[] = [];
  for (const a of args) {
    const i = toInt(a);
    if (i === NO_METHOD) return undefined;
    out.push(i);
  }
  return out;
}

const isJavaWs = (c: string) => c <= ' ';
/** Character.isWhitespace: Unicode space separators except no-break spaces, plus controls. */
const JAVA_WS_CLASS = '[\\t\\n\\u000B\\f\\r\\u001C-\\u001F \\u1680\\u2000-\\u2006\\u2008-\\u200A\\u2028\\u2029\\u205F\\u3000]';
const JAVA_WS_START = new RegExp(`^${JAVA_WS_CLASS}+`);
const JAVA_WS_END = new RegExp(`${JAVA_WS_CLASS}+$`);

function javaHash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

function compareStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = a.charCodeAt(i) - b.charCodeAt(i);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

// ------------------------------------------------------------------ String

const STRING: Record<string, Impl> = {
  length: (s: string, a: Value[]) => (a.length === 0 ? s.length : NO_METHOD),
  isEmpty: (s: string, a: Value[]) => (a.length === 0 ? s.length === 0 : NO_METHOD),
  isBlank: (s: string, a: Value[]) => (a.length === 0 ? s.trim().length === 0 : NO_METHOD),
  toString: (s: string, a: Value[]) => (a.length === 0 ? s : NO_METHOD),
  toUpperCase: (s: string, a: Value[]) => (a.length === 0 ? s.toUpperCase() : NO_METHOD),
  toLowerCase: (s: string, a: Value[]) => (a.length === 0 ? s.toLowerCase() : NO_METHOD),
  trim: (s: string, a: Value[]) => {
    if (a.length) return NO_METHOD;
    let i = 0;
    let j = s.length;
    while (i < j && isJavaWs(s[i]!)) i++;
    while (j > i && isJavaWs(s[j - 1]!)) j--;
    return s.slice(i, j);
  },
  strip: (s: string, a: Value[]) => (a.length === 0 ? s.replace(JAVA_WS_START, '').replace(JAVA_WS_END, '') : NO_METHOD),
  stripLeading: (s: string, a: Value[]) => (a.length === 0 ? s.replace(JAVA_WS_START, '') : NO_METHOD),
  stripTrailing: (s: string, a: Value[]) => (a.length === 0 ? s.replace(JAVA_WS_END, '') : NO_METHOD),
  // static methods Velocity lets a template call through an instance
  valueOf: (_s: string, a: Value[]) => (a.length === 1 ? javaString(a[0]!) : NO_METHOD),
  join: (_s: string, a: Value[]) => {
    if (a.length < 2 || typeof a[0] !== 'string') return NO_METHOD;
    const items = a.length === 2 && Array.isArray(a[1]) ? a[1] : a.length === 2 && a[1] instanceof JSet ? a[1].items : a.slice(1);
    return items.map((x) => javaString(x)).join(a[0]);
  },
  hashCode: (s: string, a: Value[]) => (a.length === 0 ? javaHash(s) : NO_METHOD),
  // UTF-8 bytes as Java's signed bytes; Velocity prints a byte[] like a list
  getBytes: (s: string, a: Value[]) => (a.length === 0 ? javaArray([...Buffer.from(s, 'utf8')].map((b) => (b << 24) >> 24), '[B') : NO_METHOD),
  equals: (s: string, a: Value[]) => (a.length === 1 ? typeof a[0] === 'string' && a[0] === s : NO_METHOD),
  equalsIgnoreCase: (s: string, a: Value[]) => {
    if (a.length !== 1) return NO_METHOD;
    const o = strParam(a[0]!);
    if (o === null) return false;
    return o.length === s.length && (o.toUpperCase() === s.toUpperCase() || o.toLowerCase() === s.toLowerCase());
  },
  contentEquals: (s: string, a: Value[]) => (a.length === 1 && typeof a[0] === 'string' ? a[0] === s : NO_METHOD),
  compareTo: (s: string, a: Value[]) => {
    if (a.length !== 1) return NO_METHOD;
    const o = a[0]!;
    if (o === null) throw npe();
    // String.compareTo(Object), the bridge method Velocity finds, casts its argument
    if (typeof o !== 'string') throw classCast(o, 'java.lang.String');
    return compareStrings(s, o);
  },
  compareToIgnoreCase: (s: string, a: Value[]) => {
    if (a.length !== 1) return NO_METHOD;
    const o = strParam(a[0]!);
    if (o === null) throw npe();
    return compareStrings(s.toUpperCase().toLowerCase(), o.toUpperCase().toLowerCase());
  },
  charAt: (s: string, a: Value[]) => {
    const n = ints(a, 1);
    if (!n) return NO_METHOD;
    const i = n[0]!;
    if (i < 0 || i >= s.length) {
      throw outOfBounds(`index ${i}, length ${s.length}`);
    }
    return new JChar(s[i]!);
  },
  codePointAt: (s: string, a: Value[]) => {
    const n = ints(a, 1);
    if (!n) return NO_METHOD;
    const i = n[0]!;
    if (i < 0 || i >= s.length) throw outOfBounds(`index ${i}, length ${s.length}`);
    return s.codePointAt(i)!;
  },
  substring: (s: string, a: Value[]) => {
    const n = ints(a, a.length);
    if (!n || (n.length !== 1 && n.length !== 2)) return NO_METHOD;
    const b = n[0]!;
    const e = n.length === 2 ? n[1]! : s.length;
    if (b < 0 || e > s.length || b > e) {
      throw outOfBounds(`begin ${b}, end ${e}, length ${s.length}`);
    }
    return s.slice(b, e);
  },
  indexOf: (s: string, a: Value[]) => {
    if (a.length < 1 || a.length > 2) return NO_METHOD;
    const from = a.length === 2 ? toInt(a[1]!) : 0;
    if (from === NO_METHOD) return NO_METHOD;
    const t = a[0]!;
    if (typeof t === 'number') return s.indexOf(String.fromCharCode(t), Math.max(0, from));
    const str = charSeq(t);
    if (str === NO_METHOD) return NO_METHOD;
    if (str === null) throw npe();
    return s.indexOf(str, Math.max(0, from));
  },
  lastIndexOf: (s: string, a: Value[]) => {
    if (a.length !== 1) return NO_METHOD;
    if (typeof a[0] === 'number') return s.lastIndexOf(String.fromCharCode(a[0]));
    const str = charSeq(a[0]!);
    if (str === NO_METHOD) return NO_METHOD;
    if (str === null) throw npe();
    return s.lastIndexOf(str);
  },
  contains: (s: string, a: Value[]) => {
    if (a.length !== 1) return NO_METHOD;
    const str = charSeq(a[0]!);
    if (str === NO_METHOD) return NO_METHOD;
    if (str === null) throw npe();
    return s.includes(str);
  },
  startsWith: (s: string, a: Value[]) => {
    if (a.length < 1 || a.length > 2) return NO_METHOD;
    const str = strParam(a[0]!);
    if (str === null) throw npe();
    const off = a.length === 2 ? toInt(a[1]!) : 0;
    if (off === NO_METHOD) return NO_METHOD;
    return off >= 0 && s.startsWith(str, off);
  },
  endsWith: (s: string, a: Value[]) => {
    if (a.length !== 1) return NO_METHOD;
    const str = strParam(a[0]!);
    if (str === null) throw npe();
    return s.endsWith(str);
  },
  concat: (s: string, a: Value[]) => {
    if (a.length !== 1) return NO_METHOD;
    const str = strParam(a[0]!);
    if (str === null) throw npe();
    return s + str;
  },
  replace: (s: string, a: Value[]) => {
    if (a.length !== 2) return NO_METHOD;
    const x = charSeq(a[0]!);
    const y = charSeq(a[1]!);
    if (x === NO_METHOD || y === NO_METHOD) return NO_METHOD;
    if (x === null || y === null) throw npe();
    if (x === '') {
      // Java inserts the replacement before every char and at the end
      let out = y;
      for (const ch of s) out += ch + y;
      return out;
    }
    return s.split(x).join(y);
  },
  replaceAll: (s: string, a: Value[]) => {
    if (a.length !== 2) return NO_METHOD;
    const [re, rep] = [strParam(a[0]!), strParam(a[1]!)];
    if (re === null || rep === null) throw npe();
    return replaceMatches(s, regexMatches(javaRegex(re, 'g').source, s, true), rep);
  },
  replaceFirst: (s: string, a: Value[]) => {
    if (a.length !== 2) return NO_METHOD;
    const [re, rep] = [strParam(a[0]!), strParam(a[1]!)];
    if (re === null || rep === null) throw npe();
    return replaceMatches(s, regexMatches(javaRegex(re).source, s, false), rep);
  },
  matches: (s: string, a: Value[]) => {
    if (a.length !== 1) return NO_METHOD;
    const re = strParam(a[0]!);
    if (re === null) throw npe();
    return regexMatches(javaRegex(`^(?:${re})$`).source, s, false).length > 0;
  },
  split: (s: string, a: Value[]) => {
    if (a.length < 1 || a.length > 2) return NO_METHOD;
    const re = strParam(a[0]!);
    if (re === null) throw npe();
    const limit = a.length === 2 ? toInt(a[1]!) : 0;
    if (limit === NO_METHOD) return NO_METHOD;
    // String.split returns a String[]; Velocity shows arrays like lists
    return javaArray(javaSplit(s, re, limit), '[Ljava.lang.String;');
  },
  repeat: (s: string, a: Value[]) => {
    const n = ints(a, 1);
    if (!n) return NO_METHOD;
    if (n[0]! < 0) throw new JavaException('java.lang.IllegalArgumentException', `count is negative: ${n[0]}`);
    if (s.length * n[0]! > MAX_STRING) throw new MethodLimit(`repeat() would build a string longer than ${MAX_STRING} characters`);
    return s.repeat(n[0]!);
  },
  format: (_s: string, a: Value[]) => {
    if (a.length < 1 || typeof a[0] !== 'string') return NO_METHOD;
    return javaFormat(a[0], a.slice(1));
  },
  chars: () => NO_METHOD,
};

// ------------------------------------------------------------------ List

function checkIndex(i: number, size: number): void {
  if (i < 0 || i >= size) {
    throw new JavaException('java.lang.IndexOutOfBoundsException', `Index ${i} out of bounds for length ${size}`);
  }
}

function indexOfValue(list: Value[], v: Value): number {
  return list.findIndex((x) => javaEquals(x, v));
}

const LIST: Record<string, Impl> = {
  size: (l: Value[], a: Value[]) => (a.length === 0 ? l.length : NO_METHOD),
  isEmpty: (l: Value[], a: Value[]) => (a.length === 0 ? l.length === 0 : NO_METHOD),
  get: (l: Value[], a: Value[]) => {
    const n = ints(a, 1);
    if (!n) return NO_METHOD;
    checkIndex(n[0]!, l.length);
    return l[n[0]!]!;
  },
  contains: (l: Value[], a: Value[]) => (a.length === 1 ? indexOfValue(l, a[0]!) >= 0 : NO_METHOD),
  indexOf: (l: Value[], a: Value[]) => (a.length === 1 ? indexOfValue(l, a[0]!) : NO_METHOD),
  lastIndexOf: (l: Value[], a: Value[]) => {
    if (a.length !== 1) return NO_METHOD;
    for (let i = l.length - 1; i >= 0; i--) if (javaEquals(l[i]!, a[0]!)) return i;
    return -1;
  },
  add: (l: Value[], a: Value[]) => {
    if (isJavaArray(l) && (a.length === 1 || a.length === 2)) throw unsupported();
    if (a.length === 1) {
      l.push(a[0]!);
      return true;
    }
    if (a.length === 2) {
      const i = toInt(a[0]!);
      if (i === NO_METHOD) return NO_METHOD;
      if (i < 0 || i > l.length) {
        throw new JavaException('java.lang.IndexOutOfBoundsException', `Index: ${i}, Size: ${l.length}`);
      }
      l.splice(i, 0, a[1]!);
      return VOID;
    }
    return NO_METHOD;
  },
  addAll: (l: Value[], a: Value[]) => {
    if (a.length !== 1) return NO_METHOD;
    if (isJavaArray(l)) throw unsupported();
    const src = a[0];
    const items = Array.isArray(src) ? [...src] : src instanceof JSet ? src.items : undefined;
    if (!items) return NO_METHOD;
    if (l.length + items.length > MAX_LIST) throw new MethodLimit(`addAll() would grow a list past ${MAX_LIST} elements`);
    for (const x of items) l.push(x);
    return items.length > 0;
  },
  set: (l: Value[], a: Value[]) => {
    if (a.length !== 2) return NO_METHOD;
    const i = toInt(a[0]!);
    if (i === NO_METHOD) return NO_METHOD;
    checkIndex(i, l.length);
    const prev = l[i]!;
    l[i] = a[1]!;
    return prev;
  },
  remove: (l: Value[], a: Value[]) => {
    if (a.length !== 1) return NO_METHOD;
    if (isJavaArray(l)) throw unsupported();
    const x = a[0]!;
    if (typeof x === 'number') {
      checkIndex(x, l.length);
      return l.splice(x, 1)[0]!;
    }
    const i = indexOfValue(l, x);
    if (i >= 0) l.splice(i, 1);
    return i >= 0;
  },
  clear: (l: Value[], a: Value[]) => {
    if (a.length) return NO_METHOD;
    if (isJavaArray(l)) throw unsupported();
    l.length = 0;
    return VOID;
  },
  subList: (l: Value[], a: Value[]) => {
    const n = ints(a, 2);
    if (!n) return NO_METHOD;
    const [from, to] = n as [number, number];
    if (from < 0) throw new JavaException('java.lang.IndexOutOfBoundsException', `fromIndex = ${from}`);
    if (to > l.length) throw new JavaException('java.lang.IndexOutOfBoundsException', `toIndex = ${to}`);
    if (from > to) throw new JavaException('java.lang.IllegalArgumentException', `fromIndex(${from}) > toIndex(${to})`);
    return l.slice(from, to);
  },
  containsAll: (l: Value[], a: Value[]) => {
    if (a.length !== 1 || !Array.isArray(a[0])) return NO_METHOD;
    return (a[0] as Value[]).every((x) => indexOfValue(l, x) >= 0);
  },
  toString: (l: Value[], a: Value[]) => (a.length === 0 ? (isJavaArray(l) ? arrayToString(l) : javaString(l)) : NO_METHOD),
  equals: (l: Value[], a: Value[]) => (a.length === 1 ? javaEquals(l, a[0]!) : NO_METHOD),
};

const SET: Record<string, Impl> = {
  // keySet(), values() and entrySet() are views: adding to them throws
  add: (_s: JSet, a: Value[]) => {
    if (a.length !== 1) return NO_METHOD;
    throw unsupported();
  },
  addAll: (_s: JSet, a: Value[]) => {
    if (a.length !== 1) return NO_METHOD;
    throw unsupported();
  },
  size: (s: JSet, a: Value[]) => (a.length === 0 ? s.items.length : NO_METHOD),
  isEmpty: (s: JSet, a: Value[]) => (a.length === 0 ? s.items.length === 0 : NO_METHOD),
  contains: (s: JSet, a: Value[]) => (a.length === 1 ? indexOfValue(s.items, a[0]!) >= 0 : NO_METHOD),
  toString: (s: JSet, a: Value[]) => (a.length === 0 ? javaString(s) : NO_METHOD),
  equals: (s: JSet, a: Value[]) => {
    if (a.length !== 1) return NO_METHOD;
    const o = a[0]!;
    // values() is the map's one cached view object: equal only to itself
    if (!s.isSet) return o === s || (o instanceof JSet && !o.isSet && o.source !== undefined && o.source === s.source);
    // Set.equals: any Set with the same elements
    return o instanceof JSet && o.isSet && o.items.length === s.items.length && o.items.every((x) => indexOfValue(s.items, x) >= 0);
  },
};

// ------------------------------------------------------------------ Map

const MAP: Record<string, Impl> = {
  get: (m: JMap, a: Value[]) => (a.length === 1 ? mapGet(m, a[0]!) : NO_METHOD),
  getOrDefault: (m: JMap, a: Value[]) => (a.length === 2 ? (mapHas(m, a[0]!) ? mapGet(m, a[0]!) : a[1]!) : NO_METHOD),
  containsKey: (m: JMap, a: Value[]) => (a.length === 1 ? mapHas(m, a[0]!) : NO_METHOD),
  containsValue: (m: JMap, a: Value[]) => (a.length === 1 ? [...m.keys.values()].some((v) => javaEquals(v, a[0]!)) : NO_METHOD),
  put: (m: JMap, a: Value[]) => (a.length === 2 ? mapPut(m, a[0]!, a[1]!) : NO_METHOD),
  putAll: (m: JMap, a: Value[]) => {
    if (a.length !== 1 || !(a[0] instanceof JMap)) return NO_METHOD;
    for (const [k, v] of mapEntries(a[0])) mapPut(m, k, v);
    return VOID;
  },
  remove: (m: JMap, a: Value[]) => (a.length === 1 ? mapRemove(m, a[0]!) : NO_METHOD),
  // Java 8 Map defaults: replace only an existing key; put only a missing one
  replace: (m: JMap, a: Value[]) => (a.length === 2 ? (mapHas(m, a[0]!) ? mapPut(m, a[0]!, a[1]!) : null) : NO_METHOD),
  putIfAbsent: (m: JMap, a: Value[]) => {
    if (a.length !== 2) return NO_METHOD;
    const cur = mapGet(m, a[0]!);
    if (cur === null) mapPut(m, a[0]!, a[1]!);
    return cur;
  },
  size: (m: JMap, a: Value[]) => (a.length === 0 ? m.keys.size : NO_METHOD),
  isEmpty: (m: JMap, a: Value[]) => (a.length === 0 ? m.keys.size === 0 : NO_METHOD),
  keySet: (m: JMap, a: Value[]) => (a.length === 0 ? new JSet(mapEntries(m).map((e) => e[0]), m) : NO_METHOD),
  values: (m: JMap, a: Value[]) => (a.length === 0 ? new JSet([...m.keys.values()], m, false) : NO_METHOD),
  entrySet: (m: JMap, a: Value[]) => (a.length === 0 ? new JSet(mapEntries(m).map(([k, v]) => new JEntry(k, v)), m) : NO_METHOD),
  clear: (m: JMap, a: Value[]) => {
    if (a.length) return NO_METHOD;
    m.keys.clear();
    m.original = undefined;
    return VOID;
  },
  toString: (m: JMap, a: Value[]) => (a.length === 0 ? javaString(m) : NO_METHOD),
  equals: (m: JMap, a: Value[]) => (a.length === 1 ? javaEquals(m, a[0]!) : NO_METHOD),
};

const ENTRY: Record<string, Impl> = {
  getKey: (e: JEntry, a: Value[]) => (a.length === 0 ? e.key : NO_METHOD),
  getValue: (e: JEntry, a: Value[]) => (a.length === 0 ? e.value : NO_METHOD),
  toString: (e: JEntry, a: Value[]) => (a.length === 0 ? javaString(e) : NO_METHOD),
};

// ------------------------------------------------------------------ Number, Boolean, Character

const NUMBER: Record<string, Impl> = {
  toString: (n: JNumber, a: Value[]) => (a.length === 0 ? javaString(n) : NO_METHOD),
  intValue: (n: JNumber, a: Value[]) => (a.length === 0 ? intValue(n) : NO_METHOD),
  longValue: (n: JNumber, a: Value[]) => (a.length === 0 ? BigInt.asIntN(64, toBigInt(n)) : NO_METHOD),
  doubleValue: (n: JNumber, a: Value[]) => (a.length === 0 ? new JDouble(toDouble(n)) : NO_METHOD),
  floatValue: (n: JNumber, a: Value[]) => (a.length === 0 ? new JDouble(Math.fround(toDouble(n))) : NO_METHOD),
  equals: (n: JNumber, a: Value[]) => (a.length === 1 ? javaEquals(n, a[0]!) : NO_METHOD),
  hashCode: (n: JNumber, a: Value[]) => (a.length === 0 && typeof n === 'number' ? n : NO_METHOD),
  compareTo: (n: JNumber, a: Value[]) => {
    if (a.length !== 1) return NO_METHOD;
    const o = a[0]!;
    if (o === null) throw npe();
    if (javaClassName(o) !== javaClassName(n)) throw classCast(o, javaClassName(n));
    return compareNumbers(n, o as JNumber);
  },
};

const BOOLEAN: Record<string, Impl> = {
  toString: (b: boolean, a: Value[]) => (a.length === 0 ? String(b) : NO_METHOD),
  booleanValue: (b: boolean, a: Value[]) => (a.length === 0 ? b : NO_METHOD),
  compareTo: (b: boolean, a: Value[]) => {
    if (a.length !== 1) return NO_METHOD;
    const o = a[0]!;
    if (o === null) throw npe();
    if (typeof o !== 'boolean') throw classCast(o, 'java.lang.Boolean');
    return b === o ? 0 : b ? 1 : -1;
  },
  equals: (b: boolean, a: Value[]) => (a.length === 1 ? a[0] === b : NO_METHOD),
};

const CHAR: Record<string, Impl> = {
  toString: (c: JChar, a: Value[]) => (a.length === 0 ? c.c : NO_METHOD),
  equals: (c: JChar, a: Value[]) => (a.length === 1 ? javaEquals(c, a[0]!) : NO_METHOD),
  charValue: (c: JChar, a: Value[]) => (a.length === 0 ? c : NO_METHOD),
  compareTo: (c: JChar, a: Value[]) => {
    if (a.length !== 1) return NO_METHOD;
    const o = a[0]!;
    if (o === null) throw npe();
    if (!(o instanceof JChar)) throw classCast(o, 'java.lang.Character');
    return c.c.charCodeAt(0) - o.c.charCodeAt(0);
  },
};

/** Every method name the table knows for any value type (for lint: unknown methods print literally). */
export function knownMethodNames(): Set<string> {
  const names = new Set<string>();
  for (const t of [STRING, LIST, SET, MAP, ENTRY, NUMBER, BOOLEAN, CHAR]) for (const k of Object.keys(t)) names.add(k);
  return names;
}

/**
 * Java arrays (String.split, getBytes) behave like lists for methods, indexes and #foreach, but a
 * property reads only an `isX()` getter (Velocity wraps arrays just for that): `$a.size` is null.
 */
const JAVA_ARRAY = Symbol('java-array');

export function javaArray(items: Value[], javaClass: string): Value[] {
  Object.defineProperty(items, JAVA_ARRAY, { value: javaClass });
  return items;
}

function isJavaArray(v: Value): boolean {
  return Array.isArray(v) && typeof (v as unknown as Record<symbol, unknown>)[JAVA_ARRAY] === 'string';
}

/** Object.toString() of a Java array, e.g. "[B@6d06d69c" (Java's hash differs per run; ours is stable). */
function arrayToString(v: Value[]): string {
  const cls = (v as unknown as Record<symbol, string>)[JAVA_ARRAY]!;
  let h = 0;
  for (let i = 0; i < cls.length; i++) h = (Math.imul(h, 31) + cls.charCodeAt(i)) | 0;
  return `${cls}@${((h ^ v.length) >>> 0).toString(16)}`;
}

function tableFor(v: Value): Record<string, Impl> | undefined {
  if (typeof v === 'string') return STRING;
  if (Array.isArray(v)) return LIST;
  if (v instanceof JMap) return MAP;
  if (typeof v === 'boolean') return BOOLEAN;
  if (isNumber(v)) return NUMBER;
  if (v instanceof JSet) return SET;
  if (v instanceof JEntry) return ENTRY;
  if (v instanceof JChar) return CHAR;
  return undefined;
}

/** An object exposing its own method table (tools, $foreach, blocks). */
export interface HasMethods {
  callMethod(name: string, args: Value[]): MethodResult | typeof NO_METHOD;
}

function hasMethods(v: unknown): v is HasMethods {
  return typeof v === 'object' && v !== null && 'callMethod' in v;
}

/** Invokes `name` on `target`; NO_METHOD when Velocity would find no such method. */
export function invokeMethod(target: Value, name: string, args: Value[]): MethodResult | typeof NO_METHOD {
  if (target === null) return NO_METHOD;
  if (hasMethods(target)) return target.callMethod(name, args);
  const table = tableFor(target);
  if (!table || !Object.hasOwn(table, name)) return NO_METHOD;
  return table[name]!(target as never, args);
}

/**
 * Velocity's property lookup `$x.name`: getName()/getname(), then Map.get("name"), then
 * get("name"), then isName().
 */
/**
 * Whether `$map.name` on a Java map is a plain map lookup (no getter of that name exists), the
 * case of nearly every property in real templates; cached per name.
 */
export function isPlainMapProperty(name: string): boolean {
  let v = plainMapProps.get(name);
  if (v === undefined) {
    v = getterImpls(MAP, name, propertyNames(name)).length === 0;
    if (plainMapProps.size < 10_000) plainMapProps.set(name, v);
  }
  return v;
}
const plainMapProps = new Map<string, boolean>();

export function getProperty(target: Value, name: string): MethodResult | typeof NO_METHOD {
  if (target === null) return NO_METHOD;
  const names = propertyNames(name);
  const table = tableFor(target);
  if (isJavaArray(target)) return Object.hasOwn(LIST, names.is) ? LIST[names.is]!(target as never, EMPTY) : NO_METHOD;
  if (table) {
    // fast path for the built-in types: the getters this table has for the name, cached
    for (const impl of getterImpls(table, name, names)) {
      const r = impl(target as never, EMPTY);
      if (r !== NO_METHOD) return r;
    }
    if (target instanceof JMap) return mapGet(target, name);
    // GetExecutor looks for get(String) without argument conversion: List.get(int) never matches
    return Object.hasOwn(table, names.is) ? table[names.is]!(target as never, EMPTY) : NO_METHOD;
  }
  for (const m of names.getters) {
    const r = invokeMethod(target, m, EMPTY);
    if (r !== NO_METHOD) return r;
  }
  const g = invokeMethod(target, 'get', [name]);
  if (g !== NO_METHOD) return g;
  return invokeMethod(target, names.is, EMPTY);
}

const EMPTY: Value[] = [];

const getterCache = new Map<Record<string, Impl>, Map<string, Impl[]>>();

function getterImpls(table: Record<string, Impl>, name: string, names: PropertyNames): Impl[] {
  let byName = getterCache.get(table);
  if (!byName) getterCache.set(table, (byName = new Map()));
  let impls = byName.get(name);
  if (!impls) {
    impls = names.getters.filter((m) => Object.hasOwn(table, m)).map((m) => table[m]!);
    if (byName.size < 10_000) byName.set(name, impls);
  }
  return impls;
}

interface PropertyNames {
  /** PropertyExecutor's order: getname(), getName() (first letter case flipped), then name(). */
  getters: string[];
  is: string;
}
const propertyCache = new Map<string, PropertyNames>();

function propertyNames(name: string): PropertyNames {
  let p = propertyCache.get(name);
  if (!p) {
    const first = name.charAt(0);
    const flippedFirst = first === first.toUpperCase() ? first.toLowerCase() : first.toUpperCase();
    p = {
      getters: ['get' + name, 'get' + flippedFirst + name.slice(1), name],
      is: 'is' + first.toUpperCase() + name.slice(1),
    };
    if (propertyCache.size < 10_000) propertyCache.set(name, p);
  }
  return p;
}

export { asNumber };
