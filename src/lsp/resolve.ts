/**
 * What a reference stands for at a place in the template: a payload value (with its shape), a
 * tool, `$foreach`, a local variable, or a Java value of a known kind. `#foreach` variables
 * resolve to the items of their list, `#set` aliases to what they were set to.
 */
import { readChain, type Chain, type ChainPart } from './chain.js';
import { methodsOf } from './docs/java.js';
import { toolByName } from './docs/tools.js';
import { loopsAt, macroAt, type Outline } from './outline.js';
import { emptyShape, kindOf, type JavaKind, type PayloadShape, type Shape } from './shape.js';

export type Target =
  | { kind: 'payload'; shape: Shape; /** `items[].name`, '' for $data */ path: string }
  | { kind: 'tool'; name: string }
  | { kind: 'foreach' }
  | { kind: 'java'; java: JavaKind }
  | { kind: 'unknown' };

export interface ResolveContext {
  text: string;
  outline: Outline;
  shape: PayloadShape;
}

const MAX_DEPTH = 8;

/** The target of `root` at `offset`. */
export function resolveRoot(ctx: ResolveContext, root: string, offset: number, depth = 0): Target {
  if (depth > MAX_DEPTH) return { kind: 'unknown' };
  const loop = loopsAt(ctx.outline, offset).reverse().find((l) => l.varName === root && offset > l.varAt + root.length);
  if (loop) return itemOf(valueTarget(ctx, loop.iterable, loop.iterableAt, depth + 1));
  const macro = macroAt(ctx.outline, offset);
  if (macro?.params.some((p) => p.name === root)) return { kind: 'unknown' };
  const sets = ctx.outline.sets.filter((s) => s.name === root);
  const set = sets.filter((s) => s.start < offset).pop() ?? sets[0];
  if (set) return valueTarget(ctx, set.value, set.valueAt, depth + 1);
  if (toolByName(root)) return { kind: 'tool', name: root };
  if (root === 'foreach' && loopsAt(ctx.outline, offset).length) return { kind: 'foreach' };
  if (root === 'data') return { kind: 'payload', shape: ctx.shape.root, path: '' };
  return { kind: 'payload', shape: ctx.shape.root.keys.get(root) ?? emptyShape(), path: root };
}

/** The target of a whole chain, or of its first `count` parts. */
export function resolveChain(ctx: ResolveContext, chain: Chain, count = chain.parts.length, depth = 0): Target {
  let t = resolveRoot(ctx, chain.root, chain.start, depth);
  for (const part of chain.parts.slice(0, count)) t = step(t, part);
  return t;
}

/** The target of a value text (`$a.b`, `'x'`, `[1, 2]`, `5`) written at `at`. */
function valueTarget(ctx: ResolveContext, value: string, at: number, depth: number): Target {
  const v = value.trim();
  if (v.startsWith('$')) {
    const c = readChain(v, 0);
    if (c && c.root && c.end === v.length) {
      const shifted = { ...c, start: at + (value.length - value.trimStart().length) };
      return resolveChain(ctx, shifted, c.parts.length, depth);
    }
    return /^\$[\w.]+\s*[-+*/%]/.test(v) ? { kind: 'java', java: 'Number' } : { kind: 'unknown' };
  }
  if (/^["']/.test(v)) return { kind: 'java', java: 'String' };
  if (/^-?\d/.test(v)) return { kind: 'java', java: 'Number' };
  if (v.startsWith('[')) return { kind: 'java', java: 'List' };
  if (v.startsWith('{')) return { kind: 'java', java: 'Map' };
  if (v === 'true' || v === 'false') return { kind: 'java', java: 'Boolean' };
  return { kind: 'unknown' };
}

function itemOf(t: Target): Target {
  if (t.kind === 'payload') return { kind: 'payload', shape: t.shape.item ?? emptyShape(), path: `${t.path}[]` };
  return { kind: 'unknown' };
}

function child(t: Extract<Target, { kind: 'payload' }>, key: string): Target {
  return { kind: 'payload', shape: t.shape.keys.get(key) ?? emptyShape(), path: t.path ? `${t.path}.${key}` : key };
}

/** One step along a chain. */
export function step(t: Target, part: ChainPart): Target {
  if (t.kind === 'payload') {
    const kind = kindOf(t.shape);
    if (part.kind === 'prop') return kind === 'List' && !t.shape.keys.size ? { kind: 'unknown' } : child(t, part.name);
    if (part.kind === 'index') return /^\d+$/.test(part.raw.trim()) ? itemOf(t) : /^['"]/.test(part.raw.trim()) ? child(t, part.raw.trim().slice(1, -1)) : { kind: 'unknown' };
    if (part.name === 'get' && part.key !== undefined) return child(t, part.key);
    if (part.name === 'get' && part.args.length === 1 && /^\d+$/.test(part.args[0]!)) return itemOf(t);
    return returnOf(methodsOf(kind).find((d) => d.name === part.name)?.returns);
  }
  if (t.kind === 'tool' && part.kind === 'method') return returnOf(toolByName(t.name)?.methods.find((d) => d.name === part.name)?.returns);
  if (t.kind === 'foreach' && part.kind === 'prop') return part.name === 'parent' || part.name === 'topmost' ? { kind: 'foreach' } : { kind: 'java', java: part.name === 'count' || part.name === 'index' ? 'Number' : 'Boolean' };
  if (t.kind === 'java' && part.kind === 'method') return returnOf(methodsOf(t.java).find((d) => d.name === part.name)?.returns);
  return { kind: 'unknown' };
}

function returnOf(r: JavaKind | 'void' | undefined): Target {
  return r === undefined || r === 'void' || r === 'Object' ? { kind: 'unknown' } : { kind: 'java', java: r };
}
