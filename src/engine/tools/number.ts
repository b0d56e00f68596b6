/**
 * $numberTool: VelocityTools 2.0 org.apache.velocity.tools.generic.NumberTool.
 *
 * Every method goes through ConversionUtils: the argument becomes a Number (numbers as they
 * are, anything else through String.valueOf and NumberFormat.parse of the "default" format),
 * the format name or pattern becomes a NumberFormat ("default"/"number", "integer", "currency",
 * "percent", else `new DecimalFormat(pattern, symbols)`), and a null from either gives null
 * (Velocity then prints the reference as written). A malformed pattern is not caught by
 * VelocityTools: DecimalFormat's IllegalArgumentException reaches the template as a render error.
 */
import { javaString } from '../java.js';
import { NO_METHOD, type HasMethods, type MethodResult } from '../methods.js';
import { isNumber, type JNumber } from '../numbers.js';
import { JChar, JObject, type Value } from '../values.js';
import { DecimalFormat, EN_US_SYMBOLS, type FormatSymbols } from './decimal-format.js';

/** What NumberFormat.get*Instance gives for one locale. */
export interface LocaleNumberData {
  /** Java's Locale.toString(), e.g. "en_US". */
  javaName: string;
  symbols: FormatSymbols;
  numberPattern: string;
  currencyPattern: string;
  percentPattern: string;
  currencyDigits: number;
}

/** JDK 17 (CLDR) data for en_US, the JVM default locale of the corpus. */
const EN_US: LocaleNumberData = {
  javaName: 'en_US',
  symbols: EN_US_SYMBOLS,
  numberPattern: '#,##0.###',
  currencyPattern: '\u00A4#,##0.00',
  percentPattern: '#,##0%',
  currencyDigits: 2,
};

/** The currency of a country, for NumberFormat.getCurrencyInstance (a small table). */
const REGION_CURRENCY: Record<string, string> = {
  US: 'USD', GB: 'GBP', UA: 'UAH', PL: 'PLN', CZ: 'CZK', RU: 'RUB', KZ: 'KZT', MD: 'MDL', GE: 'GEL',
  CH: 'CHF', SE: 'SEK', NO: 'NOK', DK: 'DKK', HU: 'HUF', RO: 'RON', BG: 'BGN', TR: 'TRY', CA: 'CAD',
  AU: 'AUD', JP: 'JPY', CN: 'CNY', IN: 'INR', BR: 'BRL', IL: 'ILS', AZ: 'AZN', UZ: 'UZS', AM: 'AMD',
  DE: 'EUR', FR: 'EUR', IT: 'EUR', ES: 'EUR', NL: 'EUR', AT: 'EUR', BE: 'EUR', FI: 'EUR', IE: 'EUR',
  PT: 'EUR', GR: 'EUR', SK: 'EUR', SI: 'EUR', LT: 'EUR', LV: 'EUR', EE: 'EUR', LU: 'EUR', HR: 'EUR',
};

const cache = new Map<string, LocaleNumberData>();

/**
 * Locale data for a language tag ("en-US", "en_US", "uk-UA"). en_US is the JDK's own data;
 * other locales take their symbols and currency/percent layout from Intl (CLDR, as the JDK).
 */
export function localeNumberData(tag: string): LocaleNumberData | undefined {
  const m = /^([a-zA-Z]{2,3})(?:[-_]([a-zA-Z]{2}|\d{3}))?$/.exec(tag.trim());
  if (!m) return undefined;
  const lang = m[1]!.toLowerCase();
  const region = m[2]?.toUpperCase();
  const javaName = region ? `${lang}_${region}` : lang;
  if (javaName === 'en_US') return EN_US;
  const hit = cache.get(javaName);
  if (hit) return hit;
  let data: LocaleNumberData;
  try {
    data = fromIntl(region ? `${lang}-${region}` : lang, javaName, region);
  } catch {
    return undefined;
  }
  if (cache.size < 64) cache.set(javaName, data);
  return data;
}

function fromIntl(bcp47: string, javaName: string, region: string | undefined): LocaleNumberData {
  const part = (parts: Intl.NumberFormatPart[], type: string, dflt: string) =>
    parts.find((p) => p.type === type)?.value ?? dflt;
  const nparts = new Intl.NumberFormat(bcp47, { useGrouping: true }).formatToParts(-1234567.5);
  const currencyCode = (region && Object.hasOwn(REGION_CURRENCY, region) && REGION_CURRENCY[region]) || 'XXX';
  const symbols: FormatSymbols = {
    ...EN_US_SYMBOLS,
    zero: '0',
    group: part(nparts, 'group', ','),
    decimal: part(nparts, 'decimal', '.'),
    minus: part(nparts, 'minusSign', '-'),
    percent: part(new Intl.NumberFormat(bcp47, { style: 'percent' }).formatToParts(0.5), 'percentSign', '%'),
    currencyCode,
    currencySymbol: '\u00A4',
  };
  symbols.monetaryDecimal = symbols.decimal;
  symbols.monetaryGroup = symbols.group;
  let currencyPattern = '\u00A4#,##0.00';
  let currencyDigits = 2;
  if (currencyCode !== 'XXX') {
    const cf = new Intl.NumberFormat(bcp47, { style: 'currency', currency: currencyCode });
    currencyDigits = cf.resolvedOptions().maximumFractionDigits ?? 2;
    const cparts = cf.formatToParts(1234.5);
    symbols.currencySymbol = part(cparts, 'currency', currencyCode);
    currencyPattern = layout(cparts, currencyDigits > 0 ? '#,##0.' + '0'.repeat(currencyDigits) : '#,##0');
  }
  const percentPattern = layout(new Intl.NumberFormat(bcp47, { style: 'percent' }).formatToParts(12.34), '#,##0');
  return { javaName, symbols, numberPattern: '#,##0.###', currencyPattern, percentPattern, currencyDigits };
}

/** A DecimalFormat pattern with the affixes of an Intl layout around `number`. */
function layout(parts: Intl.NumberFormatPart[], number: string): string {
  let out = '';
  let placed = false;
  for (const p of parts) {
    if (p.type === 'currency') out += '\u00A4';
    else if (p.type === 'percentSign') out += '%';
    else if (p.type === 'literal') out += "'" + p.value.replace(/'/g, "''") + "'";
    else if (!placed) {
      out += number;
      placed = true;
    }
  }
  return out;
}

/** ConversionUtils.getNumberStyleAsInt: the named formats (case-insensitive, 6 to 8 letters). */
function namedStyle(name: string): 'number' | 'currency' | 'percent' | 'integer' | undefined {
  if (name.length < 6 || name.length > 8) return undefined;
  const n = name.toLowerCase();
  if (n === 'default' || n === 'number') return 'number';
  if (n === 'currency' || n === 'percent' || n === 'integer') return n;
  return undefined;
}

/** ConversionUtils.getNumberFormat(format, locale); throws for a malformed custom pattern. */
export function getNumberFormat(format: string, loc: LocaleNumberData): DecimalFormat {
  switch (namedStyle(format)) {
    case 'number':
      return new DecimalFormat(loc.numberPattern, loc.symbols);
    case 'integer': {
      // NumberFormat.getIntegerInstance: no fraction digits, rounds HALF_EVEN, parses integers only
      const f = new DecimalFormat(loc.numberPattern, loc.symbols);
      f.setMaximumFractionDigits(0);
      f.decimalAlwaysShown = false;
      f.parseIntegerOnly = true;
      return f;
    }
    case 'currency': {
      const f = new DecimalFormat(loc.currencyPattern, loc.symbols);
      f.setMinimumFractionDigits(loc.currencyDigits);
      f.setMaximumFractionDigits(loc.currencyDigits);
      return f;
    }
    case 'percent':
      return new DecimalFormat(loc.percentPattern, loc.symbols);
    default:
      return new DecimalFormat(format, loc.symbols);
  }
}

/**
 * ConversionUtils.toNumber(value, format, locale): a Number as it is; anything else through
 * String.valueOf and NumberFormat.parse (which reads a leading number and ignores the rest);
 * undefined where VelocityTools returns null (a parse error or a bad pattern is swallowed).
 */
export function toJavaNumber(v: Value, format = 'default', loc: LocaleNumberData = EN_US): JNumber | undefined {
  if (isNumber(v)) return v;
  const text = v instanceof JChar ? v.c : javaString(v);
  try {
    return getNumberFormat(format, loc).parse(text);
  } catch {
    return undefined;
  }
}

export class NumberTool extends JObject implements HasMethods {
  readonly javaClass = 'org.apache.velocity.tools.generic.NumberTool';
  private readonly loc: LocaleNumberData;

  constructor(locale: string = 'en-US') {
    super();
    this.loc = localeNumberData(locale) ?? EN_US;
  }

  callMethod(name: string, args: Value[]): MethodResult | typeof NO_METHOD {
    const [a, b, c] = args;
    switch (name) {
      case 'format':
        if (args.length === 1) return this.format('default', a!);
        if (args.length === 2) return this.format(formatArg(a!), b!);
        if (args.length === 3) {
          const loc = localeArg(c!);
          return loc === NO_METHOD ? NO_METHOD : this.format(formatArg(a!), b!, loc);
        }
        return NO_METHOD;
      case 'currency':
      case 'integer':
      case 'number':
      case 'percent':
        return args.length === 1 ? this.format(name, a!) : NO_METHOD;
      case 'toNumber':
        if (args.length === 1) return toJavaNumber(a!, 'default', this.loc) ?? null;
        if (args.length === 2) {
          const f = formatArg(a!);
          // a number is given back whatever the format (NumberTool.toNumber looks at it first)
          if (isNumber(b!)) return b!;
          return f === null ? null : toJavaNumber(b!, f, this.loc) ?? null;
        }
        if (args.length === 3) {
          const f = formatArg(a!);
          const loc = localeArg(c!);
          if (loc === NO_METHOD) return NO_METHOD;
          if (isNumber(b!)) return b!;
          return f === null || loc === null ? null : toJavaNumber(b!, f, loc) ?? null;
        }
        return NO_METHOD;
      case 'getFormat':
        return args.length === 0 ? 'default' : NO_METHOD;
      case 'getLocale':
        return args.length === 0 ? this.loc.javaName : NO_METHOD;
      default:
        return NO_METHOD;
    }
  }

  /** NumberTool.format(String format, Object obj, Locale locale). */
  private format(format: string | null, obj: Value, loc: LocaleNumberData | null = this.loc): Value {
    // toNumber(obj) comes first and never throws; getNumberFormat may throw for a bad pattern
    const n = toJavaNumber(obj, 'default', this.loc);
    if (format === null || loc === null) return null;
    const nf = getNumberFormat(format, loc);
    if (n === undefined) return null;
    return nf.format(n);
  }
}

/** A String parameter: Velocity's conversion handler passes any other value as its toString(). */
function formatArg(v: Value): string | null {
  return v === null || typeof v === 'string' ? v : javaString(v);
}

/** A Locale parameter: Velocity converts a String such as "de_DE" (LocaleUtils.toLocale). */
function localeArg(v: Value): LocaleNumberData | null | typeof NO_METHOD {
  if (v === null) return null;
  if (typeof v !== 'string') return NO_METHOD;
  return localeNumberData(v) ?? NO_METHOD;
}
