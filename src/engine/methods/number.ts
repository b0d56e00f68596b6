/**
 * Integer, Long, Double and Boolean: their instance methods and the static methods Velocity lets
 * a template call through an instance (`#set($i = 5)$i.parseInt("42")`), each with Java's
 * overloads and Velocity's argument conversions.
 */
import { javaEquals, javaString } from '../java.js';
import { compareNumbers, intValue, javaDouble, toBigInt, toDouble, type JNumber } from '../numbers.js';
import { JBigDecimal, JBigInteger, JDouble, JFloat, type Value } from '../values.js';
import {
  JavaException,
  NO_METHOD,
  arithmetic,
  classCast,
  convert,
  ints,
  npe,
  numberFormat,
  parseJavaDouble,
  parseJavaInt,
  strParam,
  toBool,
  toDbl,
  toInt,
  toLong,
  type Table,
} from './core.js';
import { doubleBits, javaHashCode, longHash } from './hash.js';
import { javaClassOf } from './klass.js';

const i32 = (v: bigint) => Number(BigInt.asIntN(32, v));
const i64 = (v: bigint) => BigInt.asIntN(64, v);
const u32 = (v: number) => v >>> 0;
const cmp = (a: number | bigint, b: number | bigint) => (a < b ? -1 : a > b ? 1 : 0);

/** Double.compare: -0.0 below 0.0, NaN above everything and equal to itself. */
export function doubleCompare(a: number, b: number): number {
  if (a < b) return -1;
  if (a > b) return 1;
  const x = doubleBits(a);
  const y = doubleBits(b);
  return x === y ? 0 : x < y ? -1 : 1;
}

function radixString(v: bigint, radix: number): string {
  return radix < 2 || radix > 36 ? v.toString(10) : v.toString(radix);
}

function decode(s: string | null, bits: number): bigint {
  if (s === null) throw npe();
  // [\s\S]: the rest may hold line breaks, which Java reads as any other wrong character
  const m = /^([+-]?)(0[xX]|#|0(?=\d))?([\s\S]*)$/.exec(s)!;
  if (s === '') throw new JavaException('java.lang.NumberFormatException', 'Zero length string');
  if (m[3] === '' || /^[+-]/.test(m[3]!)) throw numberFormat(s);
  const radix = m[2] === undefined ? 10 : m[2] === '0' ? 8 : 16;
  return parseJavaInt(m[1] + m[3]!, radix, bits);
}

/** The methods Number subclasses share (java.lang.Number and Comparable). */
const NUMBER: Table = {
  toString: (n: JNumber, a: Value[]) => (a.length === 0 ? javaString(n) : NO_METHOD),
  byteValue: (n: JNumber, a: Value[]) => (a.length === 0 ? ((intValue(n) << 24) >> 24) : NO_METHOD),
  shortValue: (n: JNumber, a: Value[]) => (a.length === 0 ? ((intValue(n) << 16) >> 16) : NO_METHOD),
  intValue: (n: JNumber, a: Value[]) => (a.length === 0 ? intValue(n) : NO_METHOD),
  longValue: (n: JNumber, a: Value[]) => (a.length === 0 ? i64(toBigInt(n)) : NO_METHOD),
  doubleValue: (n: JNumber, a: Value[]) => (a.length === 0 ? new JDouble(toDouble(n)) : NO_METHOD),
  floatValue: (n: JNumber, a: Value[]) => (a.length === 0 ? new JFloat(Math.fround(toDouble(n))) : NO_METHOD),
  equals: (n: JNumber, a: Value[]) => {
    if (a.length !== 1) return NO_METHOD;
    const o = a[0]!;
    if (n instanceof JDouble) return o instanceof JDouble && !(o instanceof JFloat) === !(n instanceof JFloat) && doubleBits(o.v) === doubleBits(n.v);
    return javaEquals(n, o);
  },
  hashCode: (n: JNumber, a: Value[]) => (a.length === 0 ? javaHashCode(n) : NO_METHOD),
  compareTo: (n: JNumber, a: Value[]) => {
    if (a.length !== 1) return NO_METHOD;
    const o = a[0]!;
    if (o === null) throw npe();
    if (javaClassOf(o).name !== javaClassOf(n).name) throw classCast(o, javaClassOf(n).name);
    if (n instanceof JDouble) return doubleCompare(n.v, (o as JDouble).v);
    return compareNumbers(n, o as JNumber);
  },
  getClass: (n: JNumber, a: Value[]) => (a.length === 0 ? javaClassOf(n) : NO_METHOD),
};

/** Integer's statics; Long's are the same over 64 bits (see below). */
const INTEGER: Table = {
  ...NUMBER,
  // a String parameter takes any other value as its toString(), as Velocity's conversion handler
  // gives it ($Integer.parseInt($n) of an Integer 12 is 12; of a Double 12.5 a NumberFormatException)
  parseInt: (_n: number, a: Value[]) => {
    if (a.length === 1) return i32(parseJavaInt(strParam(a[0]!)));
    const r = a.length === 2 ? ints(a.slice(1), 1) : undefined;
    if (!r) return NO_METHOD;
    return i32(parseJavaInt(strParam(a[0]!), r[0]!));
  },
  valueOf: (_n: number, a: Value[]) => {
    if (a.length === 1 && typeof a[0] === 'number') return a[0];
    // valueOf(int) and valueOf(String) both take another value only by conversion: no method
    if (!(a[0] === null || typeof a[0] === 'string')) return NO_METHOD;
    return INTEGER.parseInt!(_n as never, a);
  },
  parseUnsignedInt: (_n: number, a: Value[]) => parseUnsigned(a, 32),
  decode: (_n: number, a: Value[]) => (a.length === 1 ? i32(decode(strParam(a[0]!), 32)) : NO_METHOD),
  toString: (n: number, a: Value[]) => {
    if (a.length === 0) return String(n);
    const r = ints(a, a.length);
    if (!r || r.length > 2) return NO_METHOD;
    return radixString(BigInt(r[0]!), r[1] ?? 10);
  },
  hashCode: (n: number, a: Value[]) => (a.length === 0 ? n : (ints(a, 1)?.[0] ?? NO_METHOD)),
  compare: (_n: number, a: Value[]) => {
    const r = ints(a, 2);
    return r ? cmp(r[0]!, r[1]!) : NO_METHOD;
  },
  compareUnsigned: (_n: number, a: Value[]) => {
    const r = ints(a, 2);
    return r ? cmp(u32(r[0]!), u32(r[1]!)) : NO_METHOD;
  },
  max: (_n: number, a: Value[]) => binInt(a, Math.max),
  min: (_n: number, a: Value[]) => binInt(a, Math.min),
  sum: (_n: number, a: Value[]) => binInt(a, (x, y) => (x + y) | 0),
  divideUnsigned: (_n: number, a: Value[]) => binInt(a, (x, y) => (y === 0 ? divZero() : Math.floor(u32(x) / u32(y)) | 0)),
  remainderUnsigned: (_n: number, a: Value[]) => binInt(a, (x, y) => (y === 0 ? divZero() : u32(x) % u32(y) | 0)),
  rotateLeft: (_n: number, a: Value[]) => binInt(a, (x, y) => (x << y) | (x >>> -y)),
  rotateRight: (_n: number, a: Value[]) => binInt(a, (x, y) => (x >>> y) | (x << -y)),
  signum: (_n: number, a: Value[]) => unInt(a, (x) => Math.sign(x)),
  bitCount: (_n: number, a: Value[]) => unInt(a, (x) => [...u32(x).toString(2)].filter((c) => c === '1').length),
  reverse: (_n: number, a: Value[]) => unInt(a, (x) => i32(BigInt('0b' + u32(x).toString(2).padStart(32, '0').split('').reverse().join('')))),
  reverseBytes: (_n: number, a: Value[]) => unInt(a, (x) => ((x << 24) | ((x & 0xff00) << 8) | ((x >>> 8) & 0xff00) | (x >>> 24)) | 0),
  highestOneBit: (_n: number, a: Value[]) => unInt(a, (x) => (x === 0 ? 0 : (0x80000000 >>> Math.clz32(x)) | 0)),
  lowestOneBit: (_n: number, a: Value[]) => unInt(a, (x) => x & -x),
  numberOfLeadingZeros: (_n: number, a: Value[]) => unInt(a, (x) => Math.clz32(x)),
  numberOfTrailingZeros: (_n: number, a: Value[]) => unInt(a, (x) => (x === 0 ? 32 : 31 - Math.clz32(x & -x))),
  toHexString: (_n: number, a: Value[]) => unInt(a, (x) => u32(x).toString(16)),
  toOctalString: (_n: number, a: Value[]) => unInt(a, (x) => u32(x).toString(8)),
  toBinaryString: (_n: number, a: Value[]) => unInt(a, (x) => u32(x).toString(2)),
  toUnsignedString: (_n: number, a: Value[]) => {
    const r = ints(a, a.length);
    if (!r || r.length < 1 || r.length > 2) return NO_METHOD;
    return radixString(BigInt(u32(r[0]!)), r[1] ?? 10);
  },
  toUnsignedLong: (_n: number, a: Value[]) => unInt(a, (x) => BigInt(u32(x))),
  // a system property lookup: no template sees one
  getInteger: (_n: number, a: Value[]) => (a.length >= 1 && a.length <= 2 ? (a.length === 2 && typeof a[1] === 'number' ? a[1] : null) : NO_METHOD),
};

function divZero(): never {
  throw arithmetic('/ by zero');
}

function binInt(a: Value[], f: (x: number, y: number) => Value): Value | typeof NO_METHOD {
  const r = ints(a, 2);
  return r ? f(r[0]!, r[1]!) : NO_METHOD;
}
/** One int parameter (null is no int: no method). */
export function unInt(a: Value[], f: (x: number) => Value): Value | typeof NO_METHOD {
  const r = ints(a, 1);
  return r ? f(r[0]!) : NO_METHOD;
}
function binLong(a: Value[], f: (x: bigint, y: bigint) => Value): Value | typeof NO_METHOD {
  const r = convert(a, 2, toLong);
  return r ? f(r[0]!, r[1]!) : NO_METHOD;
}
/** One long parameter (null is no long: no method). */
export function unLong(a: Value[], f: (x: bigint) => Value): Value | typeof NO_METHOD {
  const r = convert(a, 1, toLong);
  return r ? f(r[0]!) : NO_METHOD;
}
const u64 = (v: bigint) => BigInt.asUintN(64, v);
/**
 * Integer.parseUnsignedInt and Long.parseUnsignedLong, (s) and (s, radix): Java's messages for
 * null, a leading minus sign (even "-0") and a value past the unsigned range.
 */
function parseUnsigned(a: Value[], bits: 32 | 64): Value | typeof NO_METHOD {
  if (a.length !== 1 && a.length !== 2) return NO_METHOD;
  const radix = a.length === 2 ? ints(a.slice(1), 1)?.[0] : 10;
  if (radix === undefined) return NO_METHOD;
  if (a[0] === null) throw new JavaException('java.lang.NumberFormatException', 'Cannot parse null string');
  const text = strParam(a[0]!)!;
  if (text.startsWith('-')) throw new JavaException('java.lang.NumberFormatException', `Illegal leading minus sign on unsigned string ${text}.`);
  const v = parseJavaInt(text, radix, bits + 1);
  if (v >= 1n << BigInt(bits)) throw new JavaException('java.lang.NumberFormatException', `String value ${text} exceeds range of unsigned ${bits === 32 ? 'int' : 'long'}.`);
  return bits === 32 ? i32(v) : i64(v);
}

/** A (long, int) method: Long.rotateLeft and rotateRight. */
function longAndInt(a: Value[], f: (x: bigint, d: number) => Value): Value | typeof NO_METHOD {
  if (a.length !== 2) return NO_METHOD;
  const x = toLong(a[0]!);
  const d = toInt(a[1]!);
  return x === NO_METHOD || d === NO_METHOD ? NO_METHOD : f(x, d);
}
const bits64 = (x: bigint) => u64(x).toString(2).padStart(64, '0');

const LONG: Table = {
  ...NUMBER,
  parseLong: (_n: bigint, a: Value[]) => {
    if (a.length === 0) return NO_METHOD;
    if (a.length === 1) return parseJavaInt(strParam(a[0]!), 10, 64);
    const r = a.length === 2 ? ints(a.slice(1), 1) : undefined;
    return r ? parseJavaInt(strParam(a[0]!), r[0]!, 64) : NO_METHOD;
  },
  valueOf: (_n: bigint, a: Value[]) => {
    // an Integer or Long widens to valueOf(long); anything else fits valueOf(long) and
    // valueOf(String) only by conversion, which Velocity finds ambiguous: no method
    if (a.length === 1 && (typeof a[0] === 'number' || typeof a[0] === 'bigint')) return unLong(a, (x) => x);
    if (!(a[0] === null || typeof a[0] === 'string')) return NO_METHOD;
    return LONG.parseLong!(_n as never, a);
  },
  decode: (_n: bigint, a: Value[]) => (a.length === 1 ? decode(strParam(a[0]!), 64) : NO_METHOD),
  toString: (n: bigint, a: Value[]) => {
    if (a.length === 0) return n.toString();
    if (a.length === 1) return unLong(a, (x) => x.toString());
    const x = toLong(a[0]!);
    const r = ints(a.slice(1), 1);
    return x === NO_METHOD || !r ? NO_METHOD : radixString(x, r[0]!);
  },
  hashCode: (n: bigint, a: Value[]) => (a.length === 0 ? longHash(n) : unLong(a, longHash)),
  compare: (_n: bigint, a: Value[]) => binLong(a, cmp),
  compareUnsigned: (_n: bigint, a: Value[]) => binLong(a, (x, y) => cmp(u64(x), u64(y))),
  max: (_n: bigint, a: Value[]) => binLong(a, (x, y) => (x > y ? x : y)),
  min: (_n: bigint, a: Value[]) => binLong(a, (x, y) => (x < y ? x : y)),
  sum: (_n: bigint, a: Value[]) => binLong(a, (x, y) => i64(x + y)),
  signum: (_n: bigint, a: Value[]) => unLong(a, (x) => cmp(x, 0n)),
  bitCount: (_n: bigint, a: Value[]) => unLong(a, (x) => [...bits64(x)].filter((c) => c === '1').length),
  numberOfLeadingZeros: (_n: bigint, a: Value[]) => unLong(a, (x) => bits64(x).indexOf('1') < 0 ? 64 : bits64(x).indexOf('1')),
  numberOfTrailingZeros: (_n: bigint, a: Value[]) => unLong(a, (x) => (x === 0n ? 64 : 63 - bits64(x).lastIndexOf('1'))),
  highestOneBit: (_n: bigint, a: Value[]) => unLong(a, (x) => (x === 0n ? 0n : i64(1n << BigInt(63 - bits64(x).indexOf('1'))))),
  lowestOneBit: (_n: bigint, a: Value[]) => unLong(a, (x) => i64(x & -x)),
  reverse: (_n: bigint, a: Value[]) => unLong(a, (x) => i64(BigInt('0b' + bits64(x).split('').reverse().join('')))),
  toHexString: (_n: bigint, a: Value[]) => unLong(a, (x) => u64(x).toString(16)),
  toOctalString: (_n: bigint, a: Value[]) => unLong(a, (x) => u64(x).toString(8)),
  toBinaryString: (_n: bigint, a: Value[]) => unLong(a, (x) => u64(x).toString(2)),
  toUnsignedString: (_n: bigint, a: Value[]) => unLong(a.slice(0, 1), (x) => radixString(u64(x), a.length === 2 ? (ints(a.slice(1), 1)?.[0] ?? 10) : 10)),
  divideUnsigned: (_n: bigint, a: Value[]) => binLong(a, (x, y) => (y === 0n ? divZero() : i64(u64(x) / u64(y)))),
  remainderUnsigned: (_n: bigint, a: Value[]) => binLong(a, (x, y) => (y === 0n ? divZero() : i64(u64(x) % u64(y)))),
  rotateLeft: (_n: bigint, a: Value[]) => longAndInt(a, (x, d) => i64((u64(x) << BigInt(d & 63)) | (u64(x) >> BigInt((64 - (d & 63)) & 63)))),
  rotateRight: (_n: bigint, a: Value[]) => longAndInt(a, (x, d) => i64((u64(x) >> BigInt(d & 63)) | (u64(x) << BigInt((64 - (d & 63)) & 63)))),
  reverseBytes: (_n: bigint, a: Value[]) =>
    unLong(a, (x) => {
      let v = u64(x);
      let r = 0n;
      for (let i = 0; i < 8; i++, v >>= 8n) r = (r << 8n) | (v & 0xffn);
      return i64(r);
    }),
  parseUnsignedLong: (_n: bigint, a: Value[]) => parseUnsigned(a, 64),
  getLong: (_n: bigint, a: Value[]) => (a.length >= 1 && a.length <= 2 ? (a.length === 2 && typeof a[1] === 'bigint' ? a[1] : null) : NO_METHOD),
};

const dbl = (d: number) => new JDouble(d);
function binDbl(a: Value[], f: (x: number, y: number) => Value): Value | typeof NO_METHOD {
  const r = convert(a, 2, toDbl);
  return r ? f(r[0]!, r[1]!) : NO_METHOD;
}
function unDbl(a: Value[], f: (x: number) => Value): Value | typeof NO_METHOD {
  const r = convert(a, 1, toDbl);
  return r ? f(r[0]!) : NO_METHOD;
}

/** Double.toHexString. */
function doubleHex(d: number): string {
  if (Number.isNaN(d)) return 'NaN';
  if (!Number.isFinite(d)) return d > 0 ? 'Infinity' : '-Infinity';
  const bits = doubleBits(d);
  const sign = bits < 0n ? '-' : '';
  const exp = Number((bits >> 52n) & 0x7ffn);
  const mant = bits & ((1n << 52n) - 1n);
  if (exp === 0 && mant === 0n) return sign + '0x0.0p0';
  const frac = mant.toString(16).padStart(13, '0').replace(/0+$/, '') || '0';
  return exp === 0 ? `${sign}0x0.${frac}p-1022` : `${sign}0x1.${frac}p${exp - 1023}`;
}

const DOUBLE: Table = {
  ...NUMBER,
  isNaN: (d: JDouble, a: Value[]) => (a.length === 0 ? Number.isNaN(d.v) : unDbl(a, Number.isNaN)),
  isInfinite: (d: JDouble, a: Value[]) => (a.length === 0 ? Math.abs(d.v) === Infinity : unDbl(a, (x) => Math.abs(x) === Infinity)),
  isFinite: (_d: JDouble, a: Value[]) => unDbl(a, Number.isFinite),
  parseDouble: (_d: JDouble, a: Value[]) => (a.length === 1 ? dbl(parseJavaDouble(strParam(a[0]!))) : NO_METHOD),
  valueOf: (_d: JDouble, a: Value[]) => {
    if (a.length !== 1) return NO_METHOD;
    if (a[0] === null || typeof a[0] === 'string') return dbl(parseJavaDouble(a[0] as string | null));
    return unDbl(a, dbl);
  },
  toString: (d: JDouble, a: Value[]) => (a.length === 0 ? javaString(d) : unDbl(a, javaDouble)),
  hashCode: (d: JDouble, a: Value[]) => (a.length === 0 ? javaHashCode(d) : unDbl(a, (x) => longHash(doubleBits(x)))),
  compare: (_d: JDouble, a: Value[]) => binDbl(a, doubleCompare),
  max: (_d: JDouble, a: Value[]) => binDbl(a, (x, y) => dbl(Math.max(x, y))),
  min: (_d: JDouble, a: Value[]) => binDbl(a, (x, y) => dbl(Math.min(x, y))),
  sum: (_d: JDouble, a: Value[]) => binDbl(a, (x, y) => dbl(x + y)),
  toHexString: (_d: JDouble, a: Value[]) => unDbl(a, doubleHex),
  doubleToLongBits: (_d: JDouble, a: Value[]) => unDbl(a, doubleBits),
  doubleToRawLongBits: (_d: JDouble, a: Value[]) => unDbl(a, doubleBits),
  longBitsToDouble: (_d: JDouble, a: Value[]) => unLong(a, (x) => {
    const dv = new DataView(new ArrayBuffer(8));
    dv.setBigInt64(0, x);
    return dbl(dv.getFloat64(0));
  }),
};

const BOOLEAN: Table = {
  toString: (b: boolean, a: Value[]) => (a.length === 0 ? String(b) : unBool(a, String)),
  booleanValue: (b: boolean, a: Value[]) => (a.length === 0 ? b : NO_METHOD),
  compareTo: (b: boolean, a: Value[]) => {
    if (a.length !== 1) return NO_METHOD;
    const o = a[0]!;
    if (o === null) throw npe();
    if (typeof o !== 'boolean') throw classCast(o, 'java.lang.Boolean');
    return b === o ? 0 : b ? 1 : -1;
  },
  compare: (_b: boolean, a: Value[]) => {
    const r = convert(a, 2, toBool);
    return r ? (r[0] === r[1] ? 0 : r[0] ? 1 : -1) : NO_METHOD;
  },
  equals: (b: boolean, a: Value[]) => (a.length === 1 ? a[0] === b : NO_METHOD),
  hashCode: (b: boolean, a: Value[]) => (a.length === 0 ? (b ? 1231 : 1237) : unBool(a, (x) => (x ? 1231 : 1237))),
  parseBoolean: (_b: boolean, a: Value[]) => {
    if (a.length !== 1) return NO_METHOD;
    const text = strParam(a[0]!);
    return text !== null && text.toLowerCase() === 'true';
  },
  valueOf: (_b: boolean, a: Value[]) => (a.length === 1 && a[0] === null ? false : unBool(a, (x) => x)),
  logicalAnd: (_b: boolean, a: Value[]) => binBool(a, (x, y) => x && y),
  logicalOr: (_b: boolean, a: Value[]) => binBool(a, (x, y) => x || y),
  logicalXor: (_b: boolean, a: Value[]) => binBool(a, (x, y) => x !== y),
  // a system property lookup: no template sees one
  getBoolean: (_b: boolean, a: Value[]) => (a.length === 1 ? false : NO_METHOD),
  getClass: (b: boolean, a: Value[]) => (a.length === 0 ? javaClassOf(b) : NO_METHOD),
};
function unBool(a: Value[], f: (x: boolean) => Value): Value | typeof NO_METHOD {
  const r = convert(a, 1, toBool);
  return r ? f(r[0]!) : NO_METHOD;
}
function binBool(a: Value[], f: (x: boolean, y: boolean) => Value): Value | typeof NO_METHOD {
  const r = convert(a, 2, toBool);
  return r ? f(r[0]!, r[1]!) : NO_METHOD;
}

export { NUMBER, INTEGER, LONG, DOUBLE, BOOLEAN };
export const isBigNumber = (v: Value) => v instanceof JBigInteger || v instanceof JBigDecimal;
