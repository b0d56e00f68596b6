/**
 * The fast path of parseJson: one pass over valid JSON text that builds only the Java value
 * (exact number typing, key order as written), with no positions and no plain value. On anything
 * it does not expect (a syntax error, a limit, an unusual escape) it gives up and returns FAIL,
 * and parseJson reads the text again with the full parser, which has the positions and the
 * messages. Rendering from JSON text reads every payload, so this path is kept tight.
 */
import { JBigInteger, JDouble, JMap, type Value } from '../engine/values.js';
import { MAX_NUMBER_LENGTH, MAX_STRING_LENGTH } from './limits.js';

export const FAIL = Symbol('fail');

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

let s = '';
let i = 0;
let maxDepth = 1000;
/**
 * Keys seen before, by nesting depth and position in their object: the objects of a list repeat
 * their keys, and a key found here is neither cut out of the text nor hashed again.
 */
const keyCache: (string | undefined)[] = new Array(256);

/** The Java value of JSON text, or FAIL when the full parser must read it. */
export function readJava(text: string, depthLimit: number): Value | typeof FAIL {
  s = text;
  i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  maxDepth = depthLimit;
  try {
    ws();
    const v = value(0);
    ws();
    return i === s.length ? v : FAIL;
  } catch (e) {
    if (e === FAIL || e instanceof RangeError) return FAIL;
    throw e;
  } finally {
    s = '';
  }
}

function ws(): void {
  let c = s.charCodeAt(i);
  while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = s.charCodeAt(++i);
}

function value(depth: number): Value {
  const c = s.charCodeAt(i);
  if (c === 0x22) return string();
  if (c === 0x7b) return object(depth + 1);
  if (c === 0x5b) return array(depth + 1);
  if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return number();
  if (c === 0x74 && s.startsWith('true', i)) return word(4, true);
  if (c === 0x66 && s.startsWith('false', i)) return word(5, false);
  if (c === 0x6e && s.startsWith('null', i)) return word(4, null);
  throw FAIL;
}

function word(len: number, v: boolean | null): boolean | null {
  i += len;
  const c = s.charCodeAt(i);
  // "trueish" is not a word the full parser accepts
  if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === 0x24) throw FAIL;
  return v;
}

function object(depth: number): JMap {
  if (depth > maxDepth) throw FAIL;
  const m = new JMap();
  const keys = m.keys;
  i++;
  ws();
  if (s.charCodeAt(i) === 0x7d) {
    i++;
    return m;
  }
  let slot = (depth & 7) << 5;
  for (;;) {
    if (s.charCodeAt(i) !== 0x22) throw FAIL;
    const known = keyCache[slot];
    let key: string;
    if (known !== undefined && s.startsWith(known, i + 1) && s.charCodeAt(i + 1 + known.length) === 0x22) {
      key = known;
      i += known.length + 2;
    } else {
      const from = i;
      key = string();
      // only keys without escapes (text and key of the same length) can be matched in the text
      if (i - from - 2 === key.length) keyCache[slot] = key;
    }
    slot = (slot & ~31) | ((slot + 1) & 31);
    ws();
    if (s.charCodeAt(i) !== 0x3a) throw FAIL;
    i++;
    ws();
    keys.set(key, value(depth));
    ws();
    const c = s.charCodeAt(i++);
    if (c === 0x7d) return m;
    if (c !== 0x2c) throw FAIL;
    ws();
  }
}

function array(depth: number): Value[] {
  if (depth > maxDepth) throw FAIL;
  const a: Value[] = [];
  i++;
  ws();
  if (s.charCodeAt(i) === 0x5d) {
    i++;
    return a;
  }
  for (;;) {
    a.push(value(depth));
    ws();
    const c = s.charCodeAt(i++);
    if (c === 0x5d) return a;
    if (c !== 0x2c) throw FAIL;
    ws();
  }
}

function string(): string {
  const start = ++i;
  for (;;) {
    const c = s.charCodeAt(i);
    if (c === 0x22) break;
    if (c === 0x5c) return escaped(start);
    if (c < 0x20 || c !== c) throw FAIL; // a control character, or the end of the text
    i++;
  }
  if (i - start > MAX_STRING_LENGTH) throw FAIL;
  return s.slice(start, i++);
}

/** The rest of a string that has escapes, from `start` (its first character). */
function escaped(start: number): string {
  let out = s.slice(start, i);
  for (;;) {
    const c = s.charCodeAt(i);
    if (c === 0x22) break;
    if (c < 0x20 || c !== c) throw FAIL;
    if (c !== 0x5c) {
      const from = i;
      while (i < s.length) {
        const d = s.charCodeAt(i);
        if (d === 0x22 || d === 0x5c || d < 0x20) break;
        i++;
      }
      out += s.slice(from, i);
      continue;
    }
    const e = s.charCodeAt(i + 1);
    i += 2;
    if (e === 0x6e) out += '\n';
    else if (e === 0x22) out += '"';
    else if (e === 0x5c) out += '\\';
    else if (e === 0x2f) out += '/';
    else if (e === 0x74) out += '\t';
    else if (e === 0x72) out += '\r';
    else if (e === 0x62) out += '\b';
    else if (e === 0x66) out += '\f';
    else if (e === 0x75) {
      const hex = s.slice(i, i + 4);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw FAIL;
      out += String.fromCharCode(parseInt(hex, 16));
      i += 4;
    } else throw FAIL;
  }
  i++;
  if (out.length > MAX_STRING_LENGTH) throw FAIL;
  return out;
}

function number(): Value {
  const start = i;
  let c = s.charCodeAt(i);
  if (c === 0x2d) c = s.charCodeAt(++i);
  const digits = i;
  // a small integer is summed as it is read: most payload numbers are
  let n = 0;
  while (c >= 0x30 && c <= 0x39) {
    n = n * 10 + (c - 0x30);
    c = s.charCodeAt(++i);
  }
  const count = i - digits;
  if (count === 0 || (count > 1 && s.charCodeAt(digits) === 0x30)) throw FAIL;
  let integral = true;
  if (c === 0x2e) {
    integral = false;
    const d = ++i;
    c = s.charCodeAt(i);
    while (c >= 0x30 && c <= 0x39) c = s.charCodeAt(++i);
    if (i === d) throw FAIL;
  }
  if (c === 0x65 || c === 0x45) {
    integral = false;
    c = s.charCodeAt(++i);
    if (c === 0x2b || c === 0x2d) c = s.charCodeAt(++i);
    const d = i;
    while (c >= 0x30 && c <= 0x39) c = s.charCodeAt(++i);
    if (i === d) throw FAIL;
  }
  if (i - start > MAX_NUMBER_LENGTH) throw FAIL;
  if (integral && count <= 9) return start === digits ? n : n === 0 ? 0 : -n;
  const text = s.slice(start, i);
  if (!integral) return new JDouble(Number(text));
  const big = BigInt(text);
  if (big >= -2147483648n && big <= 2147483647n) return Number(big);
  return big >= INT64_MIN && big <= INT64_MAX ? big : new JBigInteger(big);
}
