/** java.lang.String: every public method, static ones through an instance, with Java's overloads. */
import { chargeMemory, chargeWork } from '../budget.js';
import { javaString } from '../java.js';
import { javaFormat } from '../format.js';
import { MethodLimit, javaMatches, javaRegex, javaSplit, replaceMatches } from '../regex.js';
import { JChar, JMap, JSet, type Value } from '../values.js';
import { JavaException, NO_METHOD, VOID, charSeq, classCast, ints, npe, nullFunction, outOfBounds, strParam, toInt, type Table } from './core.js';
import { arrayClass, isJavaArray, javaArray } from './arrays.js';
import { stringHash } from './hash.js';
import { EXTRA } from './string-extra.js';
import {
  JAVA_WS_END,
  JAVA_WS_START,
  JOptional,
  JStream,
  MAX_STRING,
  built,
  checkLength,
  compareIgnoreCase,
  compareStrings,
  equalsIgnoreCase,
  fromCodePoint,
  javaLines,
  touch,
} from './text.js';

const isJavaWs = (c: string) => c <= ' ';

/** A char[] (toCharArray) as a String, for valueOf / copyValueOf. */
function charArrayText(v: Value, a: Value[]): string | typeof NO_METHOD {
  if (arrayClass(v) !== '[C') return NO_METHOD;
  const chars = (v as Value[]).map((c) => (c as JChar).c);
  if (a.length === 0) return chars.join('');
  const r = ints(a, 2);
  if (!r) return NO_METHOD;
  const [off, count] = r as [number, number];
  if (off < 0 || count < 0 || off + count > chars.length) {
    throw outOfBounds(`offset ${off}, count ${count}, length ${chars.length}`);
  }
  return chars.slice(off, off + count).join('');
}

/** indexOf / lastIndexOf target: a code point (int) or a String. */
function target(v: Value): string | null | typeof NO_METHOD {
  if (typeof v === 'number') return fromCodePoint(v) ?? '\u{FFFFF}\u0000';
  if (v instanceof JChar) return v.c;
  // a map or a collection fits only the String overload, as its toString() (a Boolean, a Double
  // or a BigInteger would fit the int one as well: Velocity finds no method for those)
  if (v instanceof JMap || v instanceof JSet || (Array.isArray(v) && !isJavaArray(v))) return javaString(v);
  return charSeq(v);
}

/**
 * indexOf / lastIndexOf with two arguments whose index is not an int as it stands (a String, a
 * Double, a Boolean, a Long): both overloads, (int, int) and (String, int), then need a conversion,
 * and when the first argument converts to an int as well, Velocity finds them equally good and
 * calls neither (`$s.indexOf("l", "2")` prints as written). A first argument that fits only the
 * String overload (a list, a map, null) leaves no choice.
 */
function ambiguousFrom(a: Value[]): boolean {
  if (a.length !== 2) return false;
  const from = a[1]!;
  if (typeof from === 'number' || from instanceof JChar) return false;
  const first = a[0]!;
  return typeof first === 'string' || typeof first === 'number' || first instanceof JChar;
}

function checkRange(b: number, e: number, len: number): void {
  if (b < 0 || e > len || b > e) throw outOfBounds(`begin ${b}, end ${e}, length ${len}`);
}

export const STRING: Table = {
  ...EXTRA,
  length: (s: string, a: Value[]) => (a.length === 0 ? s.length : NO_METHOD),
  isEmpty: (s: string, a: Value[]) => (a.length === 0 ? s.length === 0 : NO_METHOD),
  isBlank: (s: string, a: Value[]) => (a.length === 0 ? (touch(s.length), s.replace(JAVA_WS_START, '') === '') : NO_METHOD),
  toString: (s: string, a: Value[]) => (a.length === 0 ? s : NO_METHOD),
  intern: (s: string, a: Value[]) => (a.length === 0 ? s : NO_METHOD),
  toUpperCase: (s: string, a: Value[]) => caseMap(s, a, true),
  toLowerCase: (s: string, a: Value[]) => caseMap(s, a, false),
  trim: (s: string, a: Value[]) => {
    if (a.length) return NO_METHOD;
    touch(s.length);
    let i = 0;
    let j = s.length;
    while (i < j && isJavaWs(s[i]!)) i++;
    while (j > i && isJavaWs(s[j - 1]!)) j--;
    return s.slice(i, j);
  },
  strip: (s: string, a: Value[]) => (a.length === 0 ? (touch(s.length), s.replace(JAVA_WS_START, '').replace(JAVA_WS_END, '')) : NO_METHOD),
  stripLeading: (s: string, a: Value[]) => (a.length === 0 ? (touch(s.length), s.replace(JAVA_WS_START, '')) : NO_METHOD),
  stripTrailing: (s: string, a: Value[]) => (a.length === 0 ? (touch(s.length), s.replace(JAVA_WS_END, '')) : NO_METHOD),
  // static methods Velocity lets a template call through an instance
  // with no argument, valueOf(char[]) and copyValueOf(char[]) take an empty array: Velocity fills
  // a missing last array parameter with one, as for varargs
  valueOf: (_s: string, a: Value[]) => {
    if (a.length === 0) return '';
    const t = charArrayText(a[0]!, a.slice(1));
    if (t !== NO_METHOD) return built(t);
    return a.length === 1 ? javaString(a[0]!) : NO_METHOD;
  },
  copyValueOf: (_s: string, a: Value[]) => (a.length === 0 ? '' : charArrayText(a[0]!, a.slice(1))),
  join: (_s: string, a: Value[]) => {
    if (a.length < 1) return NO_METHOD;
    const delim = charSeq(a[0]!);
    if (delim === NO_METHOD) return NO_METHOD;
    // one null after the delimiter is the elements array (or Iterable) itself, not an element
    if (a.length === 2 && a[1] === null) throw npe();
    const it = a.length === 2 && (Array.isArray(a[1]) || a[1] instanceof JSet) ? (Array.isArray(a[1]) ? a[1] : (a[1] as JSet).items) : undefined;
    const items = it ?? a.slice(1);
    if (!it && items.some((x) => x !== null && typeof x !== 'string')) return NO_METHOD;
    if (delim === null) throw npe();
    touch(items.length);
    const parts = items.map((x) => {
      if (x !== null && typeof x !== 'string') throw classCast(x, 'java.lang.CharSequence');
      return x === null ? 'null' : x;
    });
    const total = parts.reduce((n, p) => n + p.length + delim.length, 0);
    checkLength(total, 'join()');
    return built(parts.join(delim));
  },
  hashCode: (s: string, a: Value[]) => (a.length === 0 ? stringHash(s) : NO_METHOD),
  equals: (s: string, a: Value[]) => (a.length === 1 ? typeof a[0] === 'string' && (touch(s.length), a[0] === s) : NO_METHOD),
  equalsIgnoreCase: (s: string, a: Value[]) => {
    if (a.length !== 1) return NO_METHOD;
    const o = strParam(a[0]!);
    return o !== null && equalsIgnoreCase(s, o);
  },
  contentEquals: (s: string, a: Value[]) => {
    if (a.length !== 1) return NO_METHOD;
    // null fits both contentEquals(CharSequence) and (StringBuffer): Velocity finds neither
    const o = a[0]!;
    return typeof o === 'string' ? o === s : NO_METHOD;
  },
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
    return compareIgnoreCase(s, o);
  },
  charAt: (s: string, a: Value[]) => {
    const n = ints(a, 1);
    if (!n) return NO_METHOD;
    const i = n[0]!;
    if (i < 0 || i >= s.length) throw outOfBounds(`index ${i}, length ${s.length}`);
    return new JChar(s[i]!);
  },
  substring: (s: string, a: Value[]) => {
    const n = ints(a, a.length);
    if (!n || (n.length !== 1 && n.length !== 2)) return NO_METHOD;
    const b = n[0]!;
    const e = n.length === 2 ? n[1]! : s.length;
    checkRange(b, e, s.length);
    return s.slice(b, e);
  },
  subSequence: (s: string, a: Value[]) => {
    const n = ints(a, 2);
    if (!n) return NO_METHOD;
    checkRange(n[0]!, n[1]!, s.length);
    return s.slice(n[0]!, n[1]!);
  },
  indexOf: (s: string, a: Value[]) => {
    if (a.length < 1 || a.length > 2 || ambiguousFrom(a)) return NO_METHOD;
    const from = a.length === 2 ? toInt(a[1]!) : 0;
    if (from === NO_METHOD) return NO_METHOD;
    const t = target(a[0]!);
    if (t === NO_METHOD) return NO_METHOD;
    if (t === null) throw npe();
    touch(s.length);
    return s.indexOf(t, Math.max(0, from));
  },
  lastIndexOf: (s: string, a: Value[]) => {
    if (a.length < 1 || a.length > 2 || ambiguousFrom(a)) return NO_METHOD;
    const from = a.length === 2 ? toInt(a[1]!) : s.length;
    if (from === NO_METHOD) return NO_METHOD;
    const t = target(a[0]!);
    if (t === NO_METHOD) return NO_METHOD;
    if (t === null) throw npe();
    // Java: a negative fromIndex finds nothing (JavaScript would clamp it to 0)
    if (from < 0) return -1;
    touch(s.length);
    return s.lastIndexOf(t, from);
  },
  contains: (s: string, a: Value[]) => {
    if (a.length !== 1) return NO_METHOD;
    const str = charSeq(a[0]!);
    if (str === NO_METHOD) return NO_METHOD;
    if (str === null) throw npe();
    touch(s.length);
    return s.includes(str);
  },
  startsWith: (s: string, a: Value[]) => {
    if (a.length < 1 || a.length > 2) return NO_METHOD;
    const str = strParam(a[0]!);
    if (str === null) throw npe();
    const off = a.length === 2 ? toInt(a[1]!) : 0;
    if (off === NO_METHOD) return NO_METHOD;
    return off >= 0 && off <= s.length - str.length && s.startsWith(str, off);
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
    checkLength(s.length + str.length, 'concat()');
    return built(s + str);
  },
  replace: (s: string, a: Value[]) => {
    if (a.length !== 2) return NO_METHOD;
    if (a[0] instanceof JChar && a[1] instanceof JChar) {
      touch(s.length);
      return s.split(a[0].c).join(a[1].c);
    }
    const x = charSeq(a[0]!);
    const y = charSeq(a[1]!);
    if (x === NO_METHOD || y === NO_METHOD) return NO_METHOD;
    if (x === null || y === null) throw npe();
    touch(s.length);
    if (x === '') {
      // Java inserts the replacement before every char and at the end
      checkLength(s.length + (s.length + 1) * y.length, 'replace()');
      return built(y + s.split('').join(y) + (s.length ? y : ''));
    }
    const parts = s.split(x);
    checkLength(s.length + (parts.length - 1) * y.length, 'replace()');
    return built(parts.join(y));
  },
  replaceAll: (s: string, a: Value[]) => {
    if (a.length !== 2) return NO_METHOD;
    const [re, rep] = [strParam(a[0]!), strParam(a[1]!)];
    if (re === null || rep === null) throw npe();
    const rx = javaRegex(re, 'g');
    return built(replaceMatches(s, javaMatches(rx, s, true), rep, rx));
  },
  replaceFirst: (s: string, a: Value[]) => {
    if (a.length !== 2) return NO_METHOD;
    const [re, rep] = [strParam(a[0]!), strParam(a[1]!)];
    if (re === null || rep === null) throw npe();
    const rx = javaRegex(re);
    return built(replaceMatches(s, javaMatches(rx, s, false), rep, rx));
  },
  matches: (s: string, a: Value[]) => {
    if (a.length !== 1) return NO_METHOD;
    const re = strParam(a[0]!);
    if (re === null) throw npe();
    const rx = javaRegex(re, '', true);
    return javaMatches(rx, s, false).length > 0;
  },
  split: (s: string, a: Value[]) => {
    if (a.length < 1 || a.length > 2) return NO_METHOD;
    const re = strParam(a[0]!);
    if (re === null) throw npe();
    const limit = a.length === 2 ? toInt(a[1]!) : 0;
    if (limit === NO_METHOD) return NO_METHOD;
    const parts = javaSplit(s, re, limit);
    chargeWork(parts.length);
    chargeMemory(parts.length);
    // String.split returns a String[]; Velocity shows arrays like lists
    return javaArray(parts, '[Ljava.lang.String;');
  },
  repeat: (s: string, a: Value[]) => {
    const n = ints(a, 1);
    if (!n) return NO_METHOD;
    if (n[0]! < 0) throw new JavaException('java.lang.IllegalArgumentException', `count is negative: ${n[0]}`);
    if (s.length * n[0]! > MAX_STRING) throw new MethodLimit(`repeat() would build a string longer than ${MAX_STRING} characters`);
    return built(s.repeat(n[0]!));
  },
  format: (_s: string, a: Value[]) => {
    // the format is a String parameter: any other value is its toString(), as Velocity converts it
    if (a.length < 1 || a[0] === null) return NO_METHOD;
    return built(javaFormat(strParam(a[0]!)!, a.slice(1)));
  },
  formatted: (s: string, a: Value[]) => built(javaFormat(s, a)),
  describeConstable: (s: string, a: Value[]) => (a.length === 0 ? new JOptional(s) : NO_METHOD),
  // resolveConstantDesc(Lookup): a String is its own constant (only null can be passed)
  resolveConstantDesc: (s: string, a: Value[]) => (a.length === 1 && a[0] === null ? s : NO_METHOD),
  transform: (_s: string, a: Value[]) => nullFunction(a),
  // CharSequence.compare, a static method of the interface, through a String
  compare: (_s: string, a: Value[]) => {
    if (a.length !== 2) return NO_METHOD;
    const x = charSeq(a[0]!);
    const y = charSeq(a[1]!);
    if (x === NO_METHOD || y === NO_METHOD) return NO_METHOD;
    if (x === null || y === null) throw npe();
    return compareStrings(x, y);
  },
  // getChars(srcBegin, srcEnd, char[] dst, dstBegin): copies into a char[] of toCharArray()
  getChars: (s: string, a: Value[]) => {
    if (a.length !== 4) return NO_METHOD;
    const r = ints([a[0]!, a[1]!, a[3]!], 3);
    const dst = a[2]!;
    if (!r || (dst !== null && arrayClass(dst) !== '[C')) return NO_METHOD;
    const [begin, end, at] = r as [number, number, number];
    checkRange(begin, end, s.length);
    if (dst === null) throw new JavaException('java.lang.NullPointerException', 'Cannot read the array length because "dst" is null');
    const out = dst as Value[];
    if (at < 0 || at + end - begin > out.length) throw outOfBounds(`offset ${at}, count ${end - begin}, length ${out.length}`);
    chargeWork(end - begin);
    for (let i = begin; i < end; i++) out[at + i - begin] = new JChar(s[i]!);
    return VOID;
  },
  lines: (s: string, a: Value[]) => (a.length === 0 ? new JStream(javaLines(s), false) : NO_METHOD),
  chars: (s: string, a: Value[]) => {
    if (a.length) return NO_METHOD;
    touch(s.length);
    const out: Value[] = new Array(s.length);
    for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
    return new JStream(out, true);
  },
  codePoints: (s: string, a: Value[]) => (a.length === 0 ? (touch(s.length), new JStream([...s].map((c) => c.codePointAt(0)!), true)) : NO_METHOD),
  toCharArray: (s: string, a: Value[]) => {
    if (a.length) return NO_METHOD;
    touch(s.length);
    chargeMemory(s.length);
    const out: Value[] = new Array(s.length);
    for (let i = 0; i < s.length; i++) out[i] = new JChar(s[i]!);
    return javaArray(out, '[C');
  },
};

function caseMap(s: string, a: Value[], upper: boolean): Value | typeof NO_METHOD {
  if (a.length > 1) return NO_METHOD;
  if (a.length === 1 && a[0] !== null && typeof a[0] !== 'string') return NO_METHOD;
  // a String argument becomes a Locale, as Velocity converts it (null gives null: Java throws)
  const language = a.length === 0 ? '' : localeLanguage(a[0] as string | null);
  touch(s.length);
  // Java's case mappings depend on the language only for Turkish, Azerbaijani and Lithuanian
  const tag = language === 'tr' || language === 'az' || language === 'lt' ? language : undefined;
  if (tag === undefined) return built(upper ? s.toUpperCase() : s.toLowerCase());
  return built(upper ? s.toLocaleUpperCase(tag) : s.toLocaleLowerCase(tag));
}

const JAVA_LOWER = /^\p{Lowercase}+$/u;
const JAVA_UPPER = /^\p{Uppercase}+$/u;
const JAVA_DIGITS = /^\p{Nd}+$/u;
const isLanguage = (t: string) => (t.length === 2 || t.length === 3) && JAVA_LOWER.test(t);
const isCountry = (t: string) => t.length === 2 && JAVA_UPPER.test(t);
const isArea = (t: string) => t.length === 3 && JAVA_DIGITS.test(t);

/**
 * The language of the Locale Velocity's conversion handler makes of a String (commons-lang3
 * 3.18's LocaleUtils.toLocale: `tr`, `en_US`, `en-US`, `_US`, `tr__POSIX`, `de_419`), lower-cased
 * as java.util.Locale keeps it; anything else is Java's IllegalArgumentException.
 */
function localeLanguage(str: string | null): string {
  if (str === null) throw npe();
  if (str === '') return '';
  const invalid = () => new JavaException('java.lang.IllegalArgumentException', `Invalid locale format: ${str}`);
  if (str.includes('#') || str.length < 2) throw invalid();
  const ch0 = str[0]!;
  if (ch0 === '_' || ch0 === '-') {
    if (str.length < 3 || !isCountry(str.slice(1, 3))) throw invalid();
    if (str.length === 3) return '';
    if (str.length < 5 || str[3] !== ch0) throw invalid();
    return '';
  }
  if (isLanguage(str)) return str.toLowerCase();
  const sep = str.includes('_') ? '_' : '-';
  // Java's split(sep, 3): at most three segments, the last one holding the rest
  const parts = str.split(sep);
  const segments = parts.length <= 3 ? parts : [parts[0]!, parts[1]!, parts.slice(2).join(sep)];
  const language = segments[0]!;
  if (segments.length === 2) {
    // (sic) commons-lang3 3.18 takes a numeric area with any first segment
    if ((isLanguage(language) && isCountry(segments[1]!)) || isArea(segments[1]!)) return language.toLowerCase();
  } else if (segments.length === 3) {
    const country = segments[1]!;
    if (isLanguage(language) && (country === '' || isCountry(country) || isArea(country)) && segments[2] !== '') return language.toLowerCase();
  }
  throw invalid();
}
