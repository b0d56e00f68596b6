/**
 * Java number semantics: Integer/Long/Double/BigInteger/BigDecimal arithmetic as Velocity's
 * MathUtils does it (integer overflow widens to Long then BigInteger, integer division, BigDecimal
 * division rounding HALF_DOWN at the dividend's scale) and Java's text forms of numbers.
 */
import { JBigDecimal, JBigInteger, JDouble, type Value } from './values.js';

export type JNumber = number | bigint | JDouble | JBigInteger | JBigDecimal;

const INT_MIN = -2147483648;
const INT_MAX = 2147483647;
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

export function isNumber(v: Value): v is JNumber {
  return (
    typeof v === 'number' ||
    typeof v === 'bigint' ||
    v instanceof JDouble ||
    v instanceof JBigInteger ||
    v instanceof JBigDecimal
  );
}

const isIntegral = (n: JNumber) => typeof n === 'number' || typeof n === 'bigint' || n instanceof JBigInteger;

/** Integer if it fits in int32, else Long (bigint), else BigInteger. */
export function integral(v: bigint, preferLong = false): JNumber {
  if (!preferLong && v >= BigInt(INT_MIN) && v <= BigInt(INT_MAX)) return Number(v);
  if (v >= LONG_MIN && v <= LONG_MAX) return v;
  return new JBigInteger(v);
}

/** The exact integer value of a number (a BigDecimal truncated); NumberTooLarge past MAX_BITS. */
export function toBigInt(n: JNumber): bigint {
  if (typeof n === 'number') return BigInt(n);
  if (typeof n === 'bigint') return n;
  if (n instanceof JBigInteger) return n.v;
  if (n instanceof JDouble) return doubleToLong(n.v);
  return bdToBigInt(n);
}

function doubleToLong(d: number): bigint {
  if (Number.isNaN(d)) return 0n;
  if (d >= 9.223372036854776e18) return LONG_MAX;
  if (d <= -9.223372036854776e18) return LONG_MIN;
  return BigInt(Math.trunc(d));
}

export function toDouble(n: JNumber): number {
  if (typeof n === 'number') return n;
  if (typeof n === 'bigint') return Number(n);
  if (n instanceof JDouble) return n.v;
  if (n instanceof JBigInteger) return Number(n.v);
  return Number(bdToString(n));
}

/** Java's int value of a number (Number.intValue()). */
export function intValue(n: JNumber): number {
  if (typeof n === 'number') return n;
  if (n instanceof JDouble) {
    const d = n.v;
    if (Number.isNaN(d)) return 0;
    if (d >= INT_MAX) return INT_MAX;
    if (d <= INT_MIN) return INT_MIN;
    return Math.trunc(d);
  }
  return Number(BigInt.asIntN(32, lowBits(n)));
}

/** Java's long value of a number (Number.longValue()). */
export function longValue(n: JNumber): bigint {
  if (n instanceof JDouble) return doubleToLong(n.v);
  return BigInt.asIntN(64, lowBits(n));
}

/**
 * The integer value modulo 2^64, which is all intValue() and longValue() keep: a BigDecimal of
 * 1E300000000 has low bits 0 (10^64 is a multiple of 2^64), so it is never computed.
 */
function lowBits(n: JNumber): bigint {
  if (!(n instanceof JBigDecimal) || n.scale >= 0) {
    if (n instanceof JBigDecimal && n.scale > digitCount(n.unscaled)) return 0n;
    return toBigInt(n);
  }
  if (n.scale <= -64) return 0n;
  return BigInt.asIntN(64, BigInt.asIntN(64, n.unscaled) * 10n ** BigInt(-n.scale));
}

function digitCount(v: bigint): number {
  return (v < 0n ? -v : v).toString().length;
}

// ------------------------------------------------------------------ BigDecimal

/**
 * new BigDecimal(s): undefined where Java throws NumberFormatException (not a number, or an
 * exponent or scale beyond int). More than MAX_DIGITS digits end the render (NumberTooLarge):
 * reading them is quadratic.
 */
export function bdFromString(s: string): JBigDecimal | undefined {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(s);
  if (!m) return undefined;
  const int = m[2] ?? '';
  const frac = m[3] ?? '';
  if (int === '' && frac === '') return undefined;
  if (m[3] === undefined && s.includes('.') && int === '') return undefined;
  const expText = m[4];
  let exp = 0;
  if (expText) {
    // Java reads the exponent as an int; longer digit strings overflow it
    if (expText.replace(/^[+-]?0*/, '').length > 10) return undefined;
    exp = parseInt(expText, 10);
    if (exp > INT_MAX || exp < INT_MIN) return undefined;
  }
  const scale = frac.length - exp;
  if (scale > INT_MAX || scale < INT_MIN) return undefined;
  if (int.length + frac.length > MAX_DIGITS) throw new NumberTooLarge(`a number of more than ${MAX_DIGITS} digits`);
  const unscaled = BigInt((m[1] === '-' ? '-' : '') + (int + frac || '0'));
  return new JBigDecimal(unscaled, scale);
}

/** Java's text of a non-finite double, which new BigDecimal(String) rejects. */
export class JavaNumberFormat extends Error {}

export function bdFromNumber(n: JNumber): JBigDecimal {
  if (n instanceof JBigDecimal) return n;
  if (n instanceof JBigInteger) return new JBigDecimal(n.v, 0);
  // BigDecimal.valueOf(n.doubleValue()): goes through Double.toString, which Java's BigDecimal
  // constructor rejects for NaN and the infinities
  const d = toDouble(n);
  if (!Number.isFinite(d)) {
    const c = Number.isNaN(d) ? 'N' : 'I';
    throw new JavaNumberFormat(`Character ${c} is neither a decimal digit number, decimal point, nor "e" notation exponential mark.`);
  }
  return bdFromString(javaDouble(d))!;
}

function bdToBigInt(b: JBigDecimal): bigint {
  if (b.scale <= 0) {
    if (b.unscaled === 0n) return 0n;
    if (-b.scale > MAX_DIGITS) throw new NumberTooLarge(`an integer of more than ${MAX_DIGITS} digits`);
    return b.unscaled * 10n ** BigInt(-b.scale);
  }
  if (b.scale > digitCount(b.unscaled)) return 0n;
  return b.unscaled / 10n ** BigInt(b.scale);
}

function align(a: JBigDecimal, b: JBigDecimal): [bigint, bigint, number] {
  const s = Math.max(a.scale, b.scale);
  if (s - Math.min(a.scale, b.scale) > MAX_DIGITS) {
    throw new NumberTooLarge(`a number of more than ${MAX_DIGITS} digits`);
  }
  return [
    a.unscaled * 10n ** BigInt(s - a.scale),
    b.unscaled * 10n ** BigInt(s - b.scale),
    s,
  ];
}

/**
 * compareTo() of two BigDecimals without aligning numbers of very different magnitude (1E300000000
 * against 0 must not build 300 million digits): signs first, then the decimal exponents.
 */
export function bdCompare(a: JBigDecimal, b: JBigDecimal): number {
  const sa = a.unscaled < 0n ? -1 : a.unscaled > 0n ? 1 : 0;
  const sb = b.unscaled < 0n ? -1 : b.unscaled > 0n ? 1 : 0;
  if (sa !== sb) return sa < sb ? -1 : 1;
  if (sa === 0) return 0;
  // magnitude: the position of the leading digit
  const ea = digitCount(a.unscaled) - a.scale;
  const eb = digitCount(b.unscaled) - b.scale;
  if (ea !== eb) return (ea > eb ? 1 : -1) * sa;
  const [x, y] = align(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Divides rounding HALF_DOWN to the dividend's scale (BigDecimal.divide(d, ROUND_HALF_DOWN)). */
function bdDivide(a: JBigDecimal, b: JBigDecimal): JBigDecimal {
  const scale = a.scale;
  // a.unscaled * 10^-a.scale / (b.unscaled * 10^-b.scale) = q * 10^-scale
  // q = a.unscaled * 10^(b.scale) / b.unscaled   (scale stays a.scale)
  let num = a.unscaled;
  let den = b.unscaled;
  if (b.scale >= 0) num *= 10n ** BigInt(b.scale);
  else den *= 10n ** BigInt(-b.scale);
  return new JBigDecimal(roundHalfDown(num, den), scale);
}

function roundHalfDown(num: bigint, den: bigint): bigint {
  if (den < 0n) {
    num = -num;
    den = -den;
  }
  const q = num / den;
  const r = num % den;
  if (r === 0n) return q;
  const twice = (r < 0n ? -r : r) * 2n;
  if (twice > den) return num < 0n ? q - 1n : q + 1n;
  return q; // below half or exactly half: towards zero
}

/** Java's BigDecimal.toString(). */
export function bdToString(b: JBigDecimal): string {
  const neg = b.unscaled < 0n;
  const digits = (neg ? -b.unscaled : b.unscaled).toString();
  const sign = neg ? '-' : '';
  if (b.scale === 0) return sign + digits;
  const adjusted = -b.scale + (digits.length - 1);
  if (b.scale > 0 && adjusted >= -6) {
    if (digits.length > b.scale) {
      return sign + digits.slice(0, digits.length - b.scale) + '.' + digits.slice(digits.length - b.scale);
    }
    return sign + '0.' + '0'.repeat(b.scale - digits.length) + digits;
  }
  const mant = digits.length > 1 ? digits[0] + '.' + digits.slice(1) : digits;
  return sign + mant + 'E' + (adjusted >= 0 ? '+' : '') + adjusted;
}

// ------------------------------------------------------------------ Double.toString

/**
 * Java 17's Double.toString(d). It is not always the shortest form (Java 19 and later print the
 * shortest): an integer below 2^63 prints its exact digits, rounded only past the digits the
 * double's 53 bits can tell apart (2.82879384806159E17 prints as 2.82879384806159008E17), and a
 * decimal that lies exactly halfway between two doubles never names either (2.0E23 prints as
 * 1.9999999999999998E23).
 */
export function javaDouble(d: number): string {
  if (Number.isNaN(d)) return 'NaN';
  if (d === Infinity) return 'Infinity';
  if (d === -Infinity) return '-Infinity';
  if (d === 0) return Object.is(d, -0) ? '-0.0' : '0.0';
  // Java 17's FloatingDecimal prints the smallest subnormal with two digits
  if (d === Number.MIN_VALUE) return '4.9E-324';
  if (d === -Number.MIN_VALUE) return '-4.9E-324';
  const sign = d < 0 ? '-' : '';
  const abs = Math.abs(d);
  const [digits, e] = Number.isInteger(abs) && abs < 9.223372036854776e18 ? integerDigits(abs, 53) : shortestDigits(abs, 53);
  return sign + javaFormatDigits(digits, e, abs);
}

/** Java 17's Float.toString of a float value. */
export function javaFloat(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (!Number.isFinite(f)) return f > 0 ? 'Infinity' : '-Infinity';
  if (f === 0) return Object.is(f, -0) ? '-0.0' : '0.0';
  const sign = f < 0 ? '-' : '';
  const abs = Math.abs(f);
  const [digits, e] = Number.isInteger(abs) && abs < 9.223372036854776e18 ? integerDigits(abs, 24) : shortestDigits(abs, 24);
  return sign + javaFormatDigits(digits, e, abs);
}

/** Decimal digits and exponent (value = 0.d1d2... * 10^e... as d1.d2... * 10^e) of an integer. */
function integerDigits(abs: number, bits: number): [string, number] {
  if (abs < 2 ** bits) {
    // below 2^bits every digit is significant: the exact digits are the shortest
    const str = String(abs);
    return [str.replace(/0+$/, '') || '0', str.length - 1];
  }
  let v = BigInt(abs);
  const binExp = v.toString(2).length - 1;
  // FloatingDecimal drops the digits beyond what the significand's bits can tell apart
  const p2 = binExp - bits - 1;
  const insignificant = p2 > 1 ? Math.floor(p2 * Math.LOG10E * Math.LN2) : 0;
  if (insignificant > 0) {
    const pow = 10n ** BigInt(insignificant);
    const residue = v % pow;
    v /= pow;
    if (residue * 2n >= pow) v++;
  }
  const str = v.toString();
  const digits = str.replace(/0+$/, '') || '0';
  return [digits, str.length - 1 + insignificant];
}

/** The shortest digits strictly inside the rounding interval (a halfway decimal is never used). */
function shortestDigits(abs: number, bits: number): [string, number] {
  const exp = bits === 24 ? floatExponential(abs) : abs.toExponential();
  const m = /^(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(exp)!;
  const digits = m[1]! + (m[2] ?? '');
  const e = parseInt(m[3]!, 10);
  if (bits === 53 && (onHalfway(abs, digits, e) || outsidePow2Margin(abs, digits, e))) {
    for (let p = digits.length + 1; p <= 17; p++) {
      const c = /^(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(abs.toExponential(p - 1))!;
      const cd = (c[1]! + (c[2] ?? '')).replace(/0+$/, '');
      const ce = parseInt(c[3]!, 10);
      if (!onHalfway(abs, cd, ce) && !outsidePow2Margin(abs, cd, ce)) return [cd, ce];
    }
  }
  return [digits, e];
}

function floatExponential(f: number): string {
  for (let p = 1; p <= 9; p++) {
    const s = f.toExponential(p - 1);
    if (Math.fround(Number(s)) !== f && p < 9) continue;
    // a tie at this length goes to the even digit (toExponential rounds ties up)
    const exact = f.toPrecision(100).replace('.', '').replace(/e.*$/, '').replace(/^0+/, '').replace(/0+$/, '');
    if (exact.length === p + 1 && exact.endsWith('5') && Number(exact[p - 1]) % 2 === 0) {
      const down = exact.slice(0, p);
      const e = Number(/e([+-]\d+)$/.exec(f.toExponential(p))![1]);
      const t = `${down[0]}${down.length > 1 ? '.' + down.slice(1) : ''}e${e >= 0 ? '+' : ''}${e}`;
      if (Math.fround(Number(t)) === f) return t.replace(/\.?0+e/, 'e');
    }
    return s.replace(/\.?0+e/, 'e');
  }
  return f.toExponential(8);
}

/**
 * For a power of two, FloatingDecimal takes the smaller gap below as the margin on both sides:
 * whether the decimal is at least a quarter ulp away from `abs`.
 */
function outsidePow2Margin(abs: number, digits: string, e: number): boolean {
  const dv = BITS;
  dv.setFloat64(0, abs);
  const hi = dv.getUint32(0);
  const bexp = (hi >>> 20) & 0x7ff;
  if ((hi & 0xfffff) !== 0 || dv.getUint32(4) !== 0 || bexp <= 1) return false;
  const e2 = bexp - 1075; // abs = 2^52 * 2^e2; margin 2^(e2-2)
  const k = e - (digits.length - 1);
  // compare |D*10^k - 2^(52+e2)| with 2^(e2-2), all scaled to integers
  const s2 = Math.max(0, 2 - e2);
  const s10 = Math.max(0, -k);
  const dec = BigInt(digits) * 10n ** BigInt(Math.max(k, 0)) * 2n ** BigInt(s2);
  const val = 2n ** BigInt(52 + e2 + s2) * 10n ** BigInt(s10);
  const margin = 2n ** BigInt(e2 - 2 + s2) * 10n ** BigInt(s10);
  const diff = dec * 1n - val;
  return (diff < 0n ? -diff : diff) >= margin;
}

const BITS = new DataView(new ArrayBuffer(8));

/** Whether the decimal d1.d2...×10^e is exactly halfway between `abs` and a neighbour double. */
function onHalfway(abs: number, digits: string, e: number): boolean {
  const dv = BITS;
  dv.setFloat64(0, abs);
  const hi = dv.getUint32(0);
  const bexp = (hi >>> 20) & 0x7ff;
  if (bexp === 0) return false;
  const mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(dv.getUint32(4)) | (1n << 52n);
  const e2 = bexp - 1075; // abs = mant * 2^e2; halfway points are (2 mant ± 1) * 2^(e2 - 1)
  const k = e - (digits.length - 1); // decimal = D * 10^k
  // an odd multiple of 2^(e2-1) with e2-1 < 0 has exactly 1-e2 fraction digits
  if (e2 - 1 < 0 && -k !== 1 - e2) return false;
  if (e2 - 1 >= 0 && k < 0) return false;
  const D = BigInt(digits);
  const f = e2 - 1;
  const lhs = D * 10n ** BigInt(Math.max(k, 0)) * 2n ** BigInt(Math.max(-f, 0));
  const scale = 2n ** BigInt(Math.max(f, 0)) * 10n ** BigInt(Math.max(-k, 0));
  return lhs === (2n * mant + 1n) * scale || lhs === (2n * mant - 1n) * scale;
}

/** Java's layout of digits: plain from 10^-3 up to 10^7, computerized scientific notation otherwise. */
function javaFormatDigits(digits: string, e: number, abs: number): string {
  if (abs >= 1e-3 && abs < 1e7) {
    if (e >= 0) {
      const intPart = digits.slice(0, e + 1).padEnd(e + 1, '0');
      const frac = digits.slice(e + 1) || '0';
      return intPart + '.' + frac;
    }
    return '0.' + '0'.repeat(-e - 1) + digits;
  }
  const frac = digits.slice(1) || '0';
  return digits[0] + '.' + frac + 'E' + e;
}

/** Java's Float.toString for a float-valued number (used by Float results, rare). */
export function numberToString(n: JNumber): string {
  if (typeof n === 'number') return String(n);
  if (typeof n === 'bigint') return n.toString();
  if (n instanceof JDouble) return javaDouble(n.v);
  if (n instanceof JBigInteger) return n.v.toString();
  return bdToString(n);
}

// ------------------------------------------------------------------ MathUtils

type Base = 'long' | 'double' | 'bigint' | 'bigdec';

function base(a: JNumber, b: JNumber): Base {
  const ai = isIntegral(a);
  const bi = isIntegral(b);
  if (a instanceof JBigDecimal || b instanceof JBigDecimal) return 'bigdec';
  if ((!ai || !bi) && (a instanceof JBigInteger || b instanceof JBigInteger)) return 'bigdec';
  if (ai && bi) return a instanceof JBigInteger || b instanceof JBigInteger ? 'bigint' : 'long';
  return 'double';
}

/** wrapPrimitive: the result keeps the wider of the operand types (Integer, else Long). */
function wrap(v: bigint, a: JNumber, b: JNumber): JNumber {
  const preferLong = typeof a === 'bigint' || typeof b === 'bigint';
  return integral(v, preferLong);
}

function fitsLong(v: bigint): boolean {
  return v >= LONG_MIN && v <= LONG_MAX;
}

export type ArithOp = '+' | '-' | '*' | '/' | '%';

/** Velocity's MathUtils; returns undefined for a zero divisor (Velocity's non-strict null). */
export function arith(op: ArithOp, a: JNumber, b: JNumber): JNumber | undefined {
  if ((op === '/' || op === '%') && isZero(b)) return undefined;
  if (typeof a === 'number' && typeof b === 'number') {
    // Integer op Integer: exact in doubles except large products; the result widens to Long
    let r: number;
    if (op === '+') r = a + b;
    else if (op === '-') r = a - b;
    else if (op === '*') r = a * b;
    else if (op === '/') r = Math.trunc(a / b);
    else r = a % b;
    if (Number.isSafeInteger(r)) return r >= INT_MIN && r <= INT_MAX ? (r === 0 ? 0 : r) : BigInt(r);
  }
  switch (base(a, b)) {
    case 'long': {
      const x = toBigInt(a);
      const y = toBigInt(b);
      let r: bigint;
      if (op === '+') r = x + y;
      else if (op === '-') r = x - y;
      else if (op === '*') {
        // MathUtils checks overflow with (result / l2 != l1) on wrapped longs, which misses
        // Long.MIN_VALUE * -1; reproduce the check rather than the exact product.
        const w = BigInt.asIntN(64, x * y);
        if (y !== 0n && BigInt.asIntN(64, w / y) !== x) return new JBigInteger(x * y);
        return wrap(w, a, b);
      } else if (op === '/') r = BigInt.asIntN(64, x / y); // Long.MIN_VALUE / -1 wraps in Java
      else r = x % y;
      if (!fitsLong(r)) return new JBigInteger(r);
      return wrap(r, a, b);
    }
    case 'bigint': {
      const x = toBigInt(a);
      const y = toBigInt(b);
      let r: bigint;
      if (op === '+') r = x + y;
      else if (op === '-') r = x - y;
      else if (op === '*') r = x * y;
      else if (op === '/') r = x / y;
      else if (y < 0n) throw new ArithmeticError('BigInteger: modulus not positive'); // BigInteger.mod
      else r = ((x % y) + y) % y;
      checkSize(r);
      return new JBigInteger(r);
    }
    case 'double': {
      const x = toDouble(a);
      const y = toDouble(b);
      let r: number;
      if (op === '+') r = x + y;
      else if (op === '-') r = x - y;
      else if (op === '*') r = x * y;
      else if (op === '/') r = x / y;
      else r = x % y;
      return new JDouble(r);
    }
    default: {
      const x = bdFromNumber(a);
      const y = bdFromNumber(b);
      if (op === '%') throw new ArithmeticError('Cannot calculate the modulo of BigDecimals.');
      if (Math.abs(x.scale) > MAX_BITS || Math.abs(y.scale) > MAX_BITS) throw new NumberTooLarge(`a decimal scale beyond ${MAX_BITS}`);
      let result: JBigDecimal;
      if (op === '/') result = bdDivide(x, y);
      else if (op === '*') result = new JBigDecimal(x.unscaled * y.unscaled, x.scale + y.scale);
      else {
        const [p, q, s] = align(x, y);
        result = new JBigDecimal(op === '+' ? p + q : p - q, s);
      }
      checkSize(result.unscaled);
      return result;
    }
  }
}

export class ArithmeticError extends Error {}

/** Integers wider than this many bits end a render (Java would compute them, slowly). */
export const MAX_BITS = 65_536;
/** Decimal digits a number may have (about MAX_BITS bits): more end the render. */
export const MAX_DIGITS = 20_000;
const BIG = 1n << BigInt(MAX_BITS);

/** A number too large to compute in a template (see MAX_BITS). */
export class NumberTooLarge extends Error {}

function checkSize(v: bigint): void {
  if (v >= BIG || v <= -BIG) throw new NumberTooLarge(`a number grew beyond ${MAX_BITS} bits`);
}

export function compareNumbers(a: JNumber, b: JNumber): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  switch (base(a, b)) {
    case 'long':
    case 'bigint': {
      const x = toBigInt(a);
      const y = toBigInt(b);
      return x < y ? -1 : x > y ? 1 : 0;
    }
    case 'double': {
      const x = toDouble(a);
      const y = toDouble(b);
      return x < y ? -1 : x > y ? 1 : 0;
    }
    default:
      return bdCompare(bdFromNumber(a), bdFromNumber(b));
  }
}

export function negate(n: JNumber): JNumber {
  if (typeof n === 'number') return n === INT_MIN ? -BigInt(n) : n === 0 ? 0 : -n; // an Integer has no -0
  if (typeof n === 'bigint') return n === LONG_MIN ? new JBigInteger(-n) : -n;
  if (n instanceof JDouble) return new JDouble(-n.v);
  if (n instanceof JBigInteger) return new JBigInteger(-n.v);
  return new JBigDecimal(-n.unscaled, n.scale);
}

export function isZero(n: JNumber): boolean {
  if (typeof n === 'number') return n === 0;
  if (typeof n === 'bigint') return n === 0n;
  if (n instanceof JDouble) return n.v === 0;
  if (n instanceof JBigInteger) return n.v === 0n;
  return n.unscaled === 0n;
}
