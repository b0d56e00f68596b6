/**
 * java.util.LinkedHashMap, its keySet()/values()/entrySet() views and their entries. The views
 * are snapshots that write through: removing from a view removes from the map, and
 * Map.Entry.setValue changes the map.
 */
import { chargeMemory, chargeWork } from '../budget.js';
import { javaEquals, javaString, mapEntries, mapGet, mapHas, mapPut, mapRemove } from '../java.js';
import { JEntry, JMap, JSet, type Value } from '../values.js';
import { NO_METHOD, VOID, npe, nullFunction, unsupported, type Table } from './core.js';
import { javaArray } from './arrays.js';
import { collectionItems, indexOfValue, membership } from './elements.js';
import { javaHashCode, stringHash } from './hash.js';
import { classNameOf, markEntrySet } from './klass.js';
import { JIterator } from './text.js';

const entryMaps = new WeakMap<JEntry, JMap>();

function entries(m: JMap): Value[] {
  chargeWork(m.keys.size);
  return mapEntries(m).map(([k, v]) => {
    const e = new JEntry(k, v);
    entryMaps.set(e, m);
    return e;
  });
}

/** The views read their map on every use (live, as Java's are). */
function view(m: JMap, kind: 'keys' | 'values' | 'entries'): JSet {
  chargeMemory(1);
  const read =
    kind === 'entries'
      ? () => entries(m)
      : kind === 'keys'
        ? () => (chargeWork(m.keys.size), mapEntries(m).map((e) => e[0]))
        : () => (chargeWork(m.keys.size), [...m.keys.values()]);
  const s = new JSet([], m, kind !== 'values', read);
  return kind === 'entries' ? markEntrySet(s) : s;
}


export const MAP: Table = {
  get: (m: JMap, a: Value[]) => (a.length === 1 ? mapGet(m, a[0]!) : NO_METHOD),
  getOrDefault: (m: JMap, a: Value[]) => (a.length === 2 ? (mapHas(m, a[0]!) ? mapGet(m, a[0]!) : a[1]!) : NO_METHOD),
  containsKey: (m: JMap, a: Value[]) => (a.length === 1 ? mapHas(m, a[0]!) : NO_METHOD),
  containsValue: (m: JMap, a: Value[]) => (a.length === 1 ? indexOfValue([...m.keys.values()], a[0]!) >= 0 : NO_METHOD),
  put: (m: JMap, a: Value[]) => (a.length === 2 ? (chargeMemory(1), mapPut(m, a[0]!, a[1]!)) : NO_METHOD),
  putAll: (m: JMap, a: Value[]) => {
    if (a.length !== 1) return NO_METHOD;
    if (a[0] === null) throw npe();
    if (!(a[0] instanceof JMap)) return NO_METHOD;
    const entries = mapEntries(a[0]);
    chargeWork(entries.length);
    chargeMemory(entries.length);
    for (const [k, v] of entries) mapPut(m, k, v);
    return VOID;
  },
  remove: (m: JMap, a: Value[]) => {
    if (a.length === 1) return mapRemove(m, a[0]!);
    if (a.length !== 2) return NO_METHOD;
    // remove(key, value): only when the key maps to that value
    if (!mapHas(m, a[0]!) || !javaEquals(mapGet(m, a[0]!), a[1]!)) return false;
    mapRemove(m, a[0]!);
    return true;
  },
  // Java 8 Map defaults: replace only an existing key; put only a missing one
  replace: (m: JMap, a: Value[]) => {
    if (a.length === 2) return mapHas(m, a[0]!) ? mapPut(m, a[0]!, a[1]!) : null;
    if (a.length !== 3) return NO_METHOD;
    if (!mapHas(m, a[0]!) || !javaEquals(mapGet(m, a[0]!), a[1]!)) return false;
    mapPut(m, a[0]!, a[2]!);
    return true;
  },
  putIfAbsent: (m: JMap, a: Value[]) => {
    if (a.length !== 2) return NO_METHOD;
    const cur = mapGet(m, a[0]!);
    if (cur === null) mapPut(m, a[0]!, a[1]!);
    return cur;
  },
  size: (m: JMap, a: Value[]) => (a.length === 0 ? m.keys.size : NO_METHOD),
  isEmpty: (m: JMap, a: Value[]) => (a.length === 0 ? m.keys.size === 0 : NO_METHOD),
  keySet: (m: JMap, a: Value[]) => (a.length === 0 ? view(m, 'keys') : NO_METHOD),
  values: (m: JMap, a: Value[]) => (a.length === 0 ? view(m, 'values') : NO_METHOD),
  entrySet: (m: JMap, a: Value[]) => (a.length === 0 ? view(m, 'entries') : NO_METHOD),
  clear: (m: JMap, a: Value[]) => {
    if (a.length) return NO_METHOD;
    m.keys.clear();
    m.original = undefined;
    return VOID;
  },
  clone: (m: JMap, a: Value[]) => {
    if (a.length) return NO_METHOD;
    const c = new JMap();
    chargeWork(m.keys.size);
    chargeMemory(m.keys.size);
    for (const [k, v] of mapEntries(m)) mapPut(c, k, v);
    return c;
  },
  hashCode: (m: JMap, a: Value[]) => (a.length === 0 ? (chargeWork(m.keys.size), javaHashCode(m)) : NO_METHOD),
  toString: (m: JMap, a: Value[]) => (a.length === 0 ? javaString(m) : NO_METHOD),
  equals: (m: JMap, a: Value[]) => (a.length === 1 ? (chargeWork(m.keys.size), javaEquals(m, a[0]!)) : NO_METHOD),
  forEach: (_m: JMap, a: Value[]) => nullFunction(a, 1),
  replaceAll: (_m: JMap, a: Value[]) => nullFunction(a, 1),
  computeIfAbsent: (_m: JMap, a: Value[]) => nullFunction(a, 2),
  computeIfPresent: (_m: JMap, a: Value[]) => nullFunction(a, 2),
  compute: (_m: JMap, a: Value[]) => nullFunction(a, 2),
  merge: (_m: JMap, a: Value[]) => nullFunction(a, 3),
};

/** Removes from the view and its map the items `drop` selects; whether any was removed. */
function removeFromView(s: JSet, drop: (x: Value) => boolean, once = false): boolean {
  const m = s.source;
  let removed = false;
  const items = s.items;
  for (let i = 0; i < items.length; i++) {
    const x = items[i]!;
    if (!drop(x)) continue;
    if (m) {
      if (x instanceof JEntry && entryMaps.get(x) === m) mapRemove(m, x.key);
      else if (s.isSet) mapRemove(m, x);
      else {
        const e = mapEntries(m).find(([, v]) => javaEquals(v, x));
        if (e) mapRemove(m, e[0]);
      }
    }
    removed = true;
    if (once) break;
  }
  return removed;
}

function viewMember(s: JSet, x: Value): boolean {
  const items = s.items;
  if (x instanceof JEntry && items[0] instanceof JEntry) return items.some((e) => javaEquals(e, x));
  return indexOfValue(items, x) >= 0;
}

export const SET: Table = {
  // keySet(), values() and entrySet() are views: adding to them throws
  add: (_s: JSet, a: Value[]) => {
    if (a.length !== 1) return NO_METHOD;
    throw unsupported();
  },
  addAll: (_s: JSet, a: Value[]) => {
    if (a.length !== 1) return NO_METHOD;
    throw unsupported();
  },
  size: (s: JSet, a: Value[]) => (a.length === 0 ? (s.source ? s.source.keys.size : s.items.length) : NO_METHOD),
  isEmpty: (s: JSet, a: Value[]) => (a.length === 0 ? (s.source ? s.source.keys.size : s.items.length) === 0 : NO_METHOD),
  contains: (s: JSet, a: Value[]) => (a.length === 1 ? viewMember(s, a[0]!) : NO_METHOD),
  containsAll: (s: JSet, a: Value[]) => {
    if (a.length !== 1) return NO_METHOD;
    if (a[0] === null) throw npe();
    const items = collectionItems(a[0]!);
    if (!items) return NO_METHOD;
    const has = membership(s.items);
    return items.every(has);
  },
  remove: (s: JSet, a: Value[]) => (a.length === 1 ? removeFromView(s, (x) => javaEquals(x, a[0]!), true) : NO_METHOD),
  removeAll: (s: JSet, a: Value[]) => {
    if (a.length !== 1) return NO_METHOD;
    if (a[0] === null) throw npe();
    const items = collectionItems(a[0]!);
    if (!items) return NO_METHOD;
    const has = membership(items);
    return removeFromView(s, has);
  },
  retainAll: (s: JSet, a: Value[]) => {
    if (a.length !== 1) return NO_METHOD;
    if (a[0] === null) throw npe();
    const items = collectionItems(a[0]!);
    if (!items) return NO_METHOD;
    const has = membership(items);
    return removeFromView(s, (x) => !has(x));
  },
  clear: (s: JSet, a: Value[]) => {
    if (a.length) return NO_METHOD;
    removeFromView(s, () => true);
    return VOID;
  },
  iterator: (s: JSet, a: Value[]) => (a.length === 0 ? new JIterator(s.items, 0, viewIterator(s)) : NO_METHOD),
  toArray: (s: JSet, a: Value[]) => (a.length === 0 ? (chargeMemory(s.items.length), javaArray([...s.items], '[Ljava.lang.Object;')) : NO_METHOD),
  // values() has Object.hashCode (Java's identity hash differs per run; ours is stable)
  hashCode: (s: JSet, a: Value[]) => (a.length === 0 ? (s.isSet ? javaHashCode(s) : stringHash('java.util.LinkedHashMap$LinkedValues') >>> 1) : NO_METHOD),
  toString: (s: JSet, a: Value[]) => (a.length === 0 ? javaString(s) : NO_METHOD),
  equals: (s: JSet, a: Value[]) => {
    if (a.length !== 1) return NO_METHOD;
    const o = a[0]!;
    // values() is the map's one cached view object: equal only to itself
    if (!s.isSet) return o === s || (o instanceof JSet && !o.isSet && o.source !== undefined && o.source === s.source);
    // Set.equals: any Set with the same elements
    if (!(o instanceof JSet) || !o.isSet) return false;
    const mine = s.items;
    const theirs = o.items;
    if (theirs.length !== mine.length) return false;
    const has = membership(mine);
    return theirs.every(has);
  },
};

export const ENTRY: Table = {
  getKey: (e: JEntry, a: Value[]) => (a.length === 0 ? e.key : NO_METHOD),
  getValue: (e: JEntry, a: Value[]) => (a.length === 0 ? e.value : NO_METHOD),
  setValue: (e: JEntry, a: Value[]) => {
    if (a.length !== 1) return NO_METHOD;
    const prev = e.value;
    (e as { value: Value }).value = a[0]!;
    const m = entryMaps.get(e);
    if (m && mapHas(m, e.key)) mapPut(m, e.key, a[0]!);
    return prev;
  },
  hashCode: (e: JEntry, a: Value[]) => (a.length === 0 ? javaHashCode(e) : NO_METHOD),
  equals: (e: JEntry, a: Value[]) => (a.length === 1 ? javaEquals(e, a[0]!) : NO_METHOD),
  toString: (e: JEntry, a: Value[]) => (a.length === 0 ? javaString(e) : NO_METHOD),
};

/** The class of a map view's iterator: LinkedHashMap's LinkedKeyIterator, LinkedValueIterator or LinkedEntryIterator. */
function viewIterator(s: JSet): string {
  const view = classNameOf(s);
  return view.endsWith('$LinkedValues') ? 'java.util.LinkedHashMap$LinkedValueIterator' : view.replace(/Set$/, 'Iterator');
}
