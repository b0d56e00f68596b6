/**
 * The fast path of parseJson: one pass over valid JSON text that builds only the Java value
 * (exact number typing, key order as written), with no positions and no plain value. On anything
 * it does not expect (a syntax error, a limit, an unusual escape) it gives up and returns FAIL,
 * and parseJson reads the text again with the full parser, which has the positions and the
 * messages. Rendering from JSON text reads every payload, so this path is kept tight: the state
 * lives in the fields of one reader, each loop keeps its position in a local variable, and a
 * string without escapes is one slice of the text.
 */
import { JBigInteger, JDouble, JMap, type Value } from '../engine/values.js';
import { MAX_NUMBER_LENGTH, MAX_STRING_LENGTH } from './limits.js';

export const FAIL = Symbol('fail');

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
// copied into this module: an imported binding read in a hot loop can cost a call (tsx)
const MAX_NUMBER = MAX_NUMBER_LENGTH;
const MAX_STRING = MAX_STRING_LENGTH;

/** The Java value of JSON text, or FAIL when the full parser must read it. */
export function readJava(text: string, depthLimit: number): Value | typeof FAIL {
  const r = reader;
  r.s = text;
  r.i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  r.maxDepth = depthLimit;
  try {
    r.ws();
    const v = r.value(0);
    r.ws();
    return r.i === text.length ? v : FAIL;
  } catch (e) {
    if (e === FAIL || e instanceof RangeError) return FAIL;
    throw e;
  } finally {
    r.s = '';
  }
}

class Reader {
  s = '';
  i = 0;
  maxDepth = 1000;
  /**
   * Keys seen before, by nesting depth and position in their object: the objects of a list repeat
   * their keys, and a key found here is neither cut out of the text nor hashed again.
   */
  readonly keyCache: (string | undefined)[] = new Array<string | undefined>(256).fill(undefined);

  ws(): void {
    const s = this.s;
    let i = this.i;
    let c = s.charCodeAt(i);
    while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = s.charCodeAt(++i);
    this.i = i;
  }

  value(depth: number): Value {
    const c = this.s.charCodeAt(this.i);
    if (c === 0x22) return this.string();
    if (c === 0x7b) return this.object(depth + 1);
    if (c === 0x5b) return this.array(depth + 1);
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return this.number();
    if (c === 0x74 && this.s.startsWith('true', this.i)) return this.word(4, true);
    if (c === 0x66 && this.s.startsWith('false', this.i)) return this.word(5, false);
    if (c === 0x6e && this.s.startsWith('null', this.i)) return this.word(4, null);
    throw FAIL;
  }

  word(len: number, v: boolean | null): boolean | null {
    const c = this.s.charCodeAt((this.i += len));
    // "trueish" is not a word the full parser accepts
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === 0x24) throw FAIL;
    return v;
  }

  /** Skips whitespace from `i` and returns the position of the next other character. */
  skip(i: number): number {
    const s = this.s;
    let c = s.charCodeAt(i);
    while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = s.charCodeAt(++i);
    return i;
  }

  object(depth: number): JMap {
    if (depth > this.maxDepth) throw FAIL;
    const s = this.s;
    const m = new JMap();
    const keys = m.keys;
    let i = this.skip(this.i + 1);
    if (s.charCodeAt(i) === 0x7d) {
      this.i = i + 1;
      return m;
    }
    const cache = this.keyCache;
    let slot = (depth & 7) << 5;
    for (;;) {
      if (s.charCodeAt(i) !== 0x22) throw FAIL;
      const known = cache[slot];
      let key: string;
      if (known !== undefined && s.charCodeAt(i + 1 + known.length) === 0x22 && s.startsWith(known, i + 1)) {
        key = known;
        i += known.length + 2;
      } else {
        this.i = i;
        key = this.string();
        // only keys without escapes (text and key of the same length) can be matched in the text
        if (this.i - i - 2 === key.length) cache[slot] = key;
        i = this.i;
      }
      slot = (slot & ~31) | ((slot + 1) & 31);
      let c = s.charCodeAt(i);
      if (c !== 0x3a) {
        i = this.skip(i);
        if (s.charCodeAt(i) !== 0x3a) throw FAIL;
      }
      i = this.skip(i + 1);
      c = s.charCodeAt(i);
      let v: Value;
      if (c === 0x22) {
        this.i = i;
        v = this.string();
      } else if (c >= 0x30 && c <= 0x39) {
        this.i = i;
        v = this.number();
      } else {
        this.i = i;
        v = this.value(depth);
      }
      keys.set(key, v);
      i = this.i;
      c = s.charCodeAt(i);
      if (c !== 0x2c && c !== 0x7d) c = s.charCodeAt((i = this.skip(i)));
      i++;
      if (c === 0x7d) {
        this.i = i;
        return m;
      }
      if (c !== 0x2c) throw FAIL;
      i = this.skip(i);
    }
  }

  array(depth: number): Value[] {
    if (depth > this.maxDepth) throw FAIL;
    const s = this.s;
    const a: Value[] = [];
    let i = this.skip(this.i + 1);
    if (s.charCodeAt(i) === 0x5d) {
      this.i = i + 1;
      return a;
    }
    for (;;) {
      this.i = i;
      a.push(this.value(depth));
      i = this.i;
      let c = s.charCodeAt(i);
      if (c !== 0x2c && c !== 0x5d) c = s.charCodeAt((i = this.skip(i)));
      i++;
      if (c === 0x5d) {
        this.i = i;
        return a;
      }
      if (c !== 0x2c) throw FAIL;
      i = this.skip(i);
    }
  }

  string(): string {
    const s = this.s;
    const start = this.i + 1;
    let i = start;
    for (;;) {
      const c = s.charCodeAt(i);
      if (c === 0x22) break;
      if (c === 0x5c) {
        this.i = i;
        return this.escaped(start);
      }
      if (c < 0x20 || c !== c) throw FAIL; // a control character, or the end of the text
      i++;
    }
    if (i - start > MAX_STRING) throw FAIL;
    this.i = i + 1;
    return s.slice(start, i);
  }

  /** The rest of a string that has escapes, from `start` (its first character). */
  escaped(start: number): string {
    const s = this.s;
    let i = this.i;
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
    this.i = i + 1;
    if (out.length > MAX_STRING) throw FAIL;
    return out;
  }

  number(): Value {
    const s = this.s;
    const start = this.i;
    let i = start;
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
    this.i = i;
    if (i - start > MAX_NUMBER) throw FAIL;
    if (integral && count <= 9) return start === digits ? n : n === 0 ? 0 : -n;
    const text = s.slice(start, i);
    if (!integral) return new JDouble(Number(text));
    const big = BigInt(text);
    if (big >= -2147483648n && big <= 2147483647n) return Number(big);
    return big >= INT64_MIN && big <= INT64_MAX ? big : new JBigInteger(big);
  }
}

const reader = new Reader();
