/**
 * What a condition says about the lists a template iterates, so that coverage does not ask for
 * outcomes that cannot happen: inside `#if($cart.size() > 0)` a `#foreach` over `$cart` always
 * runs, inside `#if($cart.isEmpty())` it never does.
 *
 * A fact is about a value named by a reference path (`cart`, `order.items`, `p[array]`):
 * "items" (a #foreach over it runs at least once) or "none" (a #foreach over it never runs).
 * Only what holds for every value a payload can hold is derived: `$x.size() > 0` is true only
 * for a list or map with items (Java's String has no size(), null compares false), and a false
 * plain `#if($x)` leaves only values a #foreach skips (null, false, "", 0, empty lists); a true
 * `#if($x)` says nothing (a string is true and not iterable).
 */
import type { Expr, Node, RefNode } from '../engine/index.js';

export type LoopFact = 'items' | 'none';
export type Facts = ReadonlyMap<string, LoopFact>;

/** Methods that change the list or map they are called on. */
const MUTATORS = new Set(['add', 'addAll', 'clear', 'remove', 'removeAll', 'removeIf', 'retainAll', 'put', 'putAll', 'putIfAbsent', 'set', 'replaceAll', 'sort', 'compute', 'computeIfAbsent', 'computeIfPresent', 'merge', 'subList']);

/** The path a reference names (props, `.get('k')`, `[0]`), or undefined when a call is in the way. */
export function pathOf(r: RefNode, parts = r.parts.length): string | undefined {
  let key = r.root;
  let i = 0;
  // `$data.get('x')` and `$x` are the same top-level value
  if (r.root === 'data' && parts > 0) {
    const first = segment(r.parts[0]!);
    if (first !== undefined) {
      key = first.replace(/^\[|\]$/g, '');
      i = 1;
    }
  }
  for (; i < parts; i++) {
    const s = segment(r.parts[i]!);
    if (s === undefined) return undefined;
    key += s;
  }
  return key;
}

function segment(p: RefNode['parts'][number]): string | undefined {
  if (p.kind === 'prop') return `.${p.name}`;
  const arg = p.kind === 'index' ? p.index : p.name === 'get' && p.args.length === 1 ? p.args[0] : undefined;
  if (arg?.kind === 'str' && !arg.interp) return `[${arg.value}]`;
  if (arg?.kind === 'int') return `[${String(arg.value)}]`;
  return undefined;
}

/** The root variable a path starts from (`cart` of `cart.items[0]`). */
export function rootOf(path: string): string {
  const m = /^[^.[]*/.exec(path);
  return m ? m[0] : path;
}

/** What a #foreach iterable is known to be, from literals and facts. */
export function iterableFact(e: Expr, facts: Facts): LoopFact | undefined {
  if (e.kind === 'list') return e.items.length > 0 ? 'items' : 'none';
  if (e.kind === 'map') return e.entries.length > 0 ? 'items' : 'none';
  // [a..b] holds at least one number when both ends are numbers
  if (e.kind === 'range') return e.from.kind === 'int' && e.to.kind === 'int' ? 'items' : undefined;
  if (e.kind === 'ref') {
    const key = pathOf(e.ref);
    return key === undefined ? undefined : facts.get(key);
  }
  return undefined;
}

/** Facts that hold when `e` evaluates to `truth` (pushed onto `out`). */
export function implied(e: Expr, truth: boolean, out: [string, LoopFact][]): void {
  if (e.kind === 'not') return implied(e.operand, !truth, out);
  if (e.kind === 'ref') return refFact(e.ref, truth, out);
  if (e.kind !== 'binary') return;
  if (e.op === 'and' || e.op === 'or') {
    // a true `and` (a false `or`) makes both sides so; the other case says which side is unknown
    if (truth === (e.op === 'and')) {
      implied(e.left, truth, out);
      implied(e.right, truth, out);
    }
    return;
  }
  let size = sizeOf(e.left);
  let n = intOf(e.right);
  let op: string = e.op;
  if (size === undefined || n === undefined) {
    size = sizeOf(e.right);
    n = intOf(e.left);
    op = FLIP[op] ?? op;
  }
  if (size === undefined || n === undefined) return;
  const fact = sizeFact(op, n, truth);
  if (fact) out.push([size, fact]);
}

const FLIP: Partial<Record<string, string>> = { '<': '>', '>': '<', '<=': '>=', '>=': '<=' };

/**
 * `size() OP n` being `truth`. A false comparison may also mean the size is null (no list),
 * which a #foreach skips, so only "none" follows from a false one, and only when a null size
 * is consistent with it.
 */
function sizeFact(op: string, n: number, truth: boolean): LoopFact | undefined {
  if (truth) {
    if ((op === '>' && n >= 0) || (op === '>=' && n >= 1) || (op === '==' && n >= 1)) return 'items';
    if ((op === '==' && n === 0) || (op === '<' && n <= 1) || (op === '<=' && n === 0)) return 'none';
    return undefined;
  }
  if ((op === '>' && n === 0) || (op === '>=' && n <= 1)) return 'none';
  // `size() != n` is true for a null size, so a false one means the size is n
  if (op === '!=') return n === 0 ? 'none' : 'items';
  return undefined;
}

function refFact(r: RefNode, truth: boolean, out: [string, LoopFact][]): void {
  const last = r.parts.at(-1);
  if (last?.kind === 'method' && last.name === 'isEmpty' && last.args.length === 0) {
    const key = pathOf(r, r.parts.length - 1);
    if (key !== undefined && truth) out.push([key, 'none']);
    return;
  }
  const key = r.alt ? undefined : pathOf(r);
  if (key !== undefined && !truth) out.push([key, 'none']);
}

function sizeOf(e: Expr): string | undefined {
  if (e.kind !== 'ref' || e.ref.alt) return undefined;
  const last = e.ref.parts.at(-1);
  if (last?.kind !== 'method' || last.name !== 'size' || last.args.length !== 0) return undefined;
  return pathOf(e.ref, e.ref.parts.length - 1);
}

function intOf(e: Expr): number | undefined {
  if (e.kind === 'int') return Number(e.value);
  if (e.kind === 'neg' && e.operand.kind === 'int') return -Number(e.operand.value);
  return undefined;
}

/** `facts` plus `more`, or undefined when they contradict (the code there cannot run). */
export function assume(facts: Facts, more: readonly [string, LoopFact][]): Map<string, LoopFact> | undefined {
  const out = new Map(facts);
  for (const [k, v] of more) {
    const had = out.get(k);
    if (had !== undefined && had !== v) return undefined;
    out.set(k, v);
  }
  return out;
}

/** Drops the facts about values rooted at `root` (it was assigned or changed). */
export function forget(facts: Map<string, LoopFact>, root: string): void {
  for (const k of [...facts.keys()]) if (rootOf(k) === root) facts.delete(k);
}

/** True when a method call on the reference may change the value it is called on. */
export function mutates(r: RefNode): boolean {
  return r.parts.some((p) => p.kind === 'method' && MUTATORS.has(p.name));
}

/** True when something in `n` assigns or changes the value at path `key` (or clears all facts). */
export function assigns(n: Node, key: string, macros: ReadonlySet<string>): boolean {
  const root = rootOf(key);
  let hit = false;
  const visit = (list: readonly Node[] | undefined) => {
    for (const c of list ?? []) {
      if (hit) return;
      if (c.kind === 'set' && c.target.root === root) hit = true;
      else if (c.kind === 'ref' && c.root === root && mutates(c)) hit = true;
      else if ((c.kind === 'macrocall' && macros.has(c.name)) || c.kind === 'evaluate') hit = true;
      else if (c.kind === 'foreach' && c.varName === root) hit = true;
      else if (c.kind === 'if') {
        for (const b of c.branches) visit(b.body);
        visit(c.elseBody);
      } else if (c.kind === 'foreach') {
        visit(c.body);
        visit(c.elseBody);
      }
    }
  };
  if (n.kind === 'if') {
    for (const b of n.branches) visit(b.body);
    visit(n.elseBody);
  } else if (n.kind === 'foreach') {
    visit(n.body);
    visit(n.elseBody);
  }
  return hit;
}
