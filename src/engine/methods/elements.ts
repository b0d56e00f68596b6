/**
 * Element searches with Java's equals() that stay linear: values with a hashable identity
 * (strings, boxed numbers, characters) are looked up in a set of their map keys; anything else
 * is compared one by one. Every element touched is charged to the render's work budget.
 */
import { chargeMemory, chargeWork } from '../budget.js';
import { javaEquals, mapKey } from '../java.js';
import { JObject, JMap, JSet, JEntry, type MapKey, type Value } from '../values.js';

const hashable = (v: Value) => v === null || typeof v !== 'object' || !(Array.isArray(v) || v instanceof JMap || v instanceof JSet || v instanceof JEntry || v instanceof JObject);

export function indexOfValue(list: Value[], v: Value): number {
  for (let i = 0; i < list.length; i++) {
    if ((i & 4095) === 4095) chargeWork(4096);
    if (javaEquals(list[i]!, v)) return i;
  }
  chargeWork(list.length & 4095);
  return -1;
}

export function lastIndexOfValue(list: Value[], v: Value): number {
  chargeWork(list.length);
  for (let i = list.length - 1; i >= 0; i--) if (javaEquals(list[i]!, v)) return i;
  return -1;
}

/** A membership test over `items` for many probes: built once, linear in total. */
export function membership(items: Value[]): (v: Value) => boolean {
  chargeWork(items.length);
  chargeMemory(items.length);
  const keys = new Set<MapKey>();
  const others: Value[] = [];
  for (const x of items) {
    if (hashable(x)) keys.add(mapKey(x));
    else others.push(x);
  }
  return (v: Value) => {
    chargeWork(1);
    if (hashable(v)) return keys.has(mapKey(v));
    return indexOfValue(others, v) >= 0;
  };
}

/** The elements of a Collection argument (a List or a map view), or undefined. */
export function collectionItems(v: Value): Value[] | undefined {
  if (Array.isArray(v)) return v;
  if (v instanceof JSet) return v.items;
  return undefined;
}
