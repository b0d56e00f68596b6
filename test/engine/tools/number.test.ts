import { describe, expect, it } from 'vitest';
import { render } from '../../../src/engine/index.js';
import { NO_METHOD } from '../../../src/engine/methods.js';
import { NumberTool } from '../../../src/engine/tools/number.js';
import { JDouble } from '../../../src/engine/values.js';

const r = (template: string, json = '{}', locale?: string) => render(template, json, { tools: true, locale }).output;
const tool = new NumberTool();

describe('$numberTool.format with patterns (DecimalFormat, en_US, HALF_EVEN)', () => {
  it('formats money with two decimals, as Yespo documents', () => {
    expect(r("$numberTool.format('#.00', 3.14159) $numberTool.format('#.00', \"341\") $numberTool.format('#.00', 0.5) $numberTool.format('#.00', 1234.5) $numberTool.format('#.00', 0) $numberTool.format('#.00', $p)", '{"p": 258.0}')).toBe(
      '3.14 341.00 .50 1234.50 .00 258.00',
    );
    expect(r("$numberTool.format('#0.00', 0.5) $numberTool.format('0.00', 7)")).toBe('0.50 7.00');
  });

  it('groups digits', () => {
    expect(r("$numberTool.format('#,##0.00', 1234567.891) $numberTool.format('#,##0', 1234567) $numberTool.format('0000', 42) $numberTool.format('#,##0.##', 1000.5)")).toBe(
      '1,234,567.89 1,234,567 0042 1,000.5',
    );
    expect(r("$numberTool.format('#,##,###', 1234567) $numberTool.format('#,####', 1234567) $numberTool.format('#,##0', $big)", '{"big": 9223372036854775807}')).toBe(
      '1,234,567 123,4567 9,223,372,036,854,775,807',
    );
    expect(r("$numberTool.format('#,##0', $n)", '{"n": 99999999999999999999}')).toBe('99,999,999,999,999,999,999');
  });

  it('rounds the exact binary value half to even', () => {
    expect(r("$numberTool.format('0.00', 0.005) $numberTool.format('0.00', 0.015) $numberTool.format('0.00', 2.675) $numberTool.format('#.##', 2.5) $numberTool.format('0', 2.5) $numberTool.format('0', 3.5)")).toBe(
      '0.01 0.01 2.67 2.5 2 4',
    );
    expect(r("$numberTool.format('0.0', 0.25) $numberTool.format('0.0', 0.35) $numberTool.format('0', 0.5) $numberTool.format('0.00', 1e20) $numberTool.format('0.0', 1.0E-5)")).toBe(
      '0.2 0.3 0 100000000000000000000.00 0.0',
    );
    expect(r("$numberTool.format('#.##', 0.001) $numberTool.format('#', 0) $numberTool.format('#.#', 9.96)")).toBe('0 0 10');
  });

  it('keeps the sign of negative numbers that round to zero', () => {
    expect(r("$numberTool.format('#.00', 0) $numberTool.format('0.00', -1.5) $numberTool.format('#,##0.00', -1234.5) $numberTool.format('0.00', -0.001)")).toBe(
      '.00 -1.50 -1,234.50 -0.00',
    );
    expect(r("$numberTool.format('0', -0.4) $numberTool.format('0', $z)", '{"z": -0.0}')).toBe('-0 -0');
  });

  it('handles affixes, quotes, percent, per mille, currency signs and negative subpatterns', () => {
    expect(r("$numberTool.format(\"'#'0\", 5) $numberTool.format(\"0.00;(0.00)\", -1.5) $numberTool.format('#,##0.00 ¤', 5) $numberTool.format('¤¤ 0', 5)")).toBe(
      '#5 (1.50) 5.00 $ USD 5',
    );
    expect(r("$numberTool.format('0%', 0.256) $numberTool.format('0‰', 0.5) $numberTool.format(\"0 'pcs'\", 3) $numberTool.format(\"o''clock 0\", 3)")).toBe(
      "26% 500‰ 3 pcs o'clock 3",
    );
  });

  it('formats exponent patterns', () => {
    expect(r("$numberTool.format('0.###E0', 12345) $numberTool.format('##0.#####E0', 12345) $numberTool.format('00.###E0', 0.00123) $numberTool.format('0.0E00', -0.0001234)")).toBe(
      '1.234E4 12.345E3 12.3E-4 -1.2E-04',
    );
  });

  it('throws IllegalArgumentException for a malformed pattern (a render error)', () => {
    for (const p of ['#,', '0#', '0.0.0', '%%', ';0', "'0", '0E']) {
      expect(() => tool.callMethod('format', [p, 1]), p).toThrow(/IllegalArgumentException|pattern/);
    }
    expect(() => r('Price: $numberTool.format("#,##0.00", 1234.5)')).toThrow();
    // the pattern is built even when the number is null
    expect(() => tool.callMethod('format', ['#,', null])).toThrow();
  });
});

describe('$numberTool named formats', () => {
  it('number, integer, currency, percent', () => {
    expect(r("$numberTool.format('integer', 1234.5) $numberTool.format('percent', 0.256) $numberTool.format('currency', 1234.5) $numberTool.format('number', 1234.5678) $numberTool.format('number', 0.0001)")).toBe(
      '1,234 26% $1,234.50 1,234.568 0',
    );
    expect(r('$numberTool.currency(5) $numberTool.currency(1234.5) $numberTool.currency("99.9") $numberTool.currency(-3.456)')).toBe(
      '$5.00 $1,234.50 $99.90 -$3.46',
    );
    expect(r('$numberTool.percent(-0.5) $numberTool.number(1234567.0001) $numberTool.format(1234.5) $numberTool.format("DEFAULT", 2)')).toBe(
      '-50% 1,234,567 1,234.5 2',
    );
  });

  it('integer rounds half to even, despite the documentation saying "without rounding"', () => {
    expect(r('$numberTool.integer(3.7) $numberTool.integer("12.9") $numberTool.integer(2.5) $numberTool.integer(3.5) $numberTool.integer(1234567)')).toBe(
      '4 13 2 4 1,234,567',
    );
    expect(r("$numberTool.integer($l.size())", '{"l": [1, 2]}')).toBe('2');
  });
});

describe('$numberTool input conversion', () => {
  it('returns null for input that is not a number', () => {
    expect(r("[$numberTool.format('#.00', 'abc')] [$numberTool.format('#.00', $nul)] [$!numberTool.format('#.00', $missing)] [$numberTool.integer('x')]", '{"nul": null}')).toBe(
      "[$numberTool.format('#.00', 'abc')] [$numberTool.format('#.00', $nul)] [] [$numberTool.integer('x')]",
    );
    expect(r("[$numberTool.format('#.00', true)] [$numberTool.currency($m)]", '{"m": {"a": 1}}')).toBe(
      "[$numberTool.format('#.00', true)] [$numberTool.currency($m)]",
    );
  });

  it('toNumber parses with the default format or a given one', () => {
    expect(r('$numberTool.toNumber("1.5") $numberTool.toNumber(2) [$numberTool.toNumber("x")]')).toBe('1.5 2 [$numberTool.toNumber("x")]');
    expect(tool.callMethod('toNumber', ['1,234'])).toBe(1234n);
    expect(tool.callMethod('toNumber', ['percent', '50%'])).toEqual(new JDouble(0.5));
    expect(tool.callMethod('toNumber', ['percent', '200%'])).toBe(2n);
    expect(tool.callMethod('toNumber', ['currency', '$1,234.50'])).toEqual(new JDouble(1234.5));
    expect(tool.callMethod('toNumber', ['currency', '-$3'])).toBe(-3n);
    expect(tool.callMethod('toNumber', ['integer', '12.9'])).toBe(12n);
    expect(tool.callMethod('toNumber', ['#.00', 'x'])).toBe(null);
    expect(tool.callMethod('toNumber', ['#,', '5'])).toBe(null); // a bad pattern is swallowed here
    expect(tool.callMethod('toNumber', ['NaN'])).toEqual(new JDouble(NaN));
    expect(tool.callMethod('toNumber', ['∞'])).toEqual(new JDouble(Infinity));
    expect(tool.callMethod('toNumber', ['-9223372036854775808'])).toBe(-(2n ** 63n));
    expect(tool.callMethod('toNumber', ['9223372036854775808'])).toEqual(new JDouble(9223372036854775808));
    expect(r('$numberTool.format(\'0.0\', $numberTool.toNumber("NaN"))')).toBe('NaN');
  });

  it('takes other locales (symbols from CLDR)', () => {
    expect(r("$numberTool.format('#,##0.00', 1234.5)", '{}', 'de-DE')).toBe('1.234,50');
    expect(r("$numberTool.format('#,##0.00', 1234.5, 'de_DE') $numberTool.locale")).toBe('1.234,50 en_US');
    expect(new NumberTool('de-DE').callMethod('getLocale', [])).toBe('de_DE');
    expect(new NumberTool('uk-UA').callMethod('currency', [5])).toMatch(/^5,00\s₴$/);
  });

  it('finds no method for unknown names and wrong arities', () => {
    expect(tool.callMethod('format', [])).toBe(NO_METHOD);
    // a format that is no String is its toString(), as Velocity converts it: the pattern "1" (checked with Velocity 2.4.1)
    expect(tool.callMethod('format', [1, 2])).toBe('12');
    expect(tool.callMethod('integer', [1, 2])).toBe(NO_METHOD);
    expect(tool.callMethod('toString', [])).toBe(NO_METHOD);
  });
});
