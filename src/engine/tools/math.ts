/**
 * $mathTool: VelocityTools 2.0 org.apache.velocity.tools.generic.MathTool.
 *
 * Arguments become Numbers through ConversionUtils.toNumber (numbers as they are, strings
 * parsed by the en_US "default" NumberFormat, which reads a leading number: "12abc" is 12);
 * anything that does not convert makes the method return null, which Velocity prints as the
 * reference written in the template.
 *
 * Arithmetic is done in double. The result type comes from 2.0's matchType(): a whole result is
 * an Integer (a Long beyond the int range), any other result a Double. For the varargs methods
 * (add, sub, mul, div, max, min) 2.0 passes an array it never fills, so only the value decides:
 * `add(1.5, 1.5)` is the Integer 3. pow, abs and random also look at the inputs: a whole result
 * stays a Double when an input prints with a '.' (`abs(-2.0)` is 2.0).
 */
import { javaString, mapGet } from '../java.js';
import { JavaException, NO_METHOD, type HasMethods, type MethodResult } from '../methods.js';
import { intValue, toDouble, type JNumber } from '../numbers.js';
import { JDouble, JMap, JObject, JSet, type Value } from '../values.js';
import { toJavaNumber } from './number.js';

const INT_MAX = 2147483647;
const INT_MIN = -2147483648;
const LONG_MAX = 2n ** 63n - 1n;
const LONG_MIN = -(2n ** 63n);
/** Double.MIN_VALUE / MAX_VALUE, the seeds of 2.0's max() and min(). */
const DOUBLE_MIN_VALUE = 5e-324;
const DOUBLE_MAX_VALUE = 1.7976931348623157e308;

/** Java's (long) cast of a double: saturating, NaN is 0. */
function longCast(d: number): bigint {
  if (Number.isNaN(d)) return 0n;
  if (d >= 9.223372036854776e18) return LONG_MAX;
  if (d <= -9.223372036854776e18) return LONG_MIN;
  return BigInt(Math.trunc(d));
}

/** Java's (int) cast of a double: saturating, NaN is 0. */
function intCast(d: number): number {
  if (Number.isNaN(d)) return 0;
  if (d >= INT_MAX) return INT_MAX;
  if (d <= INT_MIN) return INT_MIN;
  return Math.trunc(d) | 0;
}

/** Math.rint: round half to even. */
function rint(d: number): number {
  if (!Number.isFinite(d)) return d;
  const f = Math.floor(d);
  const diff = d - f;
  let r: number;
  if (diff < 0.5) r = f;
  else if (diff > 0.5) r = f + 1;
  else r = f % 2 === 0 ? f : f + 1;
  return r === 0 ? (d < 0 || Object.is(d, -0) ? -0 : 0) : r;
}

/** Math.round(double) as a double: floor(x + 1/2) in long range, NaN is 0. */
function javaRound(d: number): number {
  if (Number.isNaN(d)) return 0;
  const r = Math.round(d);
  return Number(longCast(r)); // a long has no negative zero: Math.round(-0.4) is 0
}

/** MathTool.matchType(double out, Number... in). */
export function matchType(out: number, ins: (JNumber | null)[]): JNumber {
  let isIntegral = rint(out) === out;
  if (isIntegral) {
    for (const n of ins) {
      if (n === null) break;
      if (javaString(n).includes('.')) {
        isIntegral = false;
        break;
      }
    }
  }
  if (!isIntegral) return new JDouble(out);
  if (out > INT_MAX || out < INT_MIN) return longCast(out);
  return intCast(out);
}

export class MathTool extends JObject implements HasMethods {
  readonly javaClass = 'org.apache.velocity.tools.generic.MathTool';
  constructor(_options?: unknown) {
    super();
  }

  callMethod(name: string, args: Value[]): MethodResult | typeof NO_METHOD {
    const n = args.length;
    switch (name) {
      case 'add':
      case 'sub':
      case 'mul':
      case 'div':
      case 'max':
      case 'min':
        return this.varargs(name, args);
      case 'pow':
        return n === 2 ? this.pow(args[0]!, args[1]!) : NO_METHOD;
      case 'idiv':
      case 'mod':
        return n === 2 ? this.intOp(name, args[0]!, args[1]!) : NO_METHOD;
      case 'abs': {
        if (n !== 1) return NO_METHOD;
        const x = num(args[0]!);
        return x === undefined ? null : matchType(Math.abs(toDouble(x)), [x]);
      }
      case 'ceil':
      case 'floor':
      case 'round': {
        if (n !== 1) return NO_METHOD;
        const x = num(args[0]!);
        if (x === undefined) return null;
        const d = toDouble(x);
        return intCast(name === 'ceil' ? Math.ceil(d) : name === 'floor' ? Math.floor(d) : rint(d));
      }
      case 'roundTo':
        return n === 2 ? this.roundTo(args[0]!, args[1]!) : NO_METHOD;
      case 'getRandom':
        return n === 0 ? new JDouble(Math.random()) : NO_METHOD;
      case 'random':
        if (n === 0) return new JDouble(Math.random());
        return n === 2 ? this.random(args[0]!, args[1]!) : NO_METHOD;
      case 'toInteger': {
        if (n !== 1) return NO_METHOD;
        const x = num(args[0]!);
        return x === undefined ? null : intValue(x);
      }
      case 'toDouble': {
        if (n !== 1) return NO_METHOD;
        const x = num(args[0]!);
        return x === undefined ? null : new JDouble(toDouble(x));
      }
      case 'toNumber': {
        if (n !== 1) return NO_METHOD;
        return num(args[0]!) ?? null;
      }
      case 'getTotal':
      case 'getAverage':
        return this.aggregate(name, args);
      case 'getFormat':
        return n === 0 ? 'default' : NO_METHOD;
      case 'getLocale':
        return n === 0 ? 'en_US' : NO_METHOD;
      default:
        return NO_METHOD;
    }
  }

  /** add/sub/mul/div/max/min(Object...): double arithmetic, null on a bad argument. */
  private varargs(name: string, args: Value[]): Value {
    // Java passes a lone null argument to an Object... parameter as a null array: the loop over
    // it throws NullPointerException
    if (args.length === 1 && args[0] === null) {
      throw new JavaException('java.lang.NullPointerException', 'Cannot read the array length because "nums" is null');
    }
    let value = name === 'mul' ? 1 : name === 'max' ? DOUBLE_MIN_VALUE : name === 'min' ? DOUBLE_MAX_VALUE : 0;
    for (let i = 0; i < args.length; i++) {
      const x = num(args[i]!);
      if (x === undefined) return null;
      const d = toDouble(x);
      if (name === 'add') value += d;
      else if (name === 'mul') value *= d;
      else if (name === 'max') value = javaMax(value, d);
      else if (name === 'min') value = javaMin(value, d);
      else if (i === 0) value = d;
      else if (name === 'sub') value -= d;
      else {
        if (d === 0) return null; // div: "if (denominator == 0.0) return null"
        value /= d;
      }
    }
    // 2.0 passes `new Number[nums.length]`, never filled: the inputs never count
    return matchType(value, args.map(() => null));
  }

  private pow(a: Value, b: Value): Value {
    const x = num(a);
    const y = num(b);
    if (x === undefined || y === undefined) return null;
    return matchType(Math.pow(toDouble(x), toDouble(y)), [x, y]);
  }

  /** idiv/mod: int arithmetic on intValue(); null when the divisor's intValue is 0. */
  private intOp(name: string, a: Value, b: Value): Value {
    const x = num(a);
    const y = num(b);
    if (x === undefined || y === undefined) return null;
    const i = intValue(x);
    const j = intValue(y);
    if (j === 0) return null;
    if (name === 'idiv') return (i === INT_MIN && j === -1) ? INT_MIN : Math.trunc(i / j);
    return (i % j) + 0;
  }

  /**
   * roundTo(decimals, num): 2.0 scales by an int `delta` that starts at 10 and is multiplied by
   * 10 for each place after the first (so 0 and 1 place both round to one decimal, and the int
   * overflows from 10 places on), then returns (double) Math.round(value * delta) / delta.
   */
  private roundTo(dec: Value, v: Value): Value {
    const i = num(dec);
    const d = num(v);
    if (i === undefined || d === undefined) return null;
    const places = intValue(i);
    const value = toDouble(d);
    let delta = 10;
    // 10^k wraps to 0 in 32 bits from k = 32 on, so the loop needs at most 32 rounds
    for (let j = 1; j < places && j < 40; j++) delta = Math.imul(delta, 10);
    return new JDouble(javaRound(value * delta) / delta);
  }

  private random(a: Value, b: Value): Value {
    const x = num(a);
    const y = num(b);
    if (x === undefined || y === undefined) return null;
    const lo = toDouble(x);
    const r = (toDouble(y) - lo) * Math.random() + lo;
    if (!(javaString(x) + javaString(y)).includes('.')) return matchType(Math.floor(r), [x, y]);
    return new JDouble(r);
  }

  /** getTotal/getAverage(Collection [, field]) and the Object... forms. */
  private aggregate(name: string, args: Value[]): Value {
    let items: Value[];
    let field: string | undefined;
    const first = args[0];
    if (args.length === 2 && (Array.isArray(first) || first instanceof JSet) && typeof args[1] === 'string') {
      items = Array.isArray(first) ? first : first.items;
      field = args[1];
    } else if (args.length === 1 && (Array.isArray(first) || first instanceof JSet)) {
      items = Array.isArray(first) ? first : first.items;
    } else if (args.length === 1 && first === null) {
      return null;
    } else {
      items = args;
    }
    let total: JNumber | null;
    if (field !== undefined) {
      // PropertyUtils.getProperty: a map's entry; nulls are skipped (counted as 0)
      let result = 0;
      let firstN: JNumber | null = null;
      for (const it of items) {
        if (!(it instanceof JMap)) return null;
        const x = num(mapGet(it, field));
        if (x === undefined) continue;
        if (firstN === null) firstN = x;
        result += toDouble(x);
      }
      total = matchType(result, [firstN]);
    } else {
      let result = 0;
      let firstN: JNumber | null = null;
      for (const it of items) {
        const x = num(it);
        if (x === undefined) return null;
        if (firstN === null) firstN = x;
        result += toDouble(x);
      }
      total = matchType(result, [firstN]);
    }
    if (name === 'getTotal') return total;
    return matchType(toDouble(total) / items.length, [total]);
  }
}

/** MathTool.toNumber: ConversionUtils.toNumber(obj, "default", en_US). */
function num(v: Value): JNumber | undefined {
  return toJavaNumber(v);
}

/** Math.max(double, double): NaN wins, +0.0 is greater than -0.0. */
function javaMax(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return NaN;
  return Math.max(a, b);
}

function javaMin(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return NaN;
  return Math.min(a, b);
}

