/** Java's hashCode() of template values (String, boxed numbers, collections, entries). */
import { mapEntries } from '../java.js';
import { JBigDecimal, JBigInteger, JChar, JDouble, JEntry, JMap, JSet, type Value } from '../values.js';
import { chargeWork } from '../budget.js';

export function stringHash(s: string): number {
  chargeWork(s.length);
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

export function longHash(v: bigint): number {
  const u = BigInt.asUintN(64, v);
  return Number(BigInt.asIntN(32, u ^ (u >> 32n)));
}

export function doubleBits(d: number): bigint {
  const dv = new DataView(new ArrayBuffer(8));
  dv.setFloat64(0, Number.isNaN(d) ? NaN : d);
  return dv.getBigInt64(0);
}

export function doubleHash(d: number): number {
  return longHash(doubleBits(d));
}

/** BigInteger.hashCode: over the 32-bit words of the magnitude, times the sign. */
export function bigIntegerHash(v: bigint): number {
  const neg = v < 0n;
  let mag = neg ? -v : v;
  const words: bigint[] = [];
  while (mag > 0n) {
    words.unshift(mag & 0xffffffffn);
    mag >>= 32n;
  }
  let h = 0;
  for (const w of words) h = (Math.imul(31, h) + Number(BigInt.asIntN(32, w))) | 0;
  return neg ? -h | 0 : h;
}

export function javaHashCode(v: Value): number {
  if (v === null) return 0;
  switch (typeof v) {
    case 'string':
      return stringHash(v);
    case 'boolean':
      return v ? 1231 : 1237;
    case 'number':
      return v;
    case 'bigint':
      return longHash(v);
  }
  if (v instanceof JDouble) return doubleHash(v.v);
  if (v instanceof JBigInteger) return bigIntegerHash(v.v);
  if (v instanceof JBigDecimal) return (Math.imul(31, bigIntegerHash(v.unscaled)) + v.scale) | 0;
  if (v instanceof JChar) return v.c.charCodeAt(0);
  if (Array.isArray(v)) {
    chargeWork(v.length);
    let h = 1;
    for (const x of v) h = (Math.imul(31, h) + javaHashCode(x)) | 0;
    return h;
  }
  if (v instanceof JEntry) return javaHashCode(v.key) ^ javaHashCode(v.value);
  if (v instanceof JMap) {
    let h = 0;
    for (const [k, x] of mapEntries(v)) h = (h + (javaHashCode(k) ^ javaHashCode(x))) | 0;
    return h;
  }
  if (v instanceof JSet) {
    chargeWork(v.items.length);
    let h = 0;
    for (const x of v.items) h = (h + javaHashCode(x)) | 0;
    return h;
  }
  return 0;
}
