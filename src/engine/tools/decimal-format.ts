/**
 * java.text.DecimalFormat (JDK 17) for the patterns templates use: prefixes and suffixes with
 * quotes, `%`, `‰`, `¤`, grouping, minimum/maximum integer and fraction digits, exponent
 * patterns (`0.###E0`) and a negative subpattern after `;`. Formatting rounds HALF_EVEN on the
 * exact value of the number, as the JDK does since 8; parsing follows DecimalFormat.parse
 * (prefix match, digits with grouping, decimal, exponent, suffix; a Long when the value fits,
 * else a Double).
 */
import { JavaException } from '../methods.js';
import { javaDouble, type JNumber } from '../numbers.js';
import { JBigDecimal, JBigInteger, JDouble } from '../values.js';

/** DecimalFormatSymbols: the characters a locale uses. */
export interface FormatSymbols {
  zero: string;
  group: string;
  decimal: string;
  minus: string;
  percent: string;
  perMill: string;
  exponent: string;
  infinity: string;
  nan: string;
  currencySymbol: string;
  currencyCode: string;
  monetaryDecimal: string;
  monetaryGroup: string;
}

export const EN_US_SYMBOLS: Readonly<FormatSymbols> = Object.freeze({
  zero: '0',
  group: ',',
  decimal: '.',
  minus: '-',
  percent: '%',
  perMill: '\u2030',
  exponent: 'E',
  infinity: '\u221E',
  nan: 'NaN',
  currencySymbol: '$',
  currencyCode: 'USD',
  monetaryDecimal: '.',
  monetaryGroup: ',',
});

const INT_MAX = 2147483647;
/** DecimalFormat.DOUBLE_INTEGER_DIGITS / DOUBLE_FRACTION_DIGITS: caps for double and long. */
const DOUBLE_INTEGER_DIGITS = 309;
const DOUBLE_FRACTION_DIGITS = 340;
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

const illegal = (msg: string) => new JavaException('java.lang.IllegalArgumentException', msg);

/** A DigitList: significant digits ("0".."9", no leading zeros), and the decimal point position. */
interface Digits {
  digits: string;
  decimalAt: number;
}

const stripTrailingZeros = (s: string) => s.replace(/0+$/, '');

function digitsOfBigInt(v: bigint): Digits {
  const s = v.toString();
  return { digits: stripTrailingZeros(s === '0' ? '' : s), decimalAt: s === '0' ? 0 : s.length };
}

/**
 * The digits of Double.toString (d finite and >= 0), which DigitList takes: Java 17's are not
 * always the shortest that round-trip (2.82879384806159E17 prints as 2.82879384806159008E17).
 */
function shortestDigits(d: number): Digits {
  if (d === 0) return { digits: '', decimalAt: 0 };
  const m = /^(\d+)\.(\d+)(?:E(-?\d+))?$/.exec(javaDouble(d))!;
  const all = m[1]! + m[2]!;
  const lead = all.length - all.replace(/^0+/, '').length;
  return { digits: stripTrailingZeros(all.slice(lead)), decimalAt: m[1]!.length + (m[3] ? parseInt(m[3], 10) : 0) - lead };
}

/** The exact decimal expansion of a finite double >= 0 (every binary fraction terminates). */
function exactDigits(d: number): Digits {
  if (d === 0) return { digits: '', decimalAt: 0 };
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, d);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  let mant = bits & ((1n << 52n) - 1n);
  let exp: number;
  if (biased === 0) exp = -1074;
  else {
    mant |= 1n << 52n;
    exp = biased - 1075;
  }
  if (exp >= 0) return digitsOfBigInt(mant << BigInt(exp));
  // mant / 2^k = mant * 5^k / 10^k
  const k = -exp;
  const s = (mant * 5n ** BigInt(k)).toString();
  return { digits: stripTrailingZeros(s), decimalAt: s.length - k };
}

/** Keeps `keep` leading digits, rounding HALF_EVEN on the (exact) digits given. */
function roundHalfEven(x: Digits, keep: number): Digits {
  if (keep >= x.digits.length) return x;
  if (keep < 0) return { digits: '', decimalAt: 0 };
  const next = x.digits.charCodeAt(keep) - 48;
  let up: boolean;
  if (next > 5) up = true;
  else if (next < 5) up = false;
  else if (/[1-9]/.test(x.digits.slice(keep + 1))) up = true;
  else up = keep > 0 && (x.digits.charCodeAt(keep - 1) - 48) % 2 === 1;
  let head = x.digits.slice(0, keep);
  let decimalAt = x.decimalAt;
  if (up) {
    let i = head.length - 1;
    while (i >= 0 && head[i] === '9') i--;
    if (i < 0) {
      head = '1';
      decimalAt++;
    } else head = head.slice(0, i) + String.fromCharCode(head.charCodeAt(i) + 1);
  }
  head = stripTrailingZeros(head);
  return head === '' ? { digits: '', decimalAt: 0 } : { digits: head, decimalAt };
}

/** DigitList.set(double, maximumDigits, fixedPoint): shortest digits, rounded exactly when cut. */
function doubleDigits(d: number, maximumDigits: number, fixedPoint: boolean): Digits {
  const shortest = shortestDigits(d);
  const keep = fixedPoint ? maximumDigits + shortest.decimalAt : maximumDigits;
  if (keep >= shortest.digits.length) return shortest;
  const exact = exactDigits(d);
  return roundHalfEven(exact, fixedPoint ? maximumDigits + exact.decimalAt : maximumDigits);
}

function bigDecimalDigits(b: JBigDecimal): Digits {
  const u = b.unscaled < 0n ? -b.unscaled : b.unscaled;
  if (u === 0n) return { digits: '', decimalAt: 0 };
  const s = u.toString();
  return { digits: stripTrailingZeros(s), decimalAt: s.length - b.scale };
}

export interface ParsedAffixes {
  posPrefix: string;
  posSuffix: string;
  negPrefix: string;
  negSuffix: string;
}

export class DecimalFormat {
  minInt = 1;
  maxInt = INT_MAX;
  minFrac = 0;
  maxFrac = 3;
  groupingUsed = true;
  groupingSize = 3;
  multiplier = 1;
  decimalAlwaysShown = false;
  useExponent = false;
  minExponentDigits = 0;
  isCurrency = false;
  parseIntegerOnly = false;
  posPrefix = '';
  posSuffix = '';
  negPrefix = '-';
  negSuffix = '';

  constructor(
    pattern: string,
    readonly symbols: FormatSymbols = EN_US_SYMBOLS,
  ) {
    this.applyPattern(pattern);
  }

  /** DecimalFormat.applyPattern (non-localized), with the JDK's checks and messages. */
  private applyPattern(pattern: string): void {
    let gotNegative = false;
    let negPrefixPattern = '';
    let negSuffixPattern = '';
    let posPrefixPattern = '';
    let posSuffixPattern = '';
    this.decimalAlwaysShown = false;
    this.isCurrency = false;
    this.useExponent = false;
    let start = 0;
    for (let j = 1; j >= 0 && start < pattern.length; --j) {
      let inQuote = false;
      let prefix = '';
      let suffix = '';
      let inSuffix = false;
      let decimalPos = -1;
      let multiplier = 1;
      let digitLeftCount = 0;
      let zeroDigitCount = 0;
      let digitRightCount = 0;
      let groupingCount = -1; // a Java byte: counts up to 127, then wraps
      let phase = 0;
      const add = (s: string) => {
        if (inSuffix) suffix += s;
        else prefix += s;
      };
      for (let pos = start; pos < pattern.length; ++pos) {
        const ch = pattern[pos]!;
        if (phase === 0 || phase === 2) {
          if (inQuote) {
            if (ch === "'") {
              if (pattern[pos + 1] === "'") {
                ++pos;
                add("''");
              } else inQuote = false;
              continue;
            }
          } else {
            if (ch === '#' || ch === '0' || ch === ',' || ch === '.') {
              phase = 1;
              --pos;
              continue;
            } else if (ch === '\u00A4') {
              const doubled = pattern[pos + 1] === '\u00A4';
              if (doubled) ++pos;
              this.isCurrency = true;
              add(doubled ? "'\u00A4\u00A4" : "'\u00A4");
              continue;
            } else if (ch === "'") {
              if (pattern[pos + 1] === "'") {
                ++pos;
                add("''");
              } else inQuote = true;
              continue;
            } else if (ch === ';') {
              if (phase === 0 || j === 0) {
                throw illegal(`Unquoted special character '${ch}' in pattern "${pattern}"`);
              }
              start = pos + 1;
              pos = pattern.length;
              continue;
            } else if (ch === '%') {
              if (multiplier !== 1) throw illegal(`Too many percent/per mille characters in pattern "${pattern}"`);
              multiplier = 100;
              add("'%");
              continue;
            } else if (ch === '\u2030') {
              if (multiplier !== 1) throw illegal(`Too many percent/per mille characters in pattern "${pattern}"`);
              multiplier = 1000;
              add("'\u2030");
              continue;
            } else if (ch === '-') {
              add("'-");
              continue;
            }
          }
          add(ch);
          continue;
        }
        // phase 1: the digits
        if (j === 0) {
          // the negative subpattern only gives the negative prefix and suffix
          while (pos < pattern.length) {
            const c = pattern[pos]!;
            if (c === '#' || c === '0' || c === ',' || c === '.' || c === 'E') ++pos;
            else {
              --pos;
              phase = 2;
              inSuffix = true;
              break;
            }
          }
          continue;
        }
        const bumpGrouping = () => {
          if (groupingCount >= 0 && decimalPos < 0) groupingCount = groupingCount === 127 ? -128 : groupingCount + 1;
        };
        if (ch === '#') {
          if (zeroDigitCount > 0) ++digitRightCount;
          else ++digitLeftCount;
          bumpGrouping();
        } else if (ch === '0') {
          if (digitRightCount > 0) throw illegal(`Unexpected '0' in pattern "${pattern}"`);
          ++zeroDigitCount;
          bumpGrouping();
        } else if (ch === ',') {
          groupingCount = 0;
        } else if (ch === '.') {
          if (decimalPos >= 0) throw illegal(`Multiple decimal separators in pattern "${pattern}"`);
          decimalPos = digitLeftCount + zeroDigitCount + digitRightCount;
        } else if (ch === 'E') {
          if (this.useExponent) throw illegal(`Multiple exponential symbols in pattern "${pattern}"`);
          this.useExponent = true;
          this.minExponentDigits = 0;
          pos += 1;
          while (pos < pattern.length && pattern[pos] === '0') {
            ++this.minExponentDigits;
            ++pos;
          }
          if (digitLeftCount + zeroDigitCount < 1 || this.minExponentDigits < 1) {
            throw illegal(`Malformed exponential pattern "${pattern}"`);
          }
          phase = 2;
          inSuffix = true;
          --pos;
        } else {
          phase = 2;
          inSuffix = true;
          --pos;
        }
      }
      // "##.###" -> "#0.###", ".###" -> ".0##"
      if (zeroDigitCount === 0 && digitLeftCount > 0 && decimalPos >= 0) {
        let n = decimalPos;
        if (n === 0) ++n;
        digitRightCount = digitLeftCount - n;
        digitLeftCount = n - 1;
        zeroDigitCount = 1;
      }
      if (
        (decimalPos < 0 && digitRightCount > 0) ||
        (decimalPos >= 0 && (decimalPos < digitLeftCount || decimalPos > digitLeftCount + zeroDigitCount)) ||
        groupingCount === 0 ||
        inQuote
      ) {
        throw illegal(`Malformed pattern "${pattern}"`);
      }
      if (j === 1) {
        posPrefixPattern = prefix;
        posSuffixPattern = suffix;
        negPrefixPattern = prefix;
        negSuffixPattern = suffix;
        const digitTotalCount = digitLeftCount + zeroDigitCount + digitRightCount;
        const effectiveDecimalPos = decimalPos >= 0 ? decimalPos : digitTotalCount;
        this.minInt = effectiveDecimalPos - digitLeftCount;
        this.maxInt = this.useExponent ? digitLeftCount + this.minInt : INT_MAX;
        this.maxFrac = decimalPos >= 0 ? digitTotalCount - decimalPos : 0;
        this.minFrac = decimalPos >= 0 ? digitLeftCount + zeroDigitCount - decimalPos : 0;
        this.groupingUsed = groupingCount > 0;
        this.groupingSize = groupingCount > 0 ? groupingCount : 0;
        this.multiplier = multiplier;
        this.decimalAlwaysShown = decimalPos === 0 || decimalPos === digitTotalCount;
      } else {
        negPrefixPattern = prefix;
        negSuffixPattern = suffix;
        gotNegative = true;
      }
    }
    if (pattern === '') {
      posPrefixPattern = posSuffixPattern = '';
      this.minInt = 0;
      this.maxInt = INT_MAX;
      this.minFrac = 0;
      this.maxFrac = INT_MAX;
    }
    if (!gotNegative || (negPrefixPattern === posPrefixPattern && negSuffixPattern === posSuffixPattern)) {
      negSuffixPattern = posSuffixPattern;
      negPrefixPattern = "'-" + posPrefixPattern;
    }
    this.posPrefix = this.expandAffix(posPrefixPattern);
    this.posSuffix = this.expandAffix(posSuffixPattern);
    this.negPrefix = this.expandAffix(negPrefixPattern);
    this.negSuffix = this.expandAffix(negSuffixPattern);
  }

  /** expandAffix: a quote marks a special character (`'%`, `'¤`, `'-`, `''`). */
  private expandAffix(p: string): string {
    const s = this.symbols;
    let out = '';
    for (let i = 0; i < p.length; i++) {
      let c = p[i]!;
      if (c === "'") {
        c = p[++i] ?? '';
        switch (c) {
          case '\u00A4':
            if (p[i + 1] === '\u00A4') {
              ++i;
              out += s.currencyCode;
            } else out += s.currencySymbol;
            continue;
          case '%':
            out += s.percent;
            continue;
          case '\u2030':
            out += s.perMill;
            continue;
          case '-':
            out += s.minus;
            continue;
        }
      }
      out += c;
    }
    return out;
  }

  /** Sets the maximum fraction digits (NumberFormat.setMaximumFractionDigits). */
  setMaximumFractionDigits(n: number): void {
    this.maxFrac = Math.max(0, n);
    if (this.minFrac > this.maxFrac) this.minFrac = this.maxFrac;
  }

  setMinimumFractionDigits(n: number): void {
    this.minFrac = Math.max(0, n);
    if (this.maxFrac < this.minFrac) this.maxFrac = this.minFrac;
  }

  // ---------------------------------------------------------------- format

  /** NumberFormat.format(Object) for a Java number. */
  format(n: JNumber): string {
    if (n instanceof JDouble) return this.formatDouble(n.v);
    if (typeof n === 'number') return this.formatIntegral(BigInt(n), true);
    if (typeof n === 'bigint') return this.formatIntegral(n, true);
    if (n instanceof JBigInteger) {
      // BigIntegers shorter than 64 bits are formatted as longs
      return this.formatIntegral(n.v, n.v >= LONG_MIN && n.v <= LONG_MAX);
    }
    return this.formatBigDecimal(n);
  }

  private formatDouble(d: number): string {
    if (Number.isNaN(d)) return this.symbols.nan;
    const isNegative = (d < 0 || (d === 0 && Object.is(d, -0))) !== this.multiplier < 0;
    if (this.multiplier !== 1) d *= this.multiplier;
    if (!Number.isFinite(d)) {
      return isNegative
        ? this.negPrefix + this.symbols.infinity + this.negSuffix
        : this.posPrefix + this.symbols.infinity + this.posSuffix;
    }
    d = Math.abs(d);
    const maxInt = Math.min(this.maxInt, DOUBLE_INTEGER_DIGITS);
    const minInt = Math.min(this.minInt, DOUBLE_INTEGER_DIGITS);
    const maxFrac = Math.min(this.maxFrac, DOUBLE_FRACTION_DIGITS);
    const minFrac = Math.min(this.minFrac, DOUBLE_FRACTION_DIGITS);
    const digits = this.useExponent
      ? doubleDigits(d, maxInt + maxFrac, false)
      : doubleDigits(d, maxFrac, true);
    return this.subformat(digits, isNegative, false, maxInt, minInt, maxFrac, minFrac);
  }

  private formatIntegral(v: bigint, asLong: boolean): string {
    v *= BigInt(this.multiplier);
    const isNegative = v < 0n;
    if (isNegative) v = -v;
    const cap = (x: number, c: number) => (asLong ? Math.min(x, c) : x);
    const maxInt = cap(this.maxInt, DOUBLE_INTEGER_DIGITS);
    const minInt = cap(this.minInt, DOUBLE_INTEGER_DIGITS);
    const maxFrac = cap(this.maxFrac, DOUBLE_FRACTION_DIGITS);
    const minFrac = cap(this.minFrac, DOUBLE_FRACTION_DIGITS);
    let digits = digitsOfBigInt(v);
    if (this.useExponent) digits = roundHalfEven(digits, Math.max(0, maxInt + maxFrac) || digits.digits.length);
    return this.subformat(digits, isNegative, true, maxInt, minInt, maxFrac, minFrac);
  }

  private formatBigDecimal(b: JBigDecimal): string {
    const isNegative = b.unscaled * BigInt(this.multiplier) < 0n;
    let digits = bigDecimalDigits(b);
    if (this.multiplier !== 1 && digits.digits !== '') {
      digits = digitsOfBigIntShifted(BigInt(digits.digits) * BigInt(Math.abs(this.multiplier)), digits);
    }
    const keep = this.useExponent ? this.maxInt + this.maxFrac : this.maxFrac + digits.decimalAt;
    digits = roundHalfEven(digits, keep);
    return this.subformat(digits, isNegative, false, this.maxInt, this.minInt, this.maxFrac, this.minFrac);
  }

  /** DecimalFormat.subformat: prefix, digits (fixed or exponential), suffix. */
  private subformat(
    dl: Digits,
    isNegative: boolean,
    isInteger: boolean,
    maxIntDigits: number,
    minIntDigits: number,
    maxFraDigits: number,
    minFraDigits: number,
  ): string {
    const s = this.symbols;
    const grouping = this.isCurrency ? s.monetaryGroup : s.group;
    const decimal = this.isCurrency ? s.monetaryDecimal : s.decimal;
    const zeroCode = s.zero.charCodeAt(0);
    const digit = (i: number) => String.fromCharCode(zeroCode + dl.digits.charCodeAt(i) - 48);
    const count = dl.digits.length;
    const isZero = count === 0;
    const decimalAt = isZero ? 0 : dl.decimalAt;
    let out = isNegative ? this.negPrefix : this.posPrefix;

    if (this.useExponent) {
      let exponent = decimalAt;
      const repeat = maxIntDigits;
      let minimumIntegerDigits = minIntDigits;
      if (repeat > 1 && repeat > minIntDigits) {
        exponent = exponent >= 1 ? Math.trunc((exponent - 1) / repeat) * repeat : Math.trunc((exponent - repeat) / repeat) * repeat;
        minimumIntegerDigits = 1;
      } else {
        exponent -= minimumIntegerDigits;
      }
      let minimumDigits = minIntDigits + minFraDigits;
      if (minimumDigits < 0) minimumDigits = INT_MAX;
      const integerDigits = isZero ? minimumIntegerDigits : decimalAt - exponent;
      if (minimumDigits < integerDigits) minimumDigits = integerDigits;
      let totalDigits = count;
      if (minimumDigits > totalDigits) totalDigits = minimumDigits;
      for (let i = 0; i < totalDigits; ++i) {
        if (i === integerDigits) out += decimal;
        out += i < count ? digit(i) : s.zero;
      }
      if (this.decimalAlwaysShown && totalDigits === integerDigits) out += decimal;
      out += s.exponent;
      if (isZero) exponent = 0;
      if (exponent < 0) {
        exponent = -exponent;
        out += s.minus;
      }
      const e = String(exponent);
      out += s.zero.repeat(Math.max(0, this.minExponentDigits - e.length));
      for (const c of e) out += String.fromCharCode(zeroCode + c.charCodeAt(0) - 48);
    } else {
      let count2 = minIntDigits;
      let digitIndex = 0;
      if (decimalAt > 0 && count2 < decimalAt) count2 = decimalAt;
      if (count2 > maxIntDigits) {
        count2 = maxIntDigits;
        digitIndex = decimalAt - count2;
      }
      const sizeBefore = out.length;
      for (let i = count2 - 1; i >= 0; --i) {
        if (i < decimalAt && digitIndex < count) out += digit(digitIndex++);
        else out += s.zero;
        if (this.groupingUsed && i > 0 && this.groupingSize !== 0 && i % this.groupingSize === 0) out += grouping;
      }
      const fractionPresent = minFraDigits > 0 || (!isInteger && digitIndex < count);
      if (!fractionPresent && out.length === sizeBefore) out += s.zero;
      if (this.decimalAlwaysShown || fractionPresent) out += decimal;
      for (let i = 0; i < maxFraDigits; ++i) {
        if (i >= minFraDigits && (isInteger || digitIndex >= count)) break;
        if (-1 - i > decimalAt - 1) {
          out += s.zero;
          continue;
        }
        if (!isInteger && digitIndex < count) out += digit(digitIndex++);
        else out += s.zero;
      }
    }
    return out + (isNegative ? this.negSuffix : this.posSuffix);
  }

  // ---------------------------------------------------------------- parse

  /**
   * NumberFormat.parse(String): parses from the start, ignoring what follows the number;
   * undefined where Java throws ParseException. A Long (bigint) when the value fits, else a Double.
   */
  parse(text: string): JNumber | undefined {
    const s = this.symbols;
    if (text.startsWith(s.nan)) return new JDouble(NaN);
    const r = this.subparse(text, 0, this.posPrefix, this.negPrefix, false);
    if (!r) return undefined;
    if (r.infinite) return new JDouble(r.positive === this.multiplier >= 0 ? Infinity : -Infinity);
    const dl = { digits: stripTrailingZeros(r.digits.digits), decimalAt: r.digits.decimalAt };
    const count = dl.digits.length;
    let gotDouble = true;
    let longResult = 0n;
    let doubleResult = 0;
    if (fitsIntoLong(dl, r.positive, this.parseIntegerOnly)) {
      gotDouble = false;
      longResult = count === 0 ? 0n : BigInt(dl.digits) * 10n ** BigInt(dl.decimalAt - count);
    } else {
      doubleResult = count === 0 ? 0 : Number('0.' + dl.digits + 'e' + dl.decimalAt);
    }
    const m = this.multiplier;
    if (m !== 1) {
      if (gotDouble) doubleResult /= m;
      else if (longResult % BigInt(m) === 0n) longResult /= BigInt(m);
      else {
        doubleResult = Number(longResult) / m;
        gotDouble = true;
      }
    }
    if (!r.positive) {
      doubleResult = -doubleResult;
      longResult = -longResult;
    }
    if (m !== 1 && gotDouble) {
      const l = doubleToLong(doubleResult);
      gotDouble =
        (doubleResult !== Number(l) || (doubleResult === 0 && Object.is(doubleResult, -0))) && !this.parseIntegerOnly;
      longResult = l;
    }
    if (!gotDouble && (longResult < LONG_MIN || longResult > LONG_MAX)) longResult = BigInt.asIntN(64, longResult);
    return gotDouble ? new JDouble(doubleResult) : longResult;
  }

  private subparse(
    text: string,
    position: number,
    posPrefix: string,
    negPrefix: string,
    isExponent: boolean,
  ): { end: number; positive: boolean; infinite: boolean; digits: Digits } | undefined {
    let gotPositive = text.startsWith(posPrefix, position);
    let gotNegative = text.startsWith(negPrefix, position);
    if (gotPositive && gotNegative) {
      if (posPrefix.length > negPrefix.length) gotNegative = false;
      else if (posPrefix.length < negPrefix.length) gotPositive = false;
    }
    const oldStart = position;
    if (gotPositive) position += posPrefix.length;
    else if (gotNegative) position += negPrefix.length;
    else return undefined;
    const num = this.subparseNumber(text, position, isExponent);
    if (!num) return undefined;
    position = num.end;
    if (!isExponent) {
      if (gotPositive) gotPositive = text.startsWith(this.posSuffix, position);
      if (gotNegative) gotNegative = text.startsWith(this.negSuffix, position);
      if (gotPositive && gotNegative) {
        if (this.posSuffix.length > this.negSuffix.length) gotNegative = false;
        else if (this.posSuffix.length < this.negSuffix.length) gotPositive = false;
      }
      if (gotPositive === gotNegative) return undefined;
      position += gotPositive ? this.posSuffix.length : this.negSuffix.length;
    }
    if (position === oldStart) return undefined;
    return { end: position, positive: gotPositive, infinite: num.infinite, digits: num.digits };
  }

  private subparseNumber(
    text: string,
    position: number,
    isExponent: boolean,
  ): { end: number; infinite: boolean; digits: Digits } | undefined {
    const s = this.symbols;
    if (!isExponent && text.startsWith(s.infinity, position)) {
      return { end: position + s.infinity.length, infinite: true, digits: { digits: '', decimalAt: 0 } };
    }
    const zero = s.zero.charCodeAt(0);
    const decimal = this.isCurrency ? s.monetaryDecimal : s.decimal;
    const grouping = this.isCurrency ? s.monetaryGroup : s.group;
    let digits = '';
    let decimalAt = 0;
    let sawDecimal = false;
    let sawDigit = false;
    let exponent = 0;
    let digitCount = 0;
    let backup = -1;
    for (; position < text.length; ++position) {
      const ch = text[position]!;
      let d = ch.charCodeAt(0) - zero;
      if (d < 0 || d > 9) d = ch >= '0' && ch <= '9' ? ch.charCodeAt(0) - 48 : -1;
      if (d === 0) {
        backup = -1;
        sawDigit = true;
        if (digits.length === 0) {
          if (!sawDecimal) continue;
          --decimalAt;
        } else {
          ++digitCount;
          digits += '0';
        }
      } else if (d > 0 && d <= 9) {
        sawDigit = true;
        ++digitCount;
        digits += String(d);
        backup = -1;
      } else if (!isExponent && ch === decimal) {
        if (this.parseIntegerOnly || sawDecimal) break;
        decimalAt = digitCount;
        sawDecimal = true;
      } else if (!isExponent && ch === grouping && this.groupingUsed) {
        if (sawDecimal) break;
        backup = position;
      } else if (!isExponent && text.startsWith(s.exponent, position)) {
        const e = this.subparse(text, position + s.exponent.length, '', s.minus, true);
        if (e && fitsIntoLong(e.digits, e.positive, true)) {
          position = e.end;
          const ed = stripTrailingZeros(e.digits.digits);
          const v = ed === '' ? 0 : Number(BigInt.asIntN(32, BigInt(ed) * 10n ** BigInt(e.digits.decimalAt - ed.length)));
          exponent = e.positive ? v : -v;
        }
        break;
      } else break;
    }
    if (backup !== -1) position = backup;
    if (!sawDecimal) decimalAt = digitCount;
    decimalAt += exponent;
    if (!sawDigit && digitCount === 0) return undefined;
    return { end: position, infinite: false, digits: { digits, decimalAt } };
  }
}

function digitsOfBigIntShifted(v: bigint, orig: Digits): Digits {
  // v = (orig digits as an integer) * |multiplier|; keep the same power of ten
  const s = v.toString();
  const shift = s.length - orig.digits.length;
  return { digits: stripTrailingZeros(s), decimalAt: orig.decimalAt + shift };
}

/** DigitList.fitsIntoLong. */
function fitsIntoLong(dl: Digits, isPositive: boolean, ignoreNegativeZero: boolean): boolean {
  const digits = stripTrailingZeros(dl.digits);
  const count = digits.length;
  if (count === 0) return isPositive || ignoreNegativeZero;
  if (dl.decimalAt < count || dl.decimalAt > 19) return false;
  if (dl.decimalAt < 19) return true;
  const LONG_MIN_REP = '9223372036854775808';
  for (let i = 0; i < count; ++i) {
    const dig = digits[i]!;
    const max = LONG_MIN_REP[i]!;
    if (dig > max) return false;
    if (dig < max) return true;
  }
  if (count < dl.decimalAt) return true;
  return !isPositive;
}

function doubleToLong(d: number): bigint {
  if (Number.isNaN(d)) return 0n;
  if (d >= 9.223372036854776e18) return LONG_MAX;
  if (d <= -9.223372036854776e18) return LONG_MIN;
  return BigInt(Math.trunc(d));
}

