/**
 * java.util.ArrayList (and the arrays and read-only ranges that behave like lists): every public
 * method, with Java's overloads. subList() gives a view: changes through it reach the list, and a
 * structural change of the list makes the view throw ConcurrentModificationException when used.
 */
import { chargeMemory, chargeWork } from '../budget.js';
import { javaEquals, javaString } from '../java.js';
import { MethodLimit } from '../regex.js';
import { type Value } from '../values.js';
import { JavaException, NO_METHOD, VOID, npe, toInt, unsupported, ints, type Table } from './core.js';
import { arrayToString, isJavaArray, javaArray, readOnlyClass } from './arrays.js';
import { collectionItems, indexOfValue, lastIndexOfValue, membership } from './elements.js';
import { javaHashCode } from './hash.js';
import { JIterator, JStream } from './text.js';

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
  for (const view of viewsOf.get(l) ?? []) {
    const info = views.get(view)!;
    if (info.mods !== modCount(l) || i < info.offset || i >= info.offset + view.length) continue;
    view[i - info.offset] = v;
    setInViews(view, i - info.offset, v);
  }
}
const mods = new WeakMap<Value[], number>();
const modCount = (l: Value[]) => mods.get(l) ?? 0;

/** Before a structural change of `l`: a view of it must still be current; its lists change too. */
function structural(l: Value[], apply: (list: Value[], offset: number) => void): void {
  const v = views.get(l);
  if (v) {
    live(l);
    structural(v.parent, (p, off) => apply(p, off + v.offset));
    v.mods = modCount(v.parent);
  }
  apply(l, 0);
  mods.set(l, modCount(l) + 1);
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

function writable(l: Value[]): void {
  if (isJavaArray(l) || readOnlyClass(l)) throw unsupported();
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

const nullFunction = (a: Value[], n = 1): typeof NO_METHOD | never => {
  if (a.length === n && a[n - 1] === null) throw npe();
  return NO_METHOD;
};

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
    l[i] = a[1]!;
    // a view writes through to its list, and the list's other views see it
    let at = i;
    let top = l;
    for (let v = views.get(top); v; v = views.get(top)) {
      at += v.offset;
      v.parent[at] = a[1]!;
      top = v.parent;
    }
    setInViews(top, at, a[1]!);
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
    chargeWork(to - from);
    chargeMemory(to - from);
    const view = l.slice(from, to);
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
  toArray: (l: Value[], a: Value[]) => (a.length === 0 ? (chargeWork(l.length), chargeMemory(l.length), javaArrayOf([...l])) : NO_METHOD),
  hashCode: (l: Value[], a: Value[]) => (a.length === 0 && !isJavaArray(l) ? javaHashCode(l) : NO_METHOD),
  ensureCapacity: (l: Value[], a: Value[]) => (ints(a, 1) && !isJavaArray(l) ? VOID : NO_METHOD),
  trimToSize: (l: Value[], a: Value[]) => (a.length === 0 && !isJavaArray(l) ? VOID : NO_METHOD),
  iterator: (l: Value[], a: Value[]) => (a.length === 0 ? new JIterator(l) : NO_METHOD),
  listIterator: (l: Value[], a: Value[]) => {
    const n = ints(a, a.length);
    if (!n || n.length > 1) return NO_METHOD;
    if (n.length === 1 && (n[0]! < 0 || n[0]! > l.length)) throw indexError(`Index: ${n[0]}`);
    return new JIterator(l, n[0] ?? 0);
  },
  stream: (l: Value[], a: Value[]) => (a.length === 0 ? new JStream(l, false) : NO_METHOD),
  forEach: (_l: Value[], a: Value[]) => nullFunction(a),
  removeIf: (_l: Value[], a: Value[]) => nullFunction(a),
  replaceAll: (_l: Value[], a: Value[]) => nullFunction(a),
  toString: (l: Value[], a: Value[]) => (a.length === 0 ? (isJavaArray(l) ? arrayToString(l) : javaString(l)) : NO_METHOD),
  equals: (l: Value[], a: Value[]) => (a.length === 1 ? (chargeWork(l.length), javaEquals(l, a[0]!)) : NO_METHOD),
};

const javaArrayOf = (items: Value[]) => javaArray(items, '[Ljava.lang.Object;');
