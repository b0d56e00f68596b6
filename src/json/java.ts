/**
 * Converting an already-parsed JavaScript value to the Java value model. Used where a value did
 * not come from JSON text (a payload built in code, an object in a config file), so the exact
 * literal is lost: an integral number becomes an Integer or Long, any other number a Double.
 */
import { DataError } from '../errors.js';
import { MAX_BITS } from '../engine/numbers.js';
import { JBigDecimal, JBigInteger, JChar, JDouble, JEntry, JMap, JObject, JSet, type Value } from '../engine/values.js';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** Nesting deeper than JSON text may have (Jackson's 1000) is refused: it also catches cycles. */
const MAX_DEPTH = 1000;
const BIG = 1n << BigInt(MAX_BITS);

/** Convert a plain JS value to a Java value; values already in the Java model pass through. */
export function toJava(value: unknown, depth = 0): Value {
  return convert(value, depth, ownKeysOnly());
}

/**
 * Whether `for...in` over a plain object gives its own keys only, as Object.keys does: unless
 * something made a property of Object.prototype enumerable (then each key is checked). `for...in`
 * reads a plain object's values through V8's enumeration cache, without a lookup of each key.
 */
function ownKeysOnly(): boolean {
  for (const _ in Object.prototype) return false;
  return true;
}

function convert(value: unknown, depth: number, forIn: boolean): Value {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      if (Number.isInteger(value)) {
        if (value >= -(2 ** 31) && value <= 2 ** 31 - 1) return value | 0;
        if (Number.isSafeInteger(value)) return BigInt(value);
      }
      return new JDouble(value);
    case 'bigint':
      if (value >= INT64_MIN && value <= INT64_MAX) return value;
      if (value >= BIG || value <= -BIG) throw new DataError(`an integer of more than ${MAX_BITS} bits`);
      return new JBigInteger(value);
    case 'undefined':
      return null;
    case 'object':
      break;
    default:
      // functions and symbols have no Java counterpart in a payload
      throw new TypeError(`Cannot convert a ${typeof value} to a Java value`);
  }
  if (value === null) return null;
  if (++depth > MAX_DEPTH) throw new DataError(`nesting deeper than ${MAX_DEPTH} levels (or a cycle)`);
  if (Array.isArray(value)) {
    // a hole of a sparse array is undefined: null, like any undefined element
    const n = value.length;
    const list: Value[] = new Array(n);
    for (let i = 0; i < n; i++) list[i] = convert(value[i], depth, forIn);
    return list;
  }
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === Object.prototype || proto === null) {
    // the common case first: a plain object from JSON.parse or code
    const map = new JMap();
    const keys = map.keys;
    const o = value as Record<string, unknown>;
    for (const k in o) {
      // for...in also walks what an enumerable property of Object.prototype adds, after the own keys
      if (!forIn && !Object.hasOwn(o, k)) continue;
      const v = o[k];
      // strings and small integers, most of a payload, without a call
      keys.set(k, typeof v === 'string' ? v : typeof v === 'number' && (v | 0) === v && !Object.is(v, -0) ? v : convert(v, depth, forIn));
    }
    return map;
  }
  if (isJavaObject(value)) return value;
  if (value instanceof Map) {
    const map = new JMap();
    for (const [k, v] of value) map.keys.set(typeof k === 'string' ? k : String(k), convert(v, depth, forIn));
    return map;
  }
  if (value instanceof Date) return value.toISOString();
  const map = new JMap();
  for (const [k, v] of Object.entries(value)) map.keys.set(k, convert(v, depth, forIn));
  return map;
}

function isJavaObject(v: object): v is Exclude<Value, null | string | boolean | number | bigint | Value[]> {
  return (
    v instanceof JMap ||
    v instanceof JDouble ||
    v instanceof JBigInteger ||
    v instanceof JBigDecimal ||
    v instanceof JSet ||
    v instanceof JEntry ||
    v instanceof JChar ||
    v instanceof JObject
  );
}

/**
 * A copy of the maps and lists of a value read from JSON (its other values are immutable and
 * shared), so a template that changes its payload cannot change the next render's.
 */
export function copyJava(v: Value): Value {
  if (v instanceof JMap) {
    const m = new JMap();
    const keys = m.keys;
    for (const [k, x] of v.keys) keys.set(k, typeof x === 'object' && x !== null ? copyJava(x) : x);
    if (v.original) m.original = new Map(v.original);
    return m;
  }
  if (Array.isArray(v)) {
    const a: Value[] = new Array(v.length);
    for (let i = 0; i < v.length; i++) {
      const x = v[i]!;
      a[i] = typeof x === 'object' && x !== null ? copyJava(x) : x;
    }
    return a;
  }
  return v;
}
