/** The less common String methods: code points, regions, bytes, indentation and escapes. */
import { checkClock } from '../budget.js';
import { type Value } from '../values.js';
import { JavaException, NO_METHOD, ints, npe, outOfBounds, strParam, toBool, type Table } from './core.js';
import { javaArray } from './arrays.js';
import { JAVA_WS, JAVA_WS_END, built, checkLength, chunked, equalsIgnoreCase, javaLines, touch } from './text.js';
import { chargeMemory } from '../budget.js';

const indexError = (msg: string) => new JavaException('java.lang.IndexOutOfBoundsException', msg);

/** A lone surrogate becomes '?' when Java encodes text (UTF-8, ISO-8859-1, ASCII). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const CHARSETS: Record<string, 'utf8' | 'latin1' | 'ascii' | 'utf16be' | 'utf16le' | 'utf16'> = {
  'utf-8': 'utf8', utf8: 'utf8', 'iso-8859-1': 'latin1', 'iso8859_1': 'latin1', latin1: 'latin1', 'iso-latin-1': 'latin1',
  'us-ascii': 'ascii', ascii: 'ascii', 'utf-16': 'utf16', utf16: 'utf16', 'utf-16be': 'utf16be', 'utf-16le': 'utf16le',
};

function encode(s: string, cs: (typeof CHARSETS)[string]): number[] {
  const out: number[] = [];
  if (cs === 'utf16') out.push(-2, -1);
  // long strings are encoded in chunks, looking at the clock between them
  chunked(s.length, (from, to) => {
    // never split a surrogate pair between chunks
    if (to < s.length && /[\uD800-\uDBFF]/.test(s[to - 1]!)) to++;
    const part = s.slice(from, to);
    let bytes: Uint8Array;
    if (cs === 'utf8') bytes = Buffer.from(part.replace(LONE_SURROGATE, '?'), 'utf8');
    else if (cs === 'latin1' || cs === 'ascii') {
      const max = cs === 'latin1' ? 0xff : 0x7f;
      bytes = Uint8Array.from([...part], (c) => (c.length === 1 && c.charCodeAt(0) <= max ? c.charCodeAt(0) : 63));
    } else {
      const le = Buffer.from(part, 'utf16le');
      if (cs !== 'utf16le') for (let i = 0; i + 1 < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
      bytes = le;
    }
    for (const b of bytes) out.push((b << 24) >> 24);
  });
  return out;
}

/** String.indent(n). */
function indent(s: string, n: number): string {
  if (s === '') return '';
  const lines = javaLines(s).map((l) => {
    if (n > 0) return ' '.repeat(n) + l;
    if (n < 0) {
      let i = 0;
      while (i < -n && i < l.length && JAVA_WS.test(l[i]!)) i++;
      return l.slice(i);
    }
    return l;
  });
  return lines.map((l) => l + '\n').join('');
}

/** String.stripIndent(). */
function stripIndent(s: string): string {
  if (s === '') return '';
  const endsWithBreak = /[\r\n]$/.test(s);
  const lines = s.split(/\r\n|\r|\n/);
  const lead = (l: string) => {
    let i = 0;
    while (i < l.length && JAVA_WS.test(l[i]!)) i++;
    return i;
  };
  let min = Infinity;
  lines.forEach((l, i) => {
    const blank = lead(l) === l.length;
    if (!blank || i === lines.length - 1) min = Math.min(min, blank ? l.length : lead(l));
  });
  if (min === Infinity) min = 0;
  const out = lines.map((l) => (lead(l) === l.length ? '' : l.slice(min).replace(JAVA_WS_END, '')));
  return out.join('\n') + (endsWithBreak && !out[out.length - 1] ? '' : '');
}

/** String.translateEscapes(). */
function translateEscapes(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const d = s[++i];
    const simple: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', s: ' ', "'": "'", '"': '"', '\\': '\\' };
    if (d !== undefined && d in simple) out += simple[d];
    else if (d !== undefined && d >= '0' && d <= '7') {
      let j = i;
      const max = d <= '3' ? 3 : 2;
      while (j < i + max && j < s.length && s[j]! >= '0' && s[j]! <= '7') j++;
      out += String.fromCharCode(parseInt(s.slice(i, j), 8));
      i = j - 1;
    } else if (d === '\n') {
      /* line continuation */
    } else if (d === '\r') {
      if (s[i + 1] === '\n') i++;
    } else {
      throw new JavaException('java.lang.IllegalArgumentException', `Invalid escape sequence: \\${d ?? ''} \\\\u${(d ?? '').charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}`);
    }
  }
  return out;
}

export const EXTRA: Table = {
  codePointAt: (s: string, a: Value[]) => {
    const n = ints(a, 1);
    if (!n) return NO_METHOD;
    const i = n[0]!;
    if (i < 0 || i >= s.length) throw outOfBounds(`index ${i}, length ${s.length}`);
    return s.codePointAt(i)!;
  },
  codePointBefore: (s: string, a: Value[]) => {
    const n = ints(a, 1);
    if (!n) return NO_METHOD;
    const i = n[0]!;
    if (i < 1 || i > s.length) throw outOfBounds(`index ${i}, length ${s.length}`);
    const lo = s.charCodeAt(i - 1);
    if (lo >= 0xdc00 && lo <= 0xdfff && i >= 2) {
      const hi = s.charCodeAt(i - 2);
      if (hi >= 0xd800 && hi <= 0xdbff) return (hi - 0xd800) * 0x400 + (lo - 0xdc00) + 0x10000;
    }
    return lo;
  },
  codePointCount: (s: string, a: Value[]) => {
    const n = ints(a, 2);
    if (!n) return NO_METHOD;
    const [b, e] = n as [number, number];
    if (b < 0 || e > s.length || b > e) throw indexError(`begin ${b}, end ${e}, length ${s.length}`);
    touch(e - b);
    let count = 0;
    for (let i = b; i < e; i++) {
      count++;
      const c = s.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < e && /[\uDC00-\uDFFF]/.test(s[i + 1]!)) i++;
    }
    return count;
  },
  offsetByCodePoints: (s: string, a: Value[]) => {
    const n = ints(a, 2);
    if (!n) return NO_METHOD;
    let [i, k] = n as [number, number];
    if (i < 0 || i > s.length) throw indexError(`index ${i}, length ${s.length}`);
    touch(Math.abs(k));
    const pair = (x: number) => /[\uD800-\uDBFF]/.test(s[x] ?? '') && /[\uDC00-\uDFFF]/.test(s[x + 1] ?? '');
    for (; k > 0; k--) {
      if (i >= s.length) throw indexError('');
      i += pair(i) ? 2 : 1;
    }
    for (; k < 0; k++) {
      if (i <= 0) throw indexError('');
      i -= i >= 2 && pair(i - 2) ? 2 : 1;
    }
    return i;
  },
  regionMatches: (s: string, a: Value[]) => {
    let ignore = false;
    let rest = a;
    if (a.length === 5) {
      const b = toBool(a[0]!);
      if (b === NO_METHOD) return NO_METHOD;
      ignore = b;
      rest = a.slice(1);
    }
    if (rest.length !== 4) return NO_METHOD;
    const other = strParam(rest[1]!);
    const n = ints([rest[0]!, rest[2]!, rest[3]!], 3);
    if (!n) return NO_METHOD;
    if (other === null) throw npe();
    const [to, oo, len] = n as [number, number, number];
    if (oo < 0 || to < 0 || to > s.length - len || oo > other.length - len) return false;
    const x = s.slice(to, to + len);
    const y = other.slice(oo, oo + len);
    return ignore ? equalsIgnoreCase(x, y) : x === y;
  },
  getBytes: (s: string, a: Value[]) => {
    if (a.length > 1) return NO_METHOD;
    let cs: (typeof CHARSETS)[string] = 'utf8';
    if (a.length === 1) {
      const name = strParam(a[0]!);
      if (name === null) throw npe();
      const c = CHARSETS[name.toLowerCase()];
      if (!c) throw new JavaException('java.io.UnsupportedEncodingException', name);
      cs = c;
    }
    checkClock();
    touch(s.length);
    chargeMemory(s.length);
    // UTF-8 bytes as Java's signed bytes; Velocity prints a byte[] like a list
    return javaArray(encode(s, cs), '[B');
  },
  indent: (s: string, a: Value[]) => {
    const n = ints(a, 1);
    if (!n) return NO_METHOD;
    if (n[0]! > 0) checkLength(s.length + (javaLines(s).length + 1) * n[0]!, 'indent()');
    return built(indent(s, n[0]!));
  },
  stripIndent: (s: string, a: Value[]) => (a.length === 0 ? (touch(s.length), built(stripIndent(s))) : NO_METHOD),
  translateEscapes: (s: string, a: Value[]) => (a.length === 0 ? (touch(s.length), built(translateEscapes(s))) : NO_METHOD),
};
