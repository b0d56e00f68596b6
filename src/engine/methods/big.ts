/**
 * BigInteger and BigDecimal, the types of payload integers beyond 64 bits and of arithmetic on
 * them: every public method a template can reach, with Java's scales and rounding modes. Results
 * are capped at MAX_BITS like the arithmetic operators.
 */
import { MAX_BITS, bdFromNumber, bdFromString, isNumber } from '../numbers.js';
import { MethodLimit } from '../regex.js';
import { chargeWork } from '../budget.js';
import { JBigDecimal, JBigInteger, type Value } from '../values.js';
import { NO_METHOD, arithmetic, convert, ints, npe, numberFormat, type Table } from './core.js';
import { javaArray } from './arrays.js';
import { NUMBER, unInt, unLong } from './number.js';

const LIMIT = 1n << BigInt(MAX_BITS);
function capped(v: bigint): bigint {
  if (v >= LIMIT || v <= -LIMIT) throw new MethodLimit(`a number grew beyond ${MAX_BITS} bits`);
  return v;
}
const bi = (v: bigint) => new JBigInteger(capped(v));
const abs = (v: bigint) => (v < 0n ? -v : v);
const sgn = (v: bigint) => (v < 0n ? -1 : v > 0n ? 1 : 0);

/** A BigInteger parameter: Velocity converts integral numbers. */
function toBigInteger(v: Value): bigint | typeof NO_METHOD {
  if (v instanceof JBigInteger) return v.v;
  if (typeof v === 'number' || typeof v === 'bigint') return BigInt(v);
  if (typeof v === 'string') {
    if (!/^[+-]?\d+$/.test(v) || v.length > 20_000) throw numberFormat(v);
    return BigInt(v);
  }
  return NO_METHOD;
}
/** A BigDecimal parameter: Velocity converts numbers and numeric strings. */
function toBigDecimal(v: Value): JBigDecimal | typeof NO_METHOD {
  if (v instanceof JBigDecimal) return v;
  // an Integer or Long becomes a BigDecimal of its digits (scale 0), a Double through Double.toString
  if (typeof v === 'number' || typeof v === 'bigint') return new JBigDecimal(BigInt(v), 0);
  if (isNumber(v)) return bdFromNumber(v);
  if (typeof v === 'string') {
    const b = v.length > 20_000 ? undefined : bdFromString(v);
    if (!b) throw numberFormat(v);
    return b;
  }
  return NO_METHOD;
}
function un<T>(a: Value[], conv: (v: Value) => T | typeof NO_METHOD, f: (x: T) => Value): Value | typeof NO_METHOD {
  if (a.length === 1 && a[0] === null) throw npe();
  const r = convert(a, 1, conv);
  return r ? f(r[0]!) : NO_METHOD;
}

function bitsOf(v: bigint): string {
  return (v < 0n ? ~v : v).toString(2);
}
/** BigInteger.bitLength: bits of the two's-complement form without the sign bit. */
const bitLength = (v: bigint) => (v === 0n || v === -1n ? 0 : bitsOf(v).length);

function isqrt(n: bigint): bigint {
  if (n < 0n) throw arithmetic('Negative BigInteger');
  if (n < 2n) return n;
  // Newton's method from a power of two above the root
  let x = 1n << BigInt(Math.ceil(n.toString(2).length / 2));
  for (;;) {
    chargeWork(1);
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

function modPow(b: bigint, e: bigint, m: bigint): bigint {
  if (m <= 0n) throw arithmetic('BigInteger: modulus not positive');
  if (e < 0n) throw arithmetic('BigInteger not invertible.');
  let r = 1n % m;
  b = ((b % m) + m) % m;
  // each step multiplies numbers as large as the modulus: count it by their size
  const cost = Math.max(1, Math.ceil(m.toString(16).length / 64) ** 2);
  while (e > 0n) {
    chargeWork(cost);
    if (e & 1n) r = (r * b) % m;
    b = (b * b) % m;
    e >>= 1n;
  }
  return r;
}
const mod = (a: bigint, m: bigint) => {
  if (m <= 0n) throw arithmetic('BigInteger: modulus not positive');
  return ((a % m) + m) % m;
};
const div = (a: bigint, b: bigint) => {
  if (b === 0n) throw arithmetic('BigInteger divide by zero');
  return a / b;
};
function gcd(a: bigint, b: bigint): bigint {
  a = abs(a);
  b = abs(b);
  while (b) [a, b] = [b, a % b];
  return a;
}

const BIGINTEGER: Table = {
  ...NUMBER,
  add: (x: JBigInteger, a: Value[]) => un(a, toBigInteger, (y) => bi(x.v + y)),
  subtract: (x: JBigInteger, a: Value[]) => un(a, toBigInteger, (y) => bi(x.v - y)),
  multiply: (x: JBigInteger, a: Value[]) => un(a, toBigInteger, (y) => bi(x.v * y)),
  divide: (x: JBigInteger, a: Value[]) => un(a, toBigInteger, (y) => bi(div(x.v, y))),
  remainder: (x: JBigInteger, a: Value[]) => un(a, toBigInteger, (y) => (y === 0n ? div(x.v, y) : bi(x.v % y))),
  mod: (x: JBigInteger, a: Value[]) => un(a, toBigInteger, (y) => bi(mod(x.v, y))),
  divideAndRemainder: (x: JBigInteger, a: Value[]) =>
    un(a, toBigInteger, (y) => javaArray([bi(div(x.v, y)), bi(x.v % y)], '[Ljava.math.BigInteger;')),
  gcd: (x: JBigInteger, a: Value[]) => un(a, toBigInteger, (y) => bi(gcd(x.v, y))),
  min: (x: JBigInteger, a: Value[]) => un(a, toBigInteger, (y) => (y < x.v ? bi(y) : x)),
  max: (x: JBigInteger, a: Value[]) => un(a, toBigInteger, (y) => (y > x.v ? bi(y) : x)),
  and: (x: JBigInteger, a: Value[]) => un(a, toBigInteger, (y) => bi(x.v & y)),
  or: (x: JBigInteger, a: Value[]) => un(a, toBigInteger, (y) => bi(x.v | y)),
  xor: (x: JBigInteger, a: Value[]) => un(a, toBigInteger, (y) => bi(x.v ^ y)),
  andNot: (x: JBigInteger, a: Value[]) => un(a, toBigInteger, (y) => bi(x.v & ~y)),
  modPow: (x: JBigInteger, a: Value[]) => {
    const r = convert(a, 2, toBigInteger);
    return r ? bi(modPow(x.v, r[0]!, r[1]!)) : NO_METHOD;
  },
  pow: (x: JBigInteger, a: Value[]) => {
    const r = ints(a, 1);
    if (!r) return NO_METHOD;
    if (r[0]! < 0) throw arithmetic('Negative exponent');
    if (bitLength(x.v) * r[0]! > MAX_BITS) throw new MethodLimit(`a number grew beyond ${MAX_BITS} bits`);
    return bi(x.v ** BigInt(r[0]!));
  },
  // an int or long parameter's null is no int (no method), not the NullPointerException of a
  // BigInteger parameter (un)
  shiftLeft: (x: JBigInteger, a: Value[]) => unInt(a, (n) => shift(x.v, n)),
  shiftRight: (x: JBigInteger, a: Value[]) => unInt(a, (n) => shift(x.v, -n)),
  testBit: (x: JBigInteger, a: Value[]) => unInt(a, (n) => {
    if (n < 0) throw arithmetic('Negative bit address');
    return ((x.v >> BigInt(n)) & 1n) === 1n;
  }),
  setBit: (x: JBigInteger, a: Value[]) => unInt(a, (n) => bi(x.v | (1n << BigInt(bitIndex(n))))),
  clearBit: (x: JBigInteger, a: Value[]) => unInt(a, (n) => bi(x.v & ~(1n << BigInt(bitIndex(n))))),
  flipBit: (x: JBigInteger, a: Value[]) => unInt(a, (n) => bi(x.v ^ (1n << BigInt(bitIndex(n))))),
  negate: (x: JBigInteger, a: Value[]) => (a.length === 0 ? bi(-x.v) : NO_METHOD),
  abs: (x: JBigInteger, a: Value[]) => (a.length === 0 ? bi(abs(x.v)) : NO_METHOD),
  not: (x: JBigInteger, a: Value[]) => (a.length === 0 ? bi(~x.v) : NO_METHOD),
  signum: (x: JBigInteger, a: Value[]) => (a.length === 0 ? sgn(x.v) : NO_METHOD),
  sqrt: (x: JBigInteger, a: Value[]) => (a.length === 0 ? bi(isqrt(x.v)) : NO_METHOD),
  bitLength: (x: JBigInteger, a: Value[]) => (a.length === 0 ? bitLength(x.v) : NO_METHOD),
  bitCount: (x: JBigInteger, a: Value[]) => (a.length === 0 ? [...bitsOf(x.v)].filter((c) => c === '1').length : NO_METHOD),
  getLowestSetBit: (x: JBigInteger, a: Value[]) => {
    if (a.length) return NO_METHOD;
    if (x.v === 0n) return -1;
    const b = abs(x.v).toString(2);
    return b.length - 1 - b.lastIndexOf('1');
  },
  isProbablePrime: (x: JBigInteger, a: Value[]) => unInt(a, (c) => (c <= 0 ? true : isPrime(abs(x.v)))),
  longValueExact: (x: JBigInteger, a: Value[]) => (a.length === 0 ? exact(x.v, 64, 'long') : NO_METHOD),
  intValueExact: (x: JBigInteger, a: Value[]) => (a.length === 0 ? Number(exact(x.v, 32, 'int')) : NO_METHOD),
  shortValueExact: (x: JBigInteger, a: Value[]) => (a.length === 0 ? Number(exact(x.v, 16, 'short')) : NO_METHOD),
  byteValueExact: (x: JBigInteger, a: Value[]) => (a.length === 0 ? Number(exact(x.v, 8, 'byte')) : NO_METHOD),
  toByteArray: (x: JBigInteger, a: Value[]) => {
    if (a.length) return NO_METHOD;
    const n = Math.floor(bitLength(x.v) / 8) + 1;
    const out: Value[] = [];
    for (let i = n - 1; i >= 0; i--) out.push(Number(BigInt.asIntN(8, x.v >> BigInt(8 * i))));
    return javaArray(out, '[B');
  },
  toString: (x: JBigInteger, a: Value[]) => {
    if (a.length === 0) return x.v.toString();
    const r = ints(a, 1);
    if (!r) return NO_METHOD;
    return x.v.toString(r[0]! < 2 || r[0]! > 36 ? 10 : r[0]!);
  },
  valueOf: (_x: JBigInteger, a: Value[]) => unLong(a, (v) => new JBigInteger(v)),
};

function bitIndex(n: number): number {
  if (n < 0) throw arithmetic('Negative bit address');
  if (n > MAX_BITS) throw new MethodLimit(`a number grew beyond ${MAX_BITS} bits`);
  return n;
}
function shift(v: bigint, n: number): JBigInteger {
  if (n > MAX_BITS) throw new MethodLimit(`a number grew beyond ${MAX_BITS} bits`);
  return bi(n >= 0 ? v << BigInt(n) : v >> BigInt(Math.min(-n, MAX_BITS * 2)));
}
function exact(v: bigint, bits: number, what: string): bigint {
  if (BigInt.asIntN(bits, v) !== v) throw arithmetic(`BigInteger out of ${what} range`);
  return v;
}
function isPrime(n: bigint): boolean {
  if (n < 2n) return false;
  for (const p of [2n, 3n, 5n, 7n, 11n, 13n, 17n, 19n, 23n, 29n, 31n, 37n]) {
    if (n === p) return true;
    if (n % p === 0n) return false;
  }
  let d = n - 1n;
  let s = 0;
  while ((d & 1n) === 0n) {
    d >>= 1n;
    s++;
  }
  outer: for (const a of [2n, 3n, 5n, 7n, 11n, 13n, 17n, 19n, 23n, 29n, 31n, 37n]) {
    let x = modPow(a, d, n);
    if (x === 1n || x === n - 1n) continue;
    for (let i = 1; i < s; i++) {
      x = (x * x) % n;
      if (x === n - 1n) continue outer;
    }
    return false;
  }
  return true;
}

export { BIGINTEGER, toBigDecimal, capped };
