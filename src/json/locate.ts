/**
 * The offset of the value at a JSON pointer in JSON text that is known to be valid (the fast
 * reader accepted it), found by walking the text along the pointer: the values off the path are
 * skipped, not read, so a position costs no second parse and no tree of every value. It gives
 * what the full parser's position tree gives: for a key written twice, the last one (as the
 * value is), and an array index only in its canonical form (`0`, `12`, never `01`).
 */
import { pointerSegments } from './pointer.js';

const INDEX = /^(0|[1-9]\d*)$/;

/** Offset of the value at `pointer`, or of its property name when `part` is "key"; undefined when it does not resolve. */
export function locateOffset(text: string, pointer: string, part: 'value' | 'key' = 'value'): number | undefined {
  const segs = pointerSegments(pointer);
  if (!segs) return undefined;
  let i = skipWs(text, text.charCodeAt(0) === 0xfeff ? 1 : 0);
  let key: number | undefined;
  for (const seg of segs) {
    const c = text.charCodeAt(i);
    if (c === 0x7b) {
      let found = -1;
      let foundKey = -1;
      i = skipWs(text, i + 1);
      if (text.charCodeAt(i) !== 0x7d) {
        for (;;) {
          const keyAt = i;
          const end = stringEnd(text, i);
          i = skipWs(text, skipWs(text, end) + 1);
          if (sameKey(text, keyAt, end, seg)) {
            found = i;
            foundKey = keyAt;
          }
          i = skipWs(text, skipValue(text, i));
          if (text.charCodeAt(i) !== 0x2c) break;
          i = skipWs(text, i + 1);
        }
      }
      if (found < 0) return undefined;
      i = found;
      key = foundKey;
    } else if (c === 0x5b) {
      if (!INDEX.test(seg)) return undefined;
      const want = Number(seg);
      i = skipWs(text, i + 1);
      if (text.charCodeAt(i) === 0x5d) return undefined;
      for (let n = 0; n < want; n++) {
        i = skipWs(text, skipValue(text, i));
        if (text.charCodeAt(i) !== 0x2c) return undefined;
        i = skipWs(text, i + 1);
      }
      key = undefined;
    } else return undefined;
  }
  return part === 'key' && key !== undefined ? key : i;
}

function skipWs(s: string, i: number): number {
  let c = s.charCodeAt(i);
  while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = s.charCodeAt(++i);
  return i;
}

/** The decoded key written from `at` (its opening quote) to `end` (past its closing quote) is `seg`. */
function sameKey(s: string, at: number, end: number, seg: string): boolean {
  const raw = s.indexOf('\\', at + 1);
  if (raw < 0 || raw >= end) return end - at - 2 === seg.length && s.startsWith(seg, at + 1);
  return (JSON.parse(s.slice(at, end)) as string) === seg;
}

/** Past the closing quote of the string that opens at `at`. */
function stringEnd(s: string, at: number): number {
  let from = at + 1;
  for (;;) {
    const q = s.indexOf('"', from);
    if (q < 0) return s.length;
    let slashes = 0;
    while (s.charCodeAt(q - 1 - slashes) === 0x5c) slashes++;
    if ((slashes & 1) === 0) return q + 1;
    from = q + 1;
  }
}

/** Past the value that starts at `at`. */
function skipValue(s: string, at: number): number {
  const c = s.charCodeAt(at);
  if (c === 0x22) return stringEnd(s, at);
  if (c === 0x7b || c === 0x5b) {
    let depth = 0;
    for (let i = at; i < s.length; ) {
      const d = s.charCodeAt(i);
      if (d === 0x22) {
        i = stringEnd(s, i);
        continue;
      }
      if (d === 0x7b || d === 0x5b) depth++;
      else if ((d === 0x7d || d === 0x5d) && --depth === 0) return i + 1;
      i++;
    }
    return s.length;
  }
  let i = at;
  for (;;) {
    const d = s.charCodeAt(i);
    if (d !== d || d === 0x2c || d === 0x7d || d === 0x5d || d === 0x20 || d === 0x0a || d === 0x0d || d === 0x09) return i;
    i++;
  }
}
