/**
 * Java's String.format (Formatter) for the conversions templates use: %s %S %d %f %e %x %X %o %c
 * %b %n %%, with flags - 0 + , ( space #, width and precision; locale en-US.
 */
import { JavaException } from './methods/core.js';
import { javaString } from './java.js';
import { isNumber, toBigInt, toDouble, bdFromNumber, bdToString } from './numbers.js';
import { JBigDecimal, JChar, JDouble, type Value } from './values.js';

const SPEC = /%(\d+\$)?([-#+ 0,(<]*)(\d+)?(\.\d+)?([a-zA-Z%])/g;

export function javaFormat(fmt: string, args: Value[]): string {
  let next = 0;
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
    if (pos) {
      const i = parseInt(pos, 10) - 1;
      if (i >= args.length) throw missing(m[0]);
      arg = args[i]!;
    } else {
      if (next >= args.length) throw missing(m[0]);
      arg = args[next++]!;
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

function pad(s: string, flags: string, width: string | undefined): string {
  const w = width ? parseInt(width, 10) : 0;
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
      if (!(typeof v === 'number' || typeof v === 'bigint')) throw mismatch(conv, v);
      let n = BigInt(v);
      if (n < 0n) n = BigInt.asUintN(typeof v === 'number' ? 32 : 64, n);
      let s = n.toString(conv === 'o' ? 8 : 16);
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
      const d = Math.abs(toDouble(v));
      let s = d.toExponential(p).replace(/e([+-])(\d)$/, 'e$10$2');
      if (conv === 'E') s = s.toUpperCase();
      return signed(s, neg, flags, width);
    }
    default:
      throw new JavaException('java.util.UnknownFormatConversionException', `Conversion = '${conv}' in ${spec}`);
  }
}

/** Rounds a plain decimal string HALF_UP to p fraction digits (Formatter uses HALF_UP). */
function fixedHalfUp(plain: string, p: number): string {
  const s = plain.includes('E') ? Number(plain).toFixed(20) : plain;
  const [int = '0', frac = ''] = s.split('.');
  if (frac.length <= p) return p === 0 ? int : int + '.' + frac.padEnd(p, '0');
  const digits = BigInt(int + frac.slice(0, p));
  const up = frac.charCodeAt(p) >= 53; // '5'
  const r = (up ? digits + 1n : digits).toString().padStart(p + 1, '0');
  return p === 0 ? r : r.slice(0, r.length - p) + '.' + r.slice(r.length - p);
}
