/**
 * What every method table shares: the result markers, Java exceptions, and Velocity's argument
 * conversions for Java parameter types (its conversion handler turns a String into an int, a
 * Boolean into 0 or 1, any Number into a narrower primitive, and any object into a String).
 */
import { javaClassName, javaString } from '../java.js';
import { intValue, isNumber, toBigInt, toDouble } from '../numbers.js';
import { JBigDecimal, JBigInteger, JChar, JDouble, type Value } from '../values.js';

export const VOID = Symbol('void');
export type MethodResult = Value | typeof VOID;

/** Marker: the arguments do not fit any overload (Velocity: method not found). */
export const NO_METHOD = Symbol('no-method');

export type Impl = (self: never, args: Value[]) => MethodResult | typeof NO_METHOD;
export type Table = Record<string, Impl>;

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

export const npe = () => new JavaException('java.lang.NullPointerException', '');

/**
 * A method whose last (n-th) parameter is a function (a Comparator, a lambda): a template can
 * pass only null there, which Java refuses with a NullPointerException; anything else fits no
 * overload.
 */
export const nullFunction = (a: Value[], n = 1): typeof NO_METHOD | never => {
  if (a.length === n && a[n - 1] === null) throw npe();
  return NO_METHOD;
};
export const unsupported = () => new JavaException('java.lang.UnsupportedOperationException', '');
export const arithmetic = (msg: string) => new JavaException('java.lang.ArithmeticException', msg);
export const numberFormat = (s: string | null) =>
  new JavaException('java.lang.NumberFormatException', s === null ? 'null' : `For input string: "${s}"`);
export const classCast = (v: Value, to: string) =>
  new JavaException('java.lang.ClassCastException', `class ${javaClassName(v)} cannot be cast to class ${to}`);
export const outOfBounds = (msg: string) => new JavaException('java.lang.StringIndexOutOfBoundsException', msg);

/** Integer.parseInt(s, radix) as Java does it (sign, digits of the radix, int range). */
export function parseJavaInt(s: string | null, radix = 10, bits = 32): bigint {
  if (s === null) throw numberFormat(null);
  const m = /^([+-]?)([0-9a-zA-Z]+)$/.exec(s);
  if (!m || radix < 2 || radix > 36) throw numberFormat(s);
  let v = 0n;
  for (const ch of m[2]!) {
    const d = parseInt(ch, 36);
    if (d >= radix) throw numberFormat(s);
    v = v * BigInt(radix) + BigInt(d);
    if (v > 2n ** BigInt(bits)) throw numberFormat(s);
  }
  if (m[1] === '-') v = -v;
  if (v < -(2n ** BigInt(bits - 1)) || v >= 2n ** BigInt(bits - 1)) {
    throw new JavaException('java.lang.NumberFormatException', `For input string: "${s}"${radix !== 10 ? ` under radix ${radix}` : ''}`);
  }
  return v;
}

/** Double.parseDouble: Java's syntax (surrounding whitespace, NaN, Infinity, d/f suffixes). */
export function parseJavaDouble(s: string | null): number {
  if (s === null) throw npe();
  const t = s.replace(/^[\x00-\x20]+|[\x00-\x20]+$/g, '');
  if (/^[+-]?(NaN|Infinity)$/.test(t)) return Number(t.replace('+', ''));
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[dDfF]?$/.test(t)) return Number(t.replace(/[dDfF]$/, ''));
  const hex = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?\d+)[dDfF]?$/.exec(t);
  if (hex && (hex[2] || hex[3])) {
    const frac = hex[3] ?? '';
    const mant = parseInt((hex[2] || '0') + frac, 16);
    return (hex[1] === '-' ? -1 : 1) * mant * 2 ** (Number(hex[4]) - 4 * frac.length);
  }
  throw new JavaException('java.lang.NumberFormatException', s.trim() === '' ? 'empty String' : `For input string: "${s}"`);
}

/** An `int` parameter. */
export function toInt(v: Value): number | typeof NO_METHOD {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint' || v instanceof JBigInteger || v instanceof JBigDecimal || v instanceof JDouble) {
    // Velocity narrows a wider number to int only when it fits
    const t = v instanceof JDouble ? Math.trunc(v.v) : toBigInt(v);
    if (t < -2147483648 || t > 2147483647) throw new JavaException('java.lang.NumberFormatException', `value out of range: ${javaString(v)}`);
    return intValue(v);
  }
  if (typeof v === 'string') {
    // Velocity converts a String argument for an int parameter with Integer.valueOf
    if (/^[+-]?\d+$/.test(v)) {
      const n = Number(v);
      if (n >= -2147483648 && n <= 2147483647) return n;
    }
    throw numberFormat(v);
  }
  if (v instanceof JChar) return v.c.charCodeAt(0);
  if (typeof v === 'boolean') return v ? 1 : 0;
  return NO_METHOD;
}

/** A `long` parameter. */
export function toLong(v: Value): bigint | typeof NO_METHOD {
  if (typeof v === 'bigint') return v;
  if (isNumber(v)) {
    const t = toBigInt(v);
    if (BigInt.asIntN(64, t) !== t) throw new JavaException('java.lang.NumberFormatException', `value out of range: ${javaString(v)}`);
    return t;
  }
  if (typeof v === 'string') return parseJavaInt(v, 10, 64);
  if (v instanceof JChar) return BigInt(v.c.charCodeAt(0));
  if (typeof v === 'boolean') return v ? 1n : 0n;
  return NO_METHOD;
}

/** A `double` parameter. */
export function toDbl(v: Value): number | typeof NO_METHOD {
  if (isNumber(v)) return toDouble(v);
  if (typeof v === 'string') return parseJavaDouble(v);
  if (v instanceof JChar) return v.c.charCodeAt(0);
  // Velocity's conversion handler turns a Boolean into an int or a long, not into a double
  return NO_METHOD;
}

/**
 * A `boolean` parameter: Velocity's conversion handler reads a text as Boolean.valueOf does, a
 * number as true unless it is zero (Double.compare with 0.0, so -0.0 and NaN are true; the sign
 * of a BigInteger or BigDecimal), a character as true unless it is NUL.
 */
export function toBool(v: Value): boolean | typeof NO_METHOD {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') return v.toLowerCase() === 'true';
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'bigint') return v !== 0n;
  if (v instanceof JDouble) return !(v.v === 0 && !Object.is(v.v, -0));
  if (v instanceof JBigInteger) return v.v !== 0n;
  if (v instanceof JBigDecimal) return v.unscaled !== 0n;
  if (v instanceof JChar) return v.c.charCodeAt(0) !== 0;
  return NO_METHOD;
}

/** A CharSequence parameter: a String; null passes (the method throws when it uses it). */
export function charSeq(v: Value): string | null | typeof NO_METHOD {
  if (v === null || typeof v === 'string') return v;
  return NO_METHOD;
}

/** A `String` parameter: Velocity's conversion handler turns any other object into its toString(). */
export function strParam(v: Value): string | null {
  if (v === null || typeof v === 'string') return v;
  return javaString(v);
}

/** Converts every argument with `conv`; undefined when the count differs or one does not fit. */
export function convert<T>(args: Value[], n: number, conv: (v: Value) => T | typeof NO_METHOD): T[] | undefined {
  if (args.length !== n) return undefined;
  const out: T[] = [];
  // Velocity picks the method by the arguments' types before it converts any: a text that is no
  // number fails only when every other argument fits (so `$d.min('c', {})` is no method at all)
  let failure: JavaException | undefined;
  for (const a of args) {
    let x: T | typeof NO_METHOD;
    try {
      x = conv(a);
    } catch (e) {
      if (!(e instanceof JavaException)) throw e;
      failure ??= e;
      continue;
    }
    if (x === NO_METHOD) return undefined;
    out.push(x);
  }
  if (failure) throw failure;
  return out;
}

export const ints = (args: Value[], n: number) => convert(args, n, toInt);
