/**
 * The payload an email receives, as one tree merged from every fixture variant (Java types, a few
 * sample values, in how many variants each key is present) and from the keys the template itself
 * reads (the inferred schema), for completion and hover.
 */
import { javaClassName, javaString } from '../engine/java.js';
import { JMap, type Value } from '../engine/values.js';
import type { Fixture, FixtureVariant } from '../fixtures/types.js';

export interface Shape {
  keys: Map<string, Shape>;
  item: Shape | undefined;
  /** Java class name → number of variants that hold a value of it. */
  classes: Map<string, number>;
  /** A few values as Velocity prints them, with the variant they come from. */
  samples: { label: string; text: string }[];
  /** Labels of the variants in which the path holds a value (null counts). */
  present: Set<string>;
  /** The template reads this key. */
  used: boolean;
  /** How the template uses the value (number, string, array, object), from its analysis. */
  hints: readonly string[];
}

/** Payload paths a template reads (`items[].name`) → the types its use implies. */
export type UsedPaths = ReadonlyMap<string, readonly string[]>;

export interface PayloadShape {
  root: Shape;
  /** "fixture" or "fixture/variant" for every variant, in order. */
  labels: string[];
  variants: { label: string; fixture: Fixture; variant: FixtureVariant }[];
}

const MAX_SAMPLES = 4;
const MAX_DEPTH = 12;
const MAX_ITEMS = 50;

export const emptyShape = (): Shape => ({ keys: new Map(), item: undefined, classes: new Map(), samples: [], present: new Set(), used: false, hints: [] });

export function payloadShape(fixtures: readonly Fixture[]): PayloadShape {
  const root = emptyShape();
  const labels: string[] = [];
  const variants: PayloadShape['variants'] = [];
  for (const fixture of fixtures) {
    for (const variant of fixture.variants) {
      const label = fixture.variants.length > 1 ? `${fixture.name}/${variant.name}` : fixture.name;
      labels.push(label);
      variants.push({ label, fixture, variant });
      add(root, variant.payload, label, 0, new Set());
    }
  }
  return { root, labels, variants };
}

function add(s: Shape, v: Value, label: string, depth: number, seen: Set<string>): void {
  s.present.add(label);
  const cls = javaClassName(v);
  if (!seen.has(cls)) s.classes.set(cls, (s.classes.get(cls) ?? 0) + 1);
  seen.add(cls);
  if (s.samples.length < MAX_SAMPLES && !(v instanceof JMap) && !Array.isArray(v) && !s.samples.some((x) => x.label === label)) {
    s.samples.push({ label, text: v === null ? 'null' : javaString(v) });
  }
  if (depth >= MAX_DEPTH) return;
  if (v instanceof JMap) {
    for (const [k, child] of v.keys) {
      if (typeof k !== 'string') continue;
      let c = s.keys.get(k);
      if (!c) s.keys.set(k, (c = emptyShape()));
      add(c, child, label, depth + 1, new Set());
    }
  } else if (Array.isArray(v)) {
    const item = (s.item ??= emptyShape());
    const itemSeen = new Set<string>();
    for (const child of v.slice(0, MAX_ITEMS)) add(item, child, label, depth + 1, itemSeen);
  }
}

/**
 * The tree with the keys the template reads (`a.b`, `items[].name`) added and marked as used.
 * The fixtures' tree is not changed: only the nodes on those paths are copied, so the tree of
 * the fixtures is built once and shared by every version of the text.
 */
export function withUsedPaths(root: Shape, paths: UsedPaths): Shape {
  const copies = new Set<Shape>();
  const copy = (s: Shape): Shape => {
    if (copies.has(s)) return s;
    const c = { ...s, keys: new Map(s.keys) };
    copies.add(c);
    return c;
  };
  const out = copy(root);
  for (const [p, hints] of paths) {
    let at = out;
    for (const seg of p.split(/(?=\[\])|\./)) {
      if (seg === '') continue;
      const item = seg.startsWith('[]');
      const key = item ? seg.slice(2) : seg;
      if (item) at = at.item = copy(at.item ?? emptyShape());
      if (key) {
        const next = copy(at.keys.get(key) ?? emptyShape());
        at.keys.set(key, next);
        at = next;
      }
      at.used = true;
    }
    if (hints.length) at.hints = hints;
  }
  return out;
}

/** What a shape holds, as Java sees it: the commonest class (String, List, Map, a number, Boolean). */
export type JavaKind = 'String' | 'List' | 'Map' | 'Number' | 'Boolean' | 'Object';

export function kindOf(s: Shape): JavaKind {
  if (s.keys.size > 0) return 'Map';
  if (s.item) return 'List';
  let best: string | undefined;
  let n = 0;
  for (const [cls, count] of s.classes) if (cls !== 'null' && count > n) [best, n] = [cls, count];
  if (!best) return 'Object';
  if (best === 'java.lang.String') return 'String';
  if (best === 'java.lang.Boolean') return 'Boolean';
  if (best.startsWith('java.util.') && best.includes('List')) return 'List';
  if (best.includes('Map')) return 'Map';
  if (/Integer|Long|Double|BigDecimal|BigInteger/.test(best)) return 'Number';
  return 'Object';
}

/** `java.lang.Integer | null`: the classes seen, most frequent first. */
export function typeText(s: Shape): string {
  const list = [...s.classes].sort((a, b) => b[1] - a[1]).map(([c]) => c);
  return list.length ? list.join(' | ') : 'unknown (no fixture holds it)';
}
