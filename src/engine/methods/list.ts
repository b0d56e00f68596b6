/**
 * java.util.ArrayList (and the arrays and read-only ranges that behave like lists): every public
 * method, with Java's overloads. subList() gives a view: changes through it reach the list, and a
 * structural change of the list makes the view throw ConcurrentModificationException when used.
 */
import { chargeMemory, chargeWork } from '../budget.js';
import { javaClassName, javaEquals, javaString } from '../java.js';
import { compareNumbers, type JNumber } from '../numbers.js';
import { MethodLimit } from '../regex.js';
import { JChar, JDouble, JEntry, JMap, JObject, JSet, type Value } from '../values.js';
import { JavaException, NO_METHOD, VOID, classCast, npe, nullFunction, toInt, unsupported, ints, type Table } from './core.js';
import { arrayClass, arrayToString, isJavaArray, javaArray, readOnlyClass, readOnlyList, subListView } from './arrays.js';
import { collectionItems, indexOfValue, lastIndexOfValue, membership } from './elements.js';
import { javaHashCode } from './hash.js';
import { JIterator, JStream, compareStrings, type ListOps } from './text.js';
import { doubleCompare } from './number.js';

/** Largest list a single method call may build. */
export const MAX_LIST = 10_000_000;

const indexError = (msg: string) => new JavaException('java.lang.IndexOutOfBoundsException', msg);
function checkIndex(i: number, size: number): void {
  if (i < 0 || i >= size) throw indexError(`Index ${i} out of bounds for length ${size}`);
}

// ------------------------------------------------------------------ subList views

interface View {
  parent: Value[];
  offset: number;
  mods: number;
}
const views = new WeakMap<Value[], View>();
/** The views made of each list, so that set() on the list shows in them. */
const viewsOf = new WeakMap<Value[], Value[][]>();

/** set() of a list's element shows in the live views that cover it. */
function setInViews(l: Value[], i: number, v: Value): void {
  const made = viewsOf.get(l);
  if (!made) return;
  // a view made before a structural change of its list is stale for good: it is dropped here
  let kept = 0;
  for (const view of made) {
    chargeWork(1);
    const info = views.get(view)!;
    if (info.mods !== modCount(l)) continue;
    made[kept++] = view;
    if (i < info.offset || i >= info.offset + view.length) continue;
    view[i - info.offset] = v;
    setInViews(view, i - info.offset, v);
  }
  made.length = kept;
}
const mods = new WeakMap<Value[], number>();
const modCount = (l: Value[]) => mods.get(l) ?? 0;

/**
 * How many structural changes (and sorts) any list has had, so that a #foreach or an iterator
 * asks whether its own list changed only when some list did: Java's iterator then fails on
 * next() with a ConcurrentModificationException.
 */
export let listChanges = 0;
/** Java's modCount of a list: its structural changes through methods, and sorts. */
export const listModCount = modCount;
const bump = (l: Value[]) => {
  mods.set(l, modCount(l) + 1);
  listChanges++;
};

/** Before a structural change of `l`: a view of it must still be current; its lists change too. */
function structural(l: Value[], apply: (list: Value[], offset: number) => void): void {
  const v = views.get(l);
  if (v) {
    live(l);
    structural(v.parent, (p, off) => apply(p, off + v.offset));
    v.mods = modCount(v.parent);
  }
  apply(l, 0);
  bump(l);
}

function live(l: Value[]): void {
  const v = views.get(l);
  if (!v) return;
  live(v.parent);
  if (v.mods !== modCount(v.parent)) throw new JavaException('java.util.ConcurrentModificationException', '');
}

/** splice() without spreading the items into arguments (a million would overflow the stack). */
function replaceRange(list: Value[], at: number, remove: number, items: Value[]): void {
  const tail = list.length - at - remove;
  const delta = items.length - remove;
  if (delta > 0) {
    list.length += delta;
    for (let i = tail - 1; i >= 0; i--) list[at + items.length + i] = list[at + remove + i]!;
  } else if (delta < 0) {
    for (let i = 0; i < tail; i++) list[at + items.length + i] = list[at + remove + i]!;
    list.length += delta;
  }
  for (let i = 0; i < items.length; i++) list[at + i] = items[i]!;
}

/** What List.of gives: a copy no method can change, without null (Java's NullPointerException). */
function immutableList(items: Value[]): Value[] {
  chargeWork(items.length);
  if (items.includes(null)) throw npe();
  chargeMemory(items.length);
  const kind = items.length === 1 || items.length === 2 ? 'List12' : 'ListN';
  return readOnlyList([...items], `java.util.ImmutableCollections$${kind}`);
}

function writable(l: Value[]): void {
  if (isJavaArray(l) || readOnlyClass(l)) throw unsupported();
}

/** l[i] = v, written through a view to its list, and shown in the list's other views. */
function writeThrough(l: Value[], i: number, v: Value): void {
  l[i] = v;
  let at = i;
  let top = l;
  for (let view = views.get(top); view; view = views.get(top)) {
    at += view.offset;
    view.parent[at] = v;
    top = view.parent;
  }
  setInViews(top, at, v);
}

/** The iterator class of a list: List.of's is ImmutableCollections$ListItr for both kinds. */
const iteratorClass = (l: Value[], ofArrayList: string) =>
  readOnlyClass(l)?.startsWith('java.util.ImmutableCollections$') ? 'java.util.ImmutableCollections$ListItr' : ofArrayList;

/** The list a view is a view of (through views of views); the list itself otherwise. */
function topList(l: Value[]): Value[] {
  for (let v = views.get(l); v; v = views.get(l)) l = v.parent;
  return l;
}

/** A list iterator's changes, through the list's own set, add and remove. */
function listOps(l: Value[], listIterator: boolean): ListOps {
  const call = (name: string, args: Value[]) => void LIST[name]!(l as never, args);
  return {
    set: (i, x) => call('set', [i, x]),
    add: (i, x) => call('add', [i, x]),
    remove: (i) => call('remove', [i]),
    modCount: () => modCount(l),
    listIterator,
  };
}

function addItems(l: Value[], at: number, items: Value[]): boolean {
  writable(l);
  if (l.length + items.length > MAX_LIST) throw new MethodLimit(`addAll() would grow a list past ${MAX_LIST} elements`);
  chargeWork(items.length);
  chargeMemory(items.length);
  const copy = items === l || views.has(items) ? items.slice() : items;
  structural(l, (list, off) => replaceRange(list, off + at, 0, copy));
  return copy.length > 0;
}

function removeWhere(l: Value[], drop: (v: Value) => boolean): boolean {
  writable(l);
  live(l);
  chargeWork(l.length);
  const keep = l.filter((x) => !drop(x));
  if (keep.length === l.length) return false;
  const n = l.length;
  structural(l, (list, off) => replaceRange(list, off, n, keep));
  return true;
}


export const LIST: Table = {
  size: (l: Value[], a: Value[]) => (a.length === 0 ? (live(l), l.length) : NO_METHOD),
  isEmpty: (l: Value[], a: Value[]) => (a.length === 0 ? (live(l), l.length === 0) : NO_METHOD),
  get: (l: Value[], a: Value[]) => {
    const n = ints(a, 1);
    if (!n) return NO_METHOD;
    live(l);
    checkIndex(n[0]!, l.length);
    return l[n[0]!]!;
  },
  contains: (l: Value[], a: Value[]) => (a.length === 1 ? (live(l), indexOfValue(l, a[0]!) >= 0) : NO_METHOD),
  indexOf: (l: Value[], a: Value[]) => (a.length === 1 ? (live(l), indexOfValue(l, a[0]!)) : NO_METHOD),
  lastIndexOf: (l: Value[], a: Value[]) => (a.length === 1 ? (live(l), lastIndexOfValue(l, a[0]!)) : NO_METHOD),
  add: (l: Value[], a: Value[]) => {
    if (a.length === 1) {
      addItems(l, l.length, [a[0]!]);
      return true;
    }
    if (a.length === 2) {
      const i = toInt(a[0]!);
      if (i === NO_METHOD) return NO_METHOD;
      writable(l);
      if (i < 0 || i > l.length) throw indexError(`Index: ${i}, Size: ${l.length}`);
      addItems(l, i, [a[1]!]);
      return VOID;
    }
    return NO_METHOD;
  },
  addAll: (l: Value[], a: Value[]) => {
    if (a.length === 1) {
      if (a[0] === null) throw npe();
      const items = collectionItems(a[0]!);
      return items ? addItems(l, l.length, items) : NO_METHOD;
    }
    if (a.length !== 2) return NO_METHOD;
    const i = toInt(a[0]!);
    if (i === NO_METHOD) return NO_METHOD;
    if (a[1] === null) throw npe();
    const items = collectionItems(a[1]!);
    if (!items) return NO_METHOD;
    writable(l);
    if (i < 0 || i > l.length) throw indexError(`Index: ${i}, Size: ${l.length}`);
    return addItems(l, i, items);
  },
  set: (l: Value[], a: Value[]) => {
    if (a.length !== 2) return NO_METHOD;
    const i = toInt(a[0]!);
    if (i === NO_METHOD) return NO_METHOD;
    if (readOnlyClass(l)) throw unsupported();
    live(l);
    checkIndex(i, l.length);
    const prev = l[i]!;
    writeThrough(l, i, a[1]!);
    return prev;
  },
  remove: (l: Value[], a: Value[]) => {
    if (a.length !== 1) return NO_METHOD;
    writable(l);
    live(l);
    const x = a[0]!;
    if (typeof x === 'number') {
      checkIndex(x, l.length);
      const prev = l[x]!;
      structural(l, (list, off) => list.splice(off + x, 1));
      return prev;
    }
    const i = indexOfValue(l, x);
    if (i >= 0) structural(l, (list, off) => list.splice(off + i, 1));
    return i >= 0;
  },
  removeAll: (l: Value[], a: Value[]) => {
    if (a.length !== 1) return NO_METHOD;
    if (a[0] === null) throw npe();
    const items = collectionItems(a[0]!);
    if (!items) return NO_METHOD;
    const has = membership(items);
    return removeWhere(l, has);
  },
  retainAll: (l: Value[], a: Value[]) => {
    if (a.length !== 1) return NO_METHOD;
    if (a[0] === null) throw npe();
    const items = collectionItems(a[0]!);
    if (!items) return NO_METHOD;
    const has = membership(items);
    return removeWhere(l, (v) => !has(v));
  },
  clear: (l: Value[], a: Value[]) => {
    if (a.length) return NO_METHOD;
    writable(l);
    live(l);
    const n = l.length;
    structural(l, (list, off) => list.splice(off, n));
    return VOID;
  },
  subList: (l: Value[], a: Value[]) => {
    const n = ints(a, 2);
    if (!n) return NO_METHOD;
    live(l);
    const [from, to] = n as [number, number];
    if (from < 0) throw indexError(`fromIndex = ${from}`);
    if (to > l.length) throw indexError(`toIndex = ${to}`);
    if (from > to) throw new JavaException('java.lang.IllegalArgumentException', `fromIndex(${from}) > toIndex(${to})`);
    chargeWork(to - from + 1);
    chargeMemory(to - from + 1);
    const view = l.slice(from, to);
    // the view of a read-only list (a range, List.of) is read-only too
    const fixed = readOnlyClass(topList(l));
    if (fixed) readOnlyList(view, fixed.startsWith('java.util.ImmutableCollections$') ? 'java.util.ImmutableCollections$SubList' : 'java.util.AbstractList$SubList');
    else if (!isJavaArray(l)) subListView(view);
    views.set(view, { parent: l, offset: from, mods: modCount(l) });
    const made = viewsOf.get(l) ?? [];
    made.push(view);
    viewsOf.set(l, made);
    return view;
  },
  containsAll: (l: Value[], a: Value[]) => {
    if (a.length !== 1) return NO_METHOD;
    if (a[0] === null) throw npe();
    const items = collectionItems(a[0]!);
    if (!items) return NO_METHOD;
    live(l);
    if (items.length === 0) return true;
    const has = membership(l);
    return items.every(has);
  },
  clone: (l: Value[], a: Value[]) => (a.length === 0 && !isJavaArray(l) ? (chargeWork(l.length), chargeMemory(l.length), [...l]) : NO_METHOD),
  toArray: (l: Value[], a: Value[]) => {
    if (a.length === 0) return chargeWork(l.length), chargeMemory(l.length), javaArrayOf([...l]);
    // toArray(T[] a): an Object[] given as it is, any other arguments as the array (Velocity's
    // varargs); null fits toArray(IntFunction) better
    if (a.length === 1 && a[0] === null) {
      throw new JavaException('java.lang.NullPointerException', 'Cannot invoke "java.util.function.IntFunction.apply(int)" because "generator" is null');
    }
    const given = a.length === 1 && isJavaArray(a[0]!) ? (a[0] as Value[]) : undefined;
    const cls = given ? arrayClass(given)! : '[Ljava.lang.Object;';
    // a primitive array is no T[]: reflection refuses the call
    if (!cls.startsWith('[L')) throw new JavaException('java.lang.IllegalArgumentException', 'argument type mismatch');
    const element = cls.slice(2, -1);
    chargeWork(l.length);
    if (element !== 'java.lang.Object' && l.some((x) => x !== null && javaClassName(x) !== element)) {
      throw new JavaException(
        'java.lang.ArrayStoreException',
        `arraycopy: element type mismatch: can not cast one of the elements of java.lang.Object[] to the type of the destination array, ${element}`,
      );
    }
    const into = given ?? javaArrayOf([...a]);
    if (into.length < l.length) return chargeMemory(l.length), javaArray([...l], cls);
    for (let i = 0; i < l.length; i++) into[i] = l[i]!;
    if (into.length > l.length) into[l.length] = null;
    return into;
  },
  hashCode: (l: Value[], a: Value[]) => (a.length === 0 && !isJavaArray(l) ? javaHashCode(l) : NO_METHOD),
  ensureCapacity: (l: Value[], a: Value[]) => (ints(a, 1) && !isJavaArray(l) ? VOID : NO_METHOD),
  trimToSize: (l: Value[], a: Value[]) => (a.length === 0 && !isJavaArray(l) ? VOID : NO_METHOD),
  // List.sort(null): natural order (a template cannot make a Comparator, so only null fits)
  sort: (l: Value[], a: Value[]) => {
    if (a.length !== 1 || a[0] !== null) return NO_METHOD;
    const top = topList(l);
    const fixed = readOnlyClass(top);
    if (fixed) throw new JavaException('java.lang.UnsupportedOperationException', fixed.endsWith('$IntegerRange') ? 'integer range is read only' : '');
    live(l);
    chargeMemory(l.length);
    const sorted = [...l];
    sortNatural(sorted);
    if (views.has(l) || isJavaArray(l)) {
      // a view sorts by setting its elements (List.sort), which reach its list and its other views
      for (let i = 0; i < sorted.length; i++) writeThrough(l, i, sorted[i]!);
    } else {
      // ArrayList.sort is a structural change: the views of the list are stale after it
      for (let i = 0; i < sorted.length; i++) l[i] = sorted[i]!;
      bump(l);
    }
    return VOID;
  },
  // List.of and List.copyOf, static methods of the List interface a template reaches through a list
  of: (_l: Value[], a: Value[]) => immutableList(a.length === 1 && arrayClass(a[0]!) === '[Ljava.lang.Object;' ? (a[0] as Value[]) : a),
  copyOf: (_l: Value[], a: Value[]) => {
    if (a.length !== 1) return NO_METHOD;
    if (a[0] === null) throw npe();
    const items = isJavaArray(a[0]!) ? undefined : collectionItems(a[0]!);
    if (!items) return NO_METHOD;
    return readOnlyClass(items)?.startsWith('java.util.ImmutableCollections$') ? items : immutableList(items);
  },
  iterator: (l: Value[], a: Value[]) => (a.length === 0 ? new JIterator(l, 0, iteratorClass(l, 'java.util.ArrayList$Itr'), listOps(l, false)) : NO_METHOD),
  listIterator: (l: Value[], a: Value[]) => {
    const n = ints(a, a.length);
    if (!n || n.length > 1) return NO_METHOD;
    if (n.length === 1 && (n[0]! < 0 || n[0]! > l.length)) throw indexError(`Index: ${n[0]}`);
    return new JIterator(l, n[0] ?? 0, iteratorClass(l, 'java.util.ArrayList$ListItr'), listOps(l, true));
  },
  stream: (l: Value[], a: Value[]) => (a.length === 0 ? new JStream(l, false) : NO_METHOD),
  forEach: (_l: Value[], a: Value[]) => nullFunction(a),
  removeIf: (_l: Value[], a: Value[]) => nullFunction(a),
  replaceAll: (_l: Value[], a: Value[]) => nullFunction(a),
  toString: (l: Value[], a: Value[]) => (a.length === 0 ? (isJavaArray(l) ? arrayToString(l) : javaString(l)) : NO_METHOD),
  equals: (l: Value[], a: Value[]) => (a.length === 1 ? (chargeWork(l.length), javaEquals(l, a[0]!)) : NO_METHOD),
};

const javaArrayOf = (items: Value[]) => javaArray(items, '[Ljava.lang.Object;');

/** Java's class name of a Comparable value (String, Boolean, Character, a number), else undefined. */
function comparableClass(v: Value): string | undefined {
  if (v === null || Array.isArray(v) || v instanceof JMap || v instanceof JSet || v instanceof JEntry || v instanceof JObject) return undefined;
  return javaClassName(v);
}

/** x.compareTo(y) of Java's Comparable: the same class on both sides, or Java's exception. */
function naturalCompare(x: Value, y: Value, receiver: string): number {
  // one sort of millions of elements runs for seconds: each comparison counts (and the clock is
  // looked at every so many)
  chargeWork(1);
  if (x === null) throw new JavaException('java.lang.NullPointerException', `Cannot invoke "java.lang.Comparable.compareTo(Object)" because "${receiver}" is null`);
  const cls = comparableClass(x);
  if (cls === undefined) throw classCast(x, 'java.lang.Comparable');
  if (y === null) throw npe();
  if (javaClassName(y) !== cls) throw classCast(y, cls);
  if (typeof x === 'string') return compareStrings(x, y as string);
  if (typeof x === 'boolean') return x === y ? 0 : x ? 1 : -1;
  if (x instanceof JChar) return x.c.charCodeAt(0) - (y as JChar).c.charCodeAt(0);
  if (x instanceof JDouble) return doubleCompare(x.v, (y as JDouble).v);
  return compareNumbers(x as JNumber, y as JNumber);
}

/**
 * Arrays.sort of Comparables, in place and stable. Under 32 elements it is Java's own binary
 * insertion sort after the first run (ComparableTimSort), so the first comparison that fails is
 * Java's; a longer list gets the same order from JavaScript's stable sort.
 */
function sortNatural(l: Value[]): void {
  const n = l.length;
  if (n < 2) return;
  if (n >= 32) {
    l.sort((x, y) => naturalCompare(x, y, 'a[runHi]'));
    return;
  }
  // countRunAndMakeAscending
  let runHi = 1;
  if (naturalCompare(l[runHi++]!, l[0]!, 'a[runHi]') < 0) {
    while (runHi < n && naturalCompare(l[runHi]!, l[runHi - 1]!, 'a[runHi]') < 0) runHi++;
    for (let lo = 0, hi = runHi - 1; lo < hi; lo++, hi--) [l[lo], l[hi]] = [l[hi]!, l[lo]!];
  } else {
    while (runHi < n && naturalCompare(l[runHi]!, l[runHi - 1]!, 'a[runHi]') >= 0) runHi++;
  }
  // binarySort from the end of that run
  for (let start = runHi; start < n; start++) {
    const pivot = l[start]!;
    if (pivot !== null && comparableClass(pivot) === undefined) throw classCast(pivot, 'java.lang.Comparable');
    let left = 0;
    let right = start;
    while (left < right) {
      const mid = (left + right) >>> 1;
      if (naturalCompare(pivot, l[mid]!, 'pivot') < 0) right = mid;
      else left = mid + 1;
    }
    for (let i = start; i > left; i--) l[i] = l[i - 1]!;
    l[left] = pivot;
  }
}
