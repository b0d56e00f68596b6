/**
 * Java's String.format (Formatter) for the conversions templates use: %s %S %d %f %e %g %a %x %X
 * %o %h %c %b %n %%, with flags - 0 + , ( space #, width and precision, explicit (%2$s) and
 * relative (%<s) argument indexes; locale en-US.
 */
import { JavaException } from './methods/core.js';
import { javaString } from './java.js';
import { isNumber, toBigInt, toDouble, bdFromNumber, bdToString } from './numbers.js';
import { JBigDecimal, JBigInteger, JChar, JDouble, type Value } from './values.js';
import { javaHashCode } from './methods/hash.js';
import { MethodLimit } from './regex.js';

const SPEC = /%(\d+\$)?([-#+ 0,(<]*)(\d+)?(\.\d+)?([a-zA-Z%])/g;

export function javaFormat(fmt: string, args: Value[]): string {
  let next = 0;
  let prev = -1;
  let out = '';
  let last = 0;
  SPEC.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = SPEC.exec(fmt)) !== null) {
    out += fmt.slice(last, m.index);
    last = SPEC.lastIndex;
    const [, pos, flags = '', width, prec, conv = ''] = m;
    if (conv === '%') {
      out += pad('%', flags, width);
      continue;
    }
    if (conv === 'n') {
      out += '\n';
      continue;
    }
    let arg: Value;
    if (flags.includes('<')) {
      if (prev < 0) throw missing(m[0]);
      arg = args[prev]!;
    } else if (pos) {
      const i = parseInt(pos, 10) - 1;
      if (i >= args.length) throw missing(m[0]);
      arg = args[(prev = i)]!;
    } else {
      if (next >= args.length) throw missing(m[0]);
      arg = args[(prev = next++)]!;
    }
    out += convert(conv, arg, flags, width, prec ? parseInt(prec.slice(1), 10) : undefined, m[0]);
  }
  const rest = fmt.slice(last);
  if (rest.includes('%')) {
    throw new JavaException('java.util.UnknownFormatConversionException', `Conversion = '${rest.slice(rest.indexOf('%') + 1, rest.indexOf('%') + 2)}'`);
  }
  return out + rest;
}

function missing(spec: string): JavaException {
  return new JavaException('java.util.MissingFormatArgumentException', `Format specifier '${spec}'`);
}

function mismatch(conv: string, v: Value): JavaException {
  const cls = v === null ? 'null' : javaClassOf(v);
  return new JavaException('java.util.IllegalFormatConversionException', `${conv} != ${cls}`);
}

function javaClassOf(v: Value): string {
  if (typeof v === 'string') return 'java.lang.String';
  if (typeof v === 'number') return 'java.lang.Integer';
  if (typeof v === 'bigint') return 'java.lang.Long';
  if (typeof v === 'boolean') return 'java.lang.Boolean';
  if (v instanceof JDouble) return 'java.lang.Double';
  if (v instanceof JBigDecimal) return 'java.math.BigDecimal';
  return 'java.lang.Object';
}

/** Widest field a format may pad to (Java would run out of memory first). */
const MAX_WIDTH = 10_000_000;

function pad(s: string, flags: string, width: string | undefined): string {
  const w = width ? parseInt(width, 10) : 0;
  if (w > MAX_WIDTH) throw new MethodLimit(`a format width of ${w} would build a string longer than ${MAX_WIDTH} characters`);
  if (s.length >= w) return s;
  return flags.includes('-') ? s.padEnd(w) : s.padStart(w);
}

function group(intPart: string): string {
  return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function signed(body: string, neg: boolean, flags: string, width: string | undefined): string {
  let s = body;
  if (neg) s = flags.includes('(') ? '(' + s + ')' : '-' + s;
  else if (flags.includes('+')) s = '+' + s;
  else if (flags.includes(' ')) s = ' ' + s;
  const w = width ? parseInt(width, 10) : 0;
  if (w > MAX_WIDTH) throw new MethodLimit(`a format width of ${w} would build a string longer than ${MAX_WIDTH} characters`);
  if (flags.includes('0') && s.length < w) {
    const signLen = neg || flags.includes('+') || flags.includes(' ') ? 1 : 0;
    s = s.slice(0, signLen) + '0'.repeat(w - s.length) + s.slice(signLen);
  }
  return pad(s, flags, width);
}

function convert(
  conv: string,
  v: Value,
  flags: string,
  width: string | undefined,
  prec: number | undefined,
  spec: string,
): string {
  switch (conv) {
    case 's':
    case 'S': {
      let s = v === null ? 'null' : javaString(v);
      if (prec !== undefined) s = s.slice(0, prec);
      if (conv === 'S') s = s.toUpperCase();
      return pad(s, flags, width);
    }
    case 'b':
    case 'B': {
      const s = String(v === null ? false : typeof v === 'boolean' ? v : true);
      return pad(conv === 'B' ? s.toUpperCase() : s, flags, width);
    }
    case 'c': {
      if (v === null) return pad('null', flags, width);
      if (v instanceof JChar) return pad(v.c, flags, width);
      if (typeof v === 'number') return pad(String.fromCodePoint(v), flags, width);
      throw mismatch(conv, v);
    }
    case 'd': {
      if (v === null) return pad('null', flags, width);
      if (!(typeof v === 'number' || typeof v === 'bigint') && !(isNumber(v) && !(v instanceof JDouble) && !(v instanceof JBigDecimal))) {
        throw mismatch(conv, v);
      }
      const n = toBigInt(v as never);
      let body = (n < 0n ? -n : n).toString();
      if (flags.includes(',')) body = group(body);
      return signed(body, n < 0n, flags, width);
    }
    case 'x':
    case 'X':
    case 'o': {
      if (v === null) return pad('null', flags, width);
      if (!(typeof v === 'number' || typeof v === 'bigint' || v instanceof JBigInteger)) throw mismatch(conv, v);
      // a BigInteger prints with its sign; Integer and Long as two's complement
      let n = v instanceof JBigInteger ? v.v : BigInt(v);
      if (n < 0n && !(v instanceof JBigInteger)) n = BigInt.asUintN(typeof v === 'number' ? 32 : 64, n);
      let s = (n < 0n ? '-' : '') + (n < 0n ? -n : n).toString(conv === 'o' ? 8 : 16);
      if (conv === 'X') s = s.toUpperCase();
      if (flags.includes('#')) s = (conv === 'o' ? '0' : conv === 'X' ? '0X' : '0x') + s;
      return signed(s, false, flags, width);
    }
    case 'f':
    case 'e':
    case 'E': {
      if (v === null) return pad('null', flags, width);
      if (!(v instanceof JDouble) && !(v instanceof JBigDecimal)) throw mismatch(conv, v);
      const p = prec ?? 6;
      if (v instanceof JDouble && !Number.isFinite(v.v)) {
        return pad(Number.isNaN(v.v) ? 'NaN' : v.v > 0 ? (flags.includes('+') ? '+Infinity' : 'Infinity') : '-Infinity', flags, width);
      }
      const bd = v instanceof JBigDecimal ? v : bdFromNumber(v);
      const neg = bd.unscaled < 0n;
      if (conv === 'f') {
        let body = fixedHalfUp(bdToString(new JBigDecimal(neg ? -bd.unscaled : bd.unscaled, bd.scale)), p);
        if (flags.includes(',')) {
          const [i, f] = body.split('.');
          body = group(i!) + (f !== undefined ? '.' + f : '');
        }
        return signed(body, neg, flags, width);
      }
      let s = scientific(neg ? -bd.unscaled : bd.unscaled, bd.scale, p);
      if (conv === 'E') s = s.toUpperCase();
      return signed(s, neg, flags, width);
    }
    case 'h':
    case 'H': {
      const h = v === null ? 'null' : (javaHashCode(v) >>> 0).toString(16);
      return pad(conv === 'H' ? h.toUpperCase() : h, flags, width);
    }
    case 'g':
    case 'G': {
      if (v === null) return pad('null', flags, width);
      if (!(v instanceof JDouble) && !(v instanceof JBigDecimal)) throw mismatch(conv, v);
      if (v instanceof JDouble && !Number.isFinite(v.v)) return pad(Number.isNaN(v.v) ? 'NaN' : v.v > 0 ? 'Infinity' : '-Infinity', flags, width);
      const bd = v instanceof JBigDecimal ? v : bdFromNumber(v);
      const neg = bd.unscaled < 0n;
      const body = general(bd.unscaled < 0n ? -bd.unscaled : bd.unscaled, bd.scale, prec === undefined ? 6 : prec === 0 ? 1 : prec);
      return signed(conv === 'G' ? body.toUpperCase() : body, neg, flags, width);
    }
    case 'a':
    case 'A': {
      if (v === null) return pad('null', flags, width);
      if (!(v instanceof JDouble)) throw mismatch(conv, v);
      const s = hexFloat(v.v, prec);
      return pad(conv === 'A' ? s.toUpperCase() : s, flags, width);
    }
    default:
      throw new JavaException('java.util.UnknownFormatConversionException', `Conversion = '${conv}' in ${spec}`);
  }
}

/** Rounds unscaled×10^-scale HALF_UP to p significant digits: [digits, decimal exponent]. */
function significant(unscaled: bigint, scale: number, p: number): [string, number] {
  let digits = unscaled.toString();
  let exp = digits.length - 1 - scale;
  if (digits.length > p) {
    const head = BigInt(digits.slice(0, p)) + (digits.charCodeAt(p) >= 53 ? 1n : 0n);
    digits = head.toString();
    if (digits.length > p) {
      digits = digits.slice(0, p);
      exp++;
    }
  }
  return [digits.padEnd(p, '0'), exp];
}

/** %e: d.ddd…e±xx with p fraction digits, rounded HALF_UP from the decimal value. */
function scientific(unscaled: bigint, scale: number, p: number): string {
  if (p > MAX_WIDTH) throw new MethodLimit(`a format precision of ${p} is too large`);
  if (unscaled === 0n) return (p > 0 ? '0.' + '0'.repeat(p) : '0') + 'e+00';
  const [digits, exp] = significant(unscaled, scale, p + 1);
  const mant = digits[0] + (p > 0 ? '.' + digits.slice(1) : '');
  return `${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}

/** %g: p significant digits HALF_UP; plain from 10^-4 up to 10^p, scientific otherwise. */
function general(unscaled: bigint, scale: number, p: number): string {
  if (p > MAX_WIDTH) throw new MethodLimit(`a format precision of ${p} is too large`);
  if (unscaled === 0n) return p > 1 ? '0.' + '0'.repeat(p - 1) : '0';
  const [digits, exp] = significant(unscaled, scale, p);
  if (exp >= -4 && exp < p) {
    if (exp >= 0) return digits.slice(0, exp + 1) + (p - exp - 1 > 0 ? '.' + digits.slice(exp + 1) : '');
    return '0.' + '0'.repeat(-exp - 1) + digits;
  }
  const mant = digits[0] + (p > 1 ? '.' + digits.slice(1) : '');
  return `${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}

/** %a: Double.toHexString, with the hex digits rounded to a precision when one is given. */
function hexFloat(d: number, prec: number | undefined): string {
  if (Number.isNaN(d)) return 'NaN';
  if (!Number.isFinite(d)) return d > 0 ? 'Infinity' : '-Infinity';
  const dv = new DataView(new ArrayBuffer(8));
  dv.setFloat64(0, d);
  const bits = dv.getBigUint64(0);
  const sign = bits >> 63n ? '-' : '';
  const exp = Number((bits >> 52n) & 0x7ffn);
  let mant = bits & ((1n << 52n) - 1n);
  if (exp === 0 && mant === 0n) return `${sign}0x0.0p0`;
  let lead = exp === 0 ? 0n : 1n;
  if (prec !== undefined && prec > 0 && prec < 13) {
    const drop = BigInt((13 - prec) * 4);
    const half = 1n << (drop - 1n);
    mant = (mant + half) >> drop;
    if (mant >> BigInt(prec * 4)) {
      mant = 0n;
      lead++;
    }
    return `${sign}0x${lead}.${mant.toString(16).padStart(prec, '0')}p${exp === 0 ? -1022 : exp - 1023}`;
  }
  const frac = mant.toString(16).padStart(13, '0').replace(/0+$/, '') || '0';
  return `${sign}0x${lead}.${frac}p${exp === 0 ? -1022 : exp - 1023}`;
}

/** Rounds a plain decimal string HALF_UP to p fraction digits (Formatter uses HALF_UP). */
function fixedHalfUp(plain: string, p: number): string {
  if (p > MAX_WIDTH) throw new MethodLimit(`a format precision of ${p} is too large`);
  const s = plain.includes('E') ? Number(plain).toFixed(20) : plain;
  const [int = '0', frac = ''] = s.split('.');
  if (frac.length <= p) return p === 0 ? int : int + '.' + frac.padEnd(p, '0');
  const digits = BigInt(int + frac.slice(0, p));
  const up = frac.charCodeAt(p) >= 53; // '5'
  const r = (up ? digits + 1n : digits).toString().padStart(p + 1, '0');
  return p === 0 ? r : r.slice(0, r.length - p) + '.' + r.slice(r.length - p);
}
