import { describe, expect, it } from 'vitest';
import { render } from '../../../src/engine/index.js';
import { NO_METHOD } from '../../../src/engine/methods.js';
import { MathTool, matchType } from '../../../src/engine/tools/math.js';
import { JDouble } from '../../../src/engine/values.js';

const r = (template: string, json = '{}') => render(template, json, { tools: true }).output;
const math = new MathTool();

describe('$mathTool arithmetic (VelocityTools 2.0)', () => {
  it('adds, subtracts, multiplies and divides, documented forms', () => {
    expect(r('$mathTool.add(1, 2) $mathTool.sub(10, 4) $mathTool.mul(6, 7) $mathTool.div(8, 2)')).toBe('3 6 42 4');
    expect(r('$mathTool.add($a, $b)', '{"a": 40, "b": 2}')).toBe('42');
    expect(r('$mathTool.sub($contactId.toString().length(), 1)', '{"contactId": 1234567}')).toBe('6');
  });

  it('computes in double and prints whole results as Integer, others as Double', () => {
    expect(r('$mathTool.div(7, 2) $mathTool.div(1, 3) $mathTool.mul(0.1, 3) $mathTool.sub(990, 258.0)')).toBe(
      '3.5 0.3333333333333333 0.30000000000000004 732',
    );
    // 2.0 never fills the array it passes to matchType: 1.5 + 1.5 is the Integer 3
    expect(r('$mathTool.add(1.5, 1.5) $mathTool.div(3, 1.5) $mathTool.max(2, 2.0)')).toBe('3 2 2');
  });

  it('widens to Long beyond the int range and saturates at Long.MAX_VALUE', () => {
    expect(math.callMethod('add', [2147483647, 1])).toBe(2147483648n);
    expect(r('$mathTool.mul(100000, 100000) $mathTool.add($big, 1)', '{"big": 9223372036854775807}')).toBe(
      '10000000000 9223372036854775807',
    );
    expect(math.callMethod('add', [1, 2])).toBe(3);
    expect(math.callMethod('div', [7, 2])).toEqual(new JDouble(3.5));
  });

  it('accepts numeric strings the way NumberFormat.parse reads them', () => {
    expect(r('$mathTool.add("341", 10) $mathTool.mul($p, 2) $mathTool.sub($t, "0.5") $mathTool.mul("99.90", 2)', '{"p": "341", "t": "258.0"}')).toBe(
      '351 682 257.5 199.8',
    );
    // grouping is accepted, and parsing stops at the first character that is not part of a number
    expect(r('$mathTool.add("1,234.5", 0) $mathTool.add("12abc", 1) $mathTool.add("1E3", 0)')).toBe('1234.5 13 1000');
  });

  it('has varargs forms', () => {
    expect(r('$mathTool.add(1, 2, 3) $mathTool.mul(2, 3, 4) $mathTool.max(1, 9, 4) $mathTool.min(5, 3, 8) $mathTool.sub(10, 1, 2) $mathTool.div(100, 5, 2)')).toBe(
      '6 24 9 3 7 10',
    );
    expect(r('[$mathTool.sub(5)] [$mathTool.add()] [$mathTool.mul()]')).toBe('[5] [0] [1]');
  });

  it('keeps the 2.0 seeds of max and min', () => {
    // max starts from Double.MIN_VALUE (a positive number), min from Double.MAX_VALUE
    // (Java prints Double.MIN_VALUE as 4.9E-324; the engine's Double.toString is numbers.ts's)
    expect(math.callMethod('max', [-1, -2])).toEqual(new JDouble(Number.MIN_VALUE));
    expect(r('$mathTool.min()')).toBe('9223372036854775807');
    expect(r('$mathTool.min(1.5, 2) $mathTool.min("10", "9")')).toBe('1.5 9');
  });

  it('returns null for a zero divisor and for arguments that are not numbers', () => {
    expect(r('[$mathTool.div(1, 0)] [$!mathTool.div(1, 0)]')).toBe('[$mathTool.div(1, 0)] []');
    expect(r('[$mathTool.add("abc", 1)] [$mathTool.add($missing, 1)] [$!mathTool.mul($nul, 2)]', '{"nul": null}')).toBe(
      '[$mathTool.add("abc", 1)] [$mathTool.add($missing, 1)] []',
    );
    expect(r('[$mathTool.add(true, 1)] [$mathTool.add(" 5", 1)] [$mathTool.add("+5", 1)] [$mathTool.add([1], 1)]')).toBe(
      '[$mathTool.add(true, 1)] [$mathTool.add(" 5", 1)] [$mathTool.add("+5", 1)] [$mathTool.add([1], 1)]',
    );
  });

  it('works in #set and #if', () => {
    expect(r('#set($t = $mathTool.add($a, $b))#if($mathTool.add($a, $b) > 100)big $t#end', '{"a": "60", "b": 42}')).toBe('big 102');
  });
});

describe('$mathTool single-number methods', () => {
  it('pow and abs keep a Double when an input has a decimal point', () => {
    expect(r('$mathTool.pow(2, 10) $mathTool.pow(2, 0.5) $mathTool.pow(2.0, 2) $mathTool.pow("2", "3")')).toBe('1024 1.4142135623730951 4.0 8');
    expect(r('$mathTool.abs(-3) $mathTool.abs(-2.5) $mathTool.abs(-2.0) $mathTool.abs("-7")')).toBe('3 2.5 2.0 7');
    expect(r('$mathTool.pow(10, 400)')).toBe('9223372036854775807');
  });

  it('ceil, floor and round return Integers; round is half-even (Math.rint)', () => {
    expect(r('$mathTool.ceil(1.2) $mathTool.floor(-1.2) $mathTool.ceil("4.0") $mathTool.floor(7)')).toBe('2 -2 4 7');
    expect(r('$mathTool.round(2.5) $mathTool.round(3.5) $mathTool.round(-2.5) $mathTool.round("2.675") $mathTool.round(2.4999)')).toBe('2 4 -2 3 2');
    expect(r('$mathTool.round(1e12)')).toBe('2147483647');
  });

  it('roundTo rounds half up with its int scale, and rounds 0 places to one decimal as 2.0 does', () => {
    expect(r('$mathTool.roundTo(2, 3.14159) $mathTool.roundTo(2, 2.675) $mathTool.roundTo(1, "7.25") $mathTool.roundTo(2, 10)')).toBe(
      '3.14 2.68 7.3 10.0',
    );
    expect(r('$mathTool.roundTo(0, 2.56) $mathTool.roundTo(0, 2.5) $mathTool.roundTo(2, -1.005)')).toBe('2.6 2.5 -1.0');
    // the int scale wraps to 0 from 32 places on: 0/0
    expect(r('$mathTool.roundTo(40, 1.5) $mathTool.roundTo(2147483647, 1.5)')).toBe('NaN NaN');
  });

  it('idiv and mod use int arithmetic', () => {
    expect(r('$mathTool.idiv(7, 2) $mathTool.mod(7, 3) $mathTool.idiv("17", 5) $mathTool.mod(-7, 3) $mathTool.idiv(-7, 2) $mathTool.idiv(7.9, 2)')).toBe(
      '3 1 3 -1 -3 3',
    );
    expect(r('[$mathTool.mod(7, 0)] [$mathTool.idiv(7, 0.5)]')).toBe('[$mathTool.mod(7, 0)] [$mathTool.idiv(7, 0.5)]');
  });

  it('converts: toNumber, toInteger, toDouble', () => {
    expect(r('$mathTool.toNumber("12.50") [$mathTool.toNumber("abc")] $mathTool.toNumber(5) $mathTool.toInteger("12.7") $mathTool.toDouble(3) $mathTool.toInteger(-3.9)')).toBe(
      '12.5 [$mathTool.toNumber("abc")] 5 12 3.0 -3',
    );
    expect(math.callMethod('toNumber', ['5'])).toBe(5n); // NumberFormat.parse gives a Long
    expect(math.callMethod('toNumber', ['17.000'])).toBe(17n);
    expect(math.callMethod('toNumber', ['-0'])).toEqual(new JDouble(-0));
    expect(r('$mathTool.toDouble("7") $mathTool.toInteger(3000000000)')).toBe('7.0 -1294967296');
  });

  it('random stays within its bounds', () => {
    for (let i = 0; i < 20; i++) {
      const v = math.callMethod('random', [1, 10]);
      expect(typeof v).toBe('number');
      expect(v as number).toBeGreaterThanOrEqual(1);
      expect(v as number).toBeLessThanOrEqual(10);
      const d = math.callMethod('random', [1.5, 2]) as JDouble;
      expect(d).toBeInstanceOf(JDouble);
      expect(d.v).toBeGreaterThanOrEqual(1.5);
      expect((math.callMethod('getRandom', []) as JDouble).v).toBeLessThan(1);
    }
    expect(r('[$mathTool.random("x", 1)]')).toBe('[$mathTool.random("x", 1)]');
  });

  it('totals and averages lists, also by map field', () => {
    expect(r('$mathTool.getTotal($l) $mathTool.getAverage($l) $mathTool.getTotal($items, "price") $mathTool.getAverage($items, "price")', '{"l": [1, 2], "items": [{"price": 2.5}, {"price": "1.5"}, {}]}')).toBe(
      '3 1.5 4.0 1.3333333333333333',
    );
    expect(r('[$mathTool.getTotal($l)]', '{"l": [1, "x"]}')).toBe('[$mathTool.getTotal($l)]');
  });

  it('finds no method for a wrong number of arguments', () => {
    expect(math.callMethod('abs', [])).toBe(NO_METHOD);
    expect(math.callMethod('pow', [1])).toBe(NO_METHOD);
    expect(math.callMethod('constructor', [])).toBe(NO_METHOD);
    expect(math.callMethod('getLocale', [])).toBe('en_US');
  });

  it('matchType decides Integer, Long or Double', () => {
    expect(matchType(3, [null])).toBe(3);
    expect(matchType(3, [new JDouble(1.5)])).toEqual(new JDouble(3));
    expect(matchType(-3e9, [])).toBe(-3000000000n);
    expect(matchType(NaN, [])).toEqual(new JDouble(NaN));
  });
});
