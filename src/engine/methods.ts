/**
 * The explicit method table: every method a template may call on a value. Nothing outside these
 * tables is ever invoked, which is what keeps templates away from JavaScript internals. A method
 * that is not listed resolves to "no such method", as in Velocity (the reference prints as
 * written). One table per Java class lives in methods/; each entry is a Java method with Java's
 * overloads (by argument count and type) and Velocity's argument conversions (methods/core.ts).
 *
 * A method implementation returns a Value, VOID for Java void methods (Velocity renders ""), or
 * throws JavaException when the Java method would throw (a render error in Velocity).
 */
import { javaEquals, mapGet } from './java.js';
import { JBigDecimal, JBigInteger, JChar, JDouble, JEntry, JMap, JSet, type Value } from './values.js';
import { NO_METHOD, classCast, npe, type Impl, type MethodResult, type Table } from './methods/core.js';
import { isJavaArray } from './methods/arrays.js';
import { javaClassOf } from './methods/klass.js';
import { BOOLEAN, DOUBLE, INTEGER, LONG } from './methods/number.js';
import { BIGINTEGER } from './methods/big.js';
import { BIGDECIMAL } from './methods/bigdecimal.js';
import { STRING } from './methods/string.js';
import { LIST } from './methods/list.js';
import { ENTRY, MAP, SET } from './methods/map.js';

export { JavaException, NO_METHOD, VOID, type MethodResult } from './methods/core.js';
export { javaArray } from './methods/arrays.js';
export { readOnlyList } from './methods/arrays.js';
export { listChanges, listModCount } from './methods/list.js';
export { MethodLimit, setRegexDeadline } from './regex.js';

const CHAR: Table = {
  toString: (c: JChar, a: Value[]) => (a.length === 0 ? c.c : NO_METHOD),
  equals: (c: JChar, a: Value[]) => (a.length === 1 ? javaEquals(c, a[0]!) : NO_METHOD),
  charValue: (c: JChar, a: Value[]) => (a.length === 0 ? c : NO_METHOD),
  hashCode: (c: JChar, a: Value[]) => (a.length === 0 ? c.c.charCodeAt(0) : NO_METHOD),
  compareTo: (c: JChar, a: Value[]) => {
    if (a.length !== 1) return NO_METHOD;
    const o = a[0]!;
    if (o === null) throw npe();
    if (!(o instanceof JChar)) throw classCast(o, 'java.lang.Character');
    return c.c.charCodeAt(0) - o.c.charCodeAt(0);
  },
};

/** A char or int (code point) parameter of Character's statics. */
function codePoint(a: Value[]): number | undefined {
  if (a.length !== 1) return undefined;
  const v = a[0]!;
  if (v instanceof JChar) return v.c.charCodeAt(0);
  return typeof v === 'number' ? v : undefined;
}
function charTest(re: RegExp): Impl {
  return (_c: JChar, a: Value[]) => {
    const cp = codePoint(a);
    if (cp === undefined) return NO_METHOD;
    return cp >= 0 && cp <= 0x10ffff && re.test(String.fromCodePoint(cp));
  };
}
function charMap(upper: boolean): Impl {
  return (_c: JChar, a: Value[]) => {
    const cp = codePoint(a);
    if (cp === undefined || cp < 0 || cp > 0x10ffff) return NO_METHOD;
    const s = String.fromCodePoint(cp);
    const m = upper ? s.toUpperCase() : s.toLowerCase();
    const r = [...m].length === 1 ? m : s;
    return a[0] instanceof JChar ? new JChar(r) : r.codePointAt(0)!;
  };
}
Object.assign(CHAR, {
  isLetter: charTest(/^\p{L}$/u),
  isDigit: charTest(/^\p{Nd}$/u),
  isLetterOrDigit: charTest(/^[\p{L}\p{Nd}]$/u),
  isAlphabetic: charTest(/^\p{Alphabetic}$/u),
  isUpperCase: charTest(/^\p{Uppercase}$/u),
  isLowerCase: charTest(/^\p{Lowercase}$/u),
  isWhitespace: charTest(/^[\t\n\u000B\f\r\u001C-\u001F \u1680\u2000-\u2006\u2008-\u200A\u2028\u2029\u205F\u3000]$/),
  isSpaceChar: charTest(/^\p{Z}$/u),
  toUpperCase: charMap(true),
  toLowerCase: charMap(false),
  getNumericValue: (_c: JChar, a: Value[]) => {
    const cp = codePoint(a);
    if (cp === undefined) return NO_METHOD;
    const ch = cp >= 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : '';
    if (/^[0-9]$/.test(ch)) return Number(ch);
    if (/^[a-zA-Z]$/.test(ch)) return parseInt(ch, 36);
    return -1;
  },
  valueOf: (_c: JChar, a: Value[]) => (a.length === 1 && a[0] instanceof JChar ? a[0] : NO_METHOD),
  toString: (c: JChar, a: Value[]) => (a.length === 0 ? c.c : a.length === 1 && a[0] instanceof JChar ? a[0].c : NO_METHOD),
});

const TABLES = [STRING, LIST, SET, MAP, ENTRY, INTEGER, LONG, DOUBLE, BIGINTEGER, BIGDECIMAL, BOOLEAN, CHAR];

/** Every method name the table knows for any value type (for lint: unknown methods print literally). */
export function knownMethodNames(): Set<string> {
  const names = new Set<string>();
  for (const t of TABLES) for (const k of Object.keys(t)) names.add(k);
  names.add('getClass');
  return names;
}

function tableFor(v: Value): Record<string, Impl> | undefined {
  if (typeof v === 'string') return STRING;
  if (Array.isArray(v)) return LIST;
  if (v instanceof JMap) return MAP;
  if (typeof v === 'boolean') return BOOLEAN;
  if (typeof v === 'number') return INTEGER;
  if (typeof v === 'bigint') return LONG;
  if (v instanceof JDouble) return DOUBLE;
  if (v instanceof JBigInteger) return BIGINTEGER;
  if (v instanceof JBigDecimal) return BIGDECIMAL;
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
  // Object.getClass(): a stand-in that gives only the class's names (methods/klass.ts)
  if (name === 'getClass' && args.length === 0) return javaClassOf(target);
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
    v = getterImpls(MAP, name, propertyNames(name)).length === 0 && !propertyNames(name).getters.includes('getClass');
    if (plainMapProps.size < 10_000) plainMapProps.set(name, v);
  }
  return v;
}
const plainMapProps = new Map<string, boolean>();

export function getProperty(target: Value, name: string): MethodResult | typeof NO_METHOD {
  if (target === null) return NO_METHOD;
  const names = propertyNames(name);
  if (names.getters.includes('getClass')) return javaClassOf(target);
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

