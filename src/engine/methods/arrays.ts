/**
 * Java arrays and read-only lists among the plain JavaScript arrays that model lists: a String[]
 * from split(), a byte[] from getBytes(), a char[] from toCharArray(), an Object[] from toArray(),
 * and the read-only List of a range literal `[1..3]`.
 */
import type { Value } from '../values.js';

const JAVA_ARRAY = Symbol('java-array');
const READ_ONLY = Symbol('read-only-list');
const VIEW = Symbol('sub-list');

/**
 * Marks a list as a Java array of the given class name ("[B", "[Ljava.lang.String;"): it behaves
 * like a list for methods, indexes and #foreach, but a property reads only an `isX()` getter
 * (Velocity wraps arrays just for that): `$a.size` is null.
 */
export function javaArray(items: Value[], javaClass: string): Value[] {
  Object.defineProperty(items, JAVA_ARRAY, { value: javaClass });
  return items;
}

/** The Java class name of an array, or undefined for a list. */
export function arrayClass(v: Value): string | undefined {
  if (!Array.isArray(v)) return undefined;
  const c = (v as unknown as Record<symbol, unknown>)[JAVA_ARRAY];
  return typeof c === 'string' ? c : undefined;
}

export function isJavaArray(v: Value): boolean {
  return arrayClass(v) !== undefined;
}

/** Marks a list as read-only (Velocity's range literal: add, set and remove throw). */
export function readOnlyList(items: Value[], javaClass: string): Value[] {
  Object.defineProperty(items, READ_ONLY, { value: javaClass });
  return items;
}

export function readOnlyClass(v: Value): string | undefined {
  if (!Array.isArray(v)) return undefined;
  const c = (v as unknown as Record<symbol, unknown>)[READ_ONLY];
  return typeof c === 'string' ? c : undefined;
}

/** Object.toString() of a Java array, e.g. "[B@6d06d69c" (Java's hash differs per run; ours is stable). */
export function arrayToString(v: Value[]): string {
  const cls = arrayClass(v)!;
  let h = 0;
  for (let i = 0; i < cls.length; i++) h = (Math.imul(h, 31) + cls.charCodeAt(i)) | 0;
  return `${cls}@${((h ^ v.length) >>> 0).toString(16)}`;
}

/** Marks a list as a subList view of a list that can change (`java.util.ArrayList$SubList`). */
export function subListView(items: Value[]): Value[] {
  Object.defineProperty(items, VIEW, { value: 'java.util.ArrayList$SubList' });
  return items;
}

export function viewClass(v: Value): string | undefined {
  if (!Array.isArray(v)) return undefined;
  const c = (v as unknown as Record<symbol, unknown>)[VIEW];
  return typeof c === 'string' ? c : undefined;
}
