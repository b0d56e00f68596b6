/** BigDecimal: scales, Java's rounding modes, exact division, and its text forms. */
import { MAX_BITS, bdCompare, bdFromString, bdToString, javaDouble } from '../numbers.js';
import { MethodLimit } from '../regex.js';
import { JBigDecimal, JBigInteger, type Value } from '../values.js';
import { JavaException, NO_METHOD, arithmetic, convert, ints, npe, toDbl, toLong, type Table } from './core.js';
import { capped, toBigDecimal } from './big.js';
import { NUMBER } from './number.js';

const abs = (v: bigint) => (v < 0n ? -v : v);
const pow10 = (n: number) => {
  if (n > MAX_BITS) throw new MethodLimit(`a decimal scale beyond ${MAX_BITS}`);
  return 10n ** BigInt(n);
};
function bd(unscaled: bigint, scale: number): JBigDecimal {
  if (Math.abs(scale) > MAX_BITS) throw new MethodLimit(`a decimal scale beyond ${MAX_BITS}`);
  return new JBigDecimal(capped(unscaled), scale);
}

/** Divides num/den to an integer with a java.math.RoundingMode (0 UP … 7 UNNECESSARY). */
function roundDiv(num: bigint, den: bigint, mode: number): bigint {
  if (den < 0n) [num, den] = [-num, -den];
  const q = num / den;
  const r = num % den;
  if (r === 0n) return q;
  const neg = num < 0n;
  const away = neg ? q - 1n : q + 1n;
  const twice = abs(r) * 2n;
  switch (mode) {
    case 0:
      return away;
    case 1:
      return q;
    case 2:
      return neg ? q : away;
    case 3:
      return neg ? away : q;
    case 4:
      return twice >= den ? away : q;
    case 5:
      return twice > den ? away : q;
    case 6:
      return twice > den || (twice === den && (q & 1n) !== 0n) ? away : q;
    case 7:
      throw arithmetic('Rounding necessary');
    default:
      return q;
  }
}
function mode(v: number): number {
  if (v < 0 || v > 7) throw new JavaException('java.lang.IllegalArgumentException', 'argument out of range');
  return v;
}

/** setScale(n, mode). */
export function setScale(x: JBigDecimal, scale: number, m = 7): JBigDecimal {
  if (scale >= x.scale) return bd(x.unscaled * pow10(scale - x.scale), scale);
  return bd(roundDiv(x.unscaled, pow10(x.scale - scale), m), scale);
}

function align(a: JBigDecimal, b: JBigDecimal): [bigint, bigint, number] {
  const s = Math.max(a.scale, b.scale);
  return [a.unscaled * pow10(s - a.scale), b.unscaled * pow10(s - b.scale), s];
}

function strip(x: JBigDecimal, floor = -Infinity): JBigDecimal {
  if (x.unscaled === 0n) return floor === -Infinity ? new JBigDecimal(0n, 0) : x;
  let u = x.unscaled;
  let s = x.scale;
  while (s > floor && u % 10n === 0n) {
    u /= 10n;
    s--;
  }
  return bd(u, s);
}

/** divide(d): the exact quotient at the preferred scale this.scale - d.scale, or more digits. */
function divideExact(a: JBigDecimal, b: JBigDecimal): JBigDecimal {
  if (b.unscaled === 0n) throw arithmetic(a.unscaled === 0n ? 'Division undefined' : 'Division by zero');
  const pref = a.scale - b.scale;
  if (a.unscaled === 0n) return bd(0n, Math.max(Math.min(pref, 2147483647), -2147483648));
  let n = a.unscaled;
  let d = b.unscaled;
  if (d < 0n) [n, d] = [-n, -d];
  let g = abs(n);
  let h = d;
  while (h) [g, h] = [h, g % h];
  n /= g;
  d /= g;
  let twos = 0;
  let fives = 0;
  while (d % 2n === 0n) (d /= 2n), twos++;
  while (d % 5n === 0n) (d /= 5n), fives++;
  if (d !== 1n) throw arithmetic('Non-terminating decimal expansion; no exact representable decimal result.');
  const t = Math.max(twos, fives);
  const u = n * 2n ** BigInt(t - twos) * 5n ** BigInt(t - fives);
  return strip(bd(u, t + pref), pref);
}

function divideTo(a: JBigDecimal, b: JBigDecimal, scale: number, m: number): JBigDecimal {
  if (b.unscaled === 0n) throw arithmetic(a.unscaled === 0n ? 'Division undefined' : 'Division by zero');
  // a/b = a.u * 10^(b.s - a.s) / b.u; as an unscaled value at `scale`: * 10^scale
  const e = scale + b.scale - a.scale;
  const num = e >= 0 ? a.unscaled * pow10(e) : a.unscaled;
  const den = e >= 0 ? b.unscaled : b.unscaled * pow10(-e);
  return bd(roundDiv(num, den, m), scale);
}

function integralQuotient(a: JBigDecimal, b: JBigDecimal): JBigDecimal {
  if (b.unscaled === 0n) throw arithmetic(a.unscaled === 0n ? 'Division undefined' : 'Division by zero');
  const pref = a.scale - b.scale;
  const q = divideTo(a, b, 0, 1);
  return pref >= 0 ? setScale(q, pref) : strip(q, pref);
}

const add = (x: JBigDecimal, y: JBigDecimal) => {
  const [p, q, s] = align(x, y);
  return bd(p + q, s);
};
const mul = (x: JBigDecimal, y: JBigDecimal) => bd(x.unscaled * y.unscaled, x.scale + y.scale);

function plain(x: JBigDecimal): string {
  if (x.scale <= 0) return (x.unscaled * pow10(-x.scale)).toString();
  const neg = x.unscaled < 0n;
  const digits = abs(x.unscaled).toString().padStart(x.scale + 1, '0');
  return (neg ? '-' : '') + digits.slice(0, digits.length - x.scale) + '.' + digits.slice(digits.length - x.scale);
}

function engineering(x: JBigDecimal): string {
  const digits = abs(x.unscaled).toString();
  const adjusted = digits.length - 1 - x.scale;
  if (x.scale >= 0 && adjusted >= -6) return bdToString(x);
  const sign = x.unscaled < 0n ? '-' : '';
  if (x.unscaled === 0n) return bdToString(x);
  let e = adjusted;
  let intDigits = 1;
  const r = ((e % 3) + 3) % 3;
  e -= r;
  intDigits += r;
  const d = digits.padEnd(intDigits, '0');
  const mant = d.slice(0, intDigits) + (d.length > intDigits ? '.' + d.slice(intDigits) : '');
  return sign + mant + (e !== 0 ? 'E' + (e > 0 ? '+' : '') + e : '');
}

function un(a: Value[], f: (y: JBigDecimal) => Value): Value | typeof NO_METHOD {
  if (a.length === 1 && a[0] === null) throw npe();
  const r = convert(a, 1, toBigDecimal);
  return r ? f(r[0]!) : NO_METHOD;
}
const exactInt = (x: JBigDecimal, bits: number): bigint => {
  const i = setScale(x, 0, 7).unscaled;
  if (BigInt.asIntN(bits, i) !== i) throw arithmetic('Overflow');
  return i;
};

export const BIGDECIMAL: Table = {
  ...NUMBER,
  add: (x: JBigDecimal, a: Value[]) => un(a, (y) => add(x, y)),
  subtract: (x: JBigDecimal, a: Value[]) => un(a, (y) => add(x, new JBigDecimal(-y.unscaled, y.scale))),
  multiply: (x: JBigDecimal, a: Value[]) => un(a, (y) => mul(x, y)),
  divide: (x: JBigDecimal, a: Value[]) => {
    if (a.length === 1) return un(a, (y) => divideExact(x, y));
    const y = a.length >= 2 ? toBigDecimal(a[0]!) : NO_METHOD;
    const r = ints(a.slice(1), a.length - 1);
    if (y === NO_METHOD || !r || r.length > 2) return NO_METHOD;
    return r.length === 1 ? divideTo(x, y, x.scale, mode(r[0]!)) : divideTo(x, y, r[0]!, mode(r[1]!));
  },
  divideToIntegralValue: (x: JBigDecimal, a: Value[]) => un(a, (y) => integralQuotient(x, y)),
  remainder: (x: JBigDecimal, a: Value[]) => un(a, (y) => {
    const q = integralQuotient(x, y);
    const p = mul(q, y);
    return add(x, new JBigDecimal(-p.unscaled, p.scale));
  }),
  divideAndRemainder: () => NO_METHOD,
  pow: (x: JBigDecimal, a: Value[]) => {
    const r = ints(a, 1);
    if (!r) return NO_METHOD;
    const n = r[0]!;
    if (n < 0 || n > 999999999) throw arithmetic('Invalid operation');
    if (abs(x.unscaled).toString(2).length * n > MAX_BITS) throw new MethodLimit(`a number grew beyond ${MAX_BITS} bits`);
    return bd(x.unscaled ** BigInt(n), x.scale * n);
  },
  negate: (x: JBigDecimal, a: Value[]) => (a.length === 0 ? bd(-x.unscaled, x.scale) : NO_METHOD),
  abs: (x: JBigDecimal, a: Value[]) => (a.length === 0 ? bd(abs(x.unscaled), x.scale) : NO_METHOD),
  plus: (x: JBigDecimal, a: Value[]) => (a.length === 0 ? x : NO_METHOD),
  signum: (x: JBigDecimal, a: Value[]) => (a.length === 0 ? (x.unscaled < 0n ? -1 : x.unscaled > 0n ? 1 : 0) : NO_METHOD),
  scale: (x: JBigDecimal, a: Value[]) => (a.length === 0 ? x.scale : NO_METHOD),
  precision: (x: JBigDecimal, a: Value[]) => (a.length === 0 ? abs(x.unscaled).toString().length : NO_METHOD),
  unscaledValue: (x: JBigDecimal, a: Value[]) => (a.length === 0 ? new JBigInteger(x.unscaled) : NO_METHOD),
  ulp: (x: JBigDecimal, a: Value[]) => (a.length === 0 ? new JBigDecimal(1n, x.scale) : NO_METHOD),
  setScale: (x: JBigDecimal, a: Value[]) => {
    const r = ints(a, a.length);
    if (!r || r.length < 1 || r.length > 2) return NO_METHOD;
    return setScale(x, r[0]!, r.length === 2 ? mode(r[1]!) : 7);
  },
  stripTrailingZeros: (x: JBigDecimal, a: Value[]) => (a.length === 0 ? strip(x) : NO_METHOD),
  movePointLeft: (x: JBigDecimal, a: Value[]) => movePoint(x, a, 1),
  movePointRight: (x: JBigDecimal, a: Value[]) => movePoint(x, a, -1),
  scaleByPowerOfTen: (x: JBigDecimal, a: Value[]) => {
    const r = ints(a, 1);
    return r ? bd(x.unscaled, x.scale - r[0]!) : NO_METHOD;
  },
  max: (x: JBigDecimal, a: Value[]) => un(a, (y) => (bdCompare(x, y) >= 0 ? x : y)),
  min: (x: JBigDecimal, a: Value[]) => un(a, (y) => (bdCompare(x, y) <= 0 ? x : y)),
  toPlainString: (x: JBigDecimal, a: Value[]) => (a.length === 0 ? plain(x) : NO_METHOD),
  toEngineeringString: (x: JBigDecimal, a: Value[]) => (a.length === 0 ? engineering(x) : NO_METHOD),
  toBigInteger: (x: JBigDecimal, a: Value[]) => (a.length === 0 ? new JBigInteger(setScale(x, 0, 1).unscaled) : NO_METHOD),
  toBigIntegerExact: (x: JBigDecimal, a: Value[]) => (a.length === 0 ? new JBigInteger(setScale(x, 0, 7).unscaled) : NO_METHOD),
  intValueExact: (x: JBigDecimal, a: Value[]) => (a.length === 0 ? Number(exactInt(x, 32)) : NO_METHOD),
  longValueExact: (x: JBigDecimal, a: Value[]) => (a.length === 0 ? exactInt(x, 64) : NO_METHOD),
  shortValueExact: (x: JBigDecimal, a: Value[]) => (a.length === 0 ? Number(exactInt(x, 16)) : NO_METHOD),
  byteValueExact: (x: JBigDecimal, a: Value[]) => (a.length === 0 ? Number(exactInt(x, 8)) : NO_METHOD),
  valueOf: (_x: JBigDecimal, a: Value[]) => {
    if (a.length === 2) {
      const r = convert(a.slice(0, 1), 1, toLong);
      const s = ints(a.slice(1), 1);
      return r && s ? bd(r[0]!, s[0]!) : NO_METHOD;
    }
    if (a.length !== 1) return NO_METHOD;
    const v = a[0]!;
    if (typeof v === 'number' || typeof v === 'bigint') return bd(BigInt(v), 0);
    const d = toDbl(v);
    if (d === NO_METHOD) return NO_METHOD;
    if (!Number.isFinite(d)) throw new JavaException('java.lang.NumberFormatException', 'Infinite or NaN');
    return bdFromString(javaDouble(d))!;
  },
};

function movePoint(x: JBigDecimal, a: Value[], dir: number): Value | typeof NO_METHOD {
  const r = ints(a, 1);
  if (!r) return NO_METHOD;
  const n = bd(x.unscaled, x.scale + dir * r[0]!);
  return n.scale < 0 ? setScale(n, 0) : n;
}
