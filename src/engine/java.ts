/**
 * Java object behaviour for template values: toString(), equals(), map keys, and Velocity's
 * DuckType coercions (asString / asBoolean with the 2.x empty check / asNumber).
 */
import { chargeMemory, chargeWork } from './budget.js';
import {
  bdFromString,
  bdToString,
  intValue,
  isNumber,
  isZero,
  javaDouble,
  javaFloat,
  numberToString,
  type JNumber,
} from './numbers.js';
import {
  JBigDecimal,
  JBigInteger,
  JChar,
  JDouble,
  JEntry,
  JFloat,
  JMap,
  JObject,
  JSet,
  type MapKey,
  type Value,
} from './values.js';

/** An object with its own Java toString (tools, $foreach, blocks). */
export interface Stringable {
  javaToString(): string;
}

/** Java's toString() of a value (null gives "null"). */
export function javaString(v: Value, seen?: Set<unknown>): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'string':
      return v;
    case 'boolean':
      return v ? 'true' : 'false';
    case 'number':
      return String(v);
    case 'bigint':
      return v.toString();
  }
  if (v instanceof JDouble) return v instanceof JFloat ? javaFloat(v.v) : javaDouble(v.v);
  if (v instanceof JBigDecimal) return bdToString(v);
  if (v instanceof JBigInteger) return v.v.toString();
  if (v instanceof JChar) return v.c;
  if (Array.isArray(v)) return collectionString(v, v, seen);
  if (v instanceof JSet) return collectionString(v.items, v, seen);
  if (v instanceof JMap) {
    chargeWork(v.keys.size);
    const s = seen ?? new Set();
    s.add(v);
    const parts: string[] = [];
    let length = 2;
    for (const [k, val] of v.keys) {
      const key = v.original?.get(k) ?? k;
      const part =
        (key === v ? '(this Map)' : javaString(key as Value, s)) +
        '=' +
        (val === v ? '(this Map)' : javaString(val, s));
      parts.push(part);
      length += part.length + 2;
    }
    s.delete(v);
    // counted before the text is joined: a map of large values must not exhaust memory
    chargeMemory(length);
    return '{' + parts.join(', ') + '}';
  }
  if (v instanceof JEntry) return javaString(v.key, seen) + '=' + javaString(v.value, seen);
  if (v instanceof JObject) {
    if ('javaToString' in v) return (v as unknown as Stringable).javaToString();
    // Object.toString(): class@identityHash. Java's hash differs per run; ours is stable.
    return `${v.javaClass}@${(hashString(v.javaClass) >>> 0).toString(16)}`;
  }
  return String(v);
}

function hashString(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

function collectionString(items: Value[], self: unknown, seen?: Set<unknown>): string {
  chargeWork(items.length);
  const s = seen ?? new Set();
  s.add(self);
  const out: string[] = new Array(items.length);
  let length = 2;
  for (let i = 0; i < items.length; i++) {
    const x = items[i]!;
    const t = x === self ? '(this Collection)' : javaString(x, s);
    out[i] = t;
    length += t.length + 2;
  }
  s.delete(self);
  // counted before the text is joined: 50 copies of a large string must not exhaust memory
  chargeMemory(length);
  return '[' + out.join(', ') + ']';
}

/** Java's getClass().getName() of a value, for messages. */
export function javaClassName(v: Value): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'string':
      return 'java.lang.String';
    case 'boolean':
      return 'java.lang.Boolean';
    case 'number':
      return 'java.lang.Integer';
    case 'bigint':
      return 'java.lang.Long';
  }
  if (v instanceof JDouble) return v instanceof JFloat ? 'java.lang.Float' : 'java.lang.Double';
  if (v instanceof JBigDecimal) return 'java.math.BigDecimal';
  if (v instanceof JBigInteger) return 'java.math.BigInteger';
  if (v instanceof JChar) return 'java.lang.Character';
  if (Array.isArray(v)) return 'java.util.ArrayList';
  if (v instanceof JMap) return 'java.util.LinkedHashMap';
  if (v instanceof JSet) return 'java.util.LinkedHashMap$LinkedKeySet';
  if (v instanceof JEntry) return 'java.util.LinkedHashMap$Entry';
  if (v instanceof JObject) return v.javaClass;
  return 'java.lang.Object';
}

/** Java equals(): same type and same value; collections element-wise. */
export function javaEquals(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  // Double.equals compares bits: -0.0 differs from 0.0, NaN equals NaN
  if (a instanceof JDouble) return b instanceof JDouble && Object.is(a.v, b.v);
  if (a instanceof JBigInteger) return b instanceof JBigInteger && a.v === b.v;
  if (a instanceof JBigDecimal) return b instanceof JBigDecimal && a.unscaled === b.unscaled && a.scale === b.scale;
  if (a instanceof JChar) return b instanceof JChar && a.c === b.c;
  if (Array.isArray(a)) {
    const bi = Array.isArray(b) ? b : undefined;
    if (!bi || bi.length !== a.length) return false;
    chargeWork(a.length);
    return a.every((x, i) => javaEquals(x, bi[i]!));
  }
  if (a instanceof JMap) {
    if (!(b instanceof JMap) || a.keys.size !== b.keys.size) return false;
    chargeWork(a.keys.size);
    for (const [k, v] of a.keys) {
      if (!b.keys.has(k) || !javaEquals(v, b.keys.get(k)!)) return false;
    }
    return true;
  }
  if (a instanceof JEntry) return b instanceof JEntry && javaEquals(a.key, b.key) && javaEquals(a.value, b.value);
  return false;
}

/** The lookup key of a Java map key: equal Java keys give the same MapKey. */
export function mapKey(v: Value): MapKey {
  if (v === null || typeof v !== 'object') return v as MapKey;
  if (v instanceof JDouble) return 'D\u0000' + javaDouble(v.v);
  if (v instanceof JBigInteger) return 'I\u0000' + v.v.toString();
  if (v instanceof JBigDecimal) return 'B\u0000' + v.unscaled + '/' + v.scale;
  if (v instanceof JChar) return 'C\u0000' + v.c;
  return 'O\u0000' + javaString(v);
}

export function mapGet(m: JMap, k: Value): Value {
  const v = m.keys.get(mapKey(k));
  return v === undefined ? null : v;
}

export function mapHas(m: JMap, k: Value): boolean {
  return m.keys.has(mapKey(k));
}

/** put(); returns the previous value (null when none). */
export function mapPut(m: JMap, k: Value, v: Value): Value {
  const key = mapKey(k);
  const prev = m.keys.get(key);
  m.keys.set(key, v);
  if (key !== k) (m.original ??= new Map()).set(key, k);
  return prev === undefined ? null : prev;
}

export function mapRemove(m: JMap, k: Value): Value {
  const key = mapKey(k);
  const prev = m.keys.get(key);
  m.keys.delete(key);
  m.original?.delete(key);
  return prev === undefined ? null : prev;
}

export function mapEntries(m: JMap): [Value, Value][] {
  const out: [Value, Value][] = [];
  for (const [k, v] of m.keys) out.push([(m.original?.get(k) ?? k) as Value, v]);
  return out;
}

// ------------------------------------------------------------------ DuckType

/** Velocity's #if truth: null/false are false; empty strings, collections and zero too. */
export function asBoolean(v: Value): boolean {
  if (v === null) return false;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') return v.length > 0;
  if (isNumber(v)) return !isZero(v);
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof JMap) return v.keys.size > 0;
  if (v instanceof JSet) return v.items.length > 0;
  if (v instanceof JObject && 'javaAsBoolean' in v) {
    return (v as unknown as { javaAsBoolean(): boolean }).javaAsBoolean();
  }
  return true;
}

/**
 * DuckType.asNumber: numbers as they are, anything else through new BigDecimal(toString());
 * undefined when that is not a number.
 */
export function asNumber(v: Value): JNumber | undefined {
  if (v === null) return undefined;
  if (isNumber(v)) return v;
  // the text of a collection or entry ("[...]", "{...}", "k=v") is never a number
  if (Array.isArray(v) || v instanceof JMap || v instanceof JSet || v instanceof JEntry) return undefined;
  const s = javaString(v);
  chargeWork(s.length);
  return bdFromString(s);
}

export { intValue, numberToString };
