/**
 * What a template does with its payload: every reference resolved to a payload path (through
 * `#set` aliases and `#foreach` variables), whether an enclosing `#if` guards it, and the type
 * evidence (compared with numbers or strings, iterated, string methods) that `velvet schema`
 * turns into a JSON Schema.
 */
import type { Expr, RefNode, Span, TemplateAst } from '../engine/index.js';
import { refsIn, walkTemplate, type WalkState } from './walk.js';

/** Yespo's documented tools. */
export const TOOLS = new Set(['mathTool', 'numberTool', 'dateTool']);

export type PathSeg = { key: string; span: Span } | { item: true; index: number | undefined; span: Span };

export type Resolved =
  | { kind: 'payload'; path: PathSeg[]; rest: number; fallback: boolean }
  | { kind: 'local' | 'tool' | 'foreach' | 'builtin' }
  /** A reference that names no variable and always prints as written (`${$b}`; `{$b}` right after a reference). */
  | { kind: 'inert' };

export interface RefUse {
  ref: RefNode;
  resolved: Resolved;
  inText: boolean;
  /** Payload paths named by the enclosing #if/#elseif conditions. */
  guardPaths: string[];
  /** Payload paths in enclosing conditions that call size()/isEmpty() on them. */
  sizeGuards: string[];
}

export type TypeHint = 'number' | 'string' | 'array' | 'object';

export interface Analysis {
  uses: RefUse[];
  /** Serialised payload path → type evidence. */
  hints: Map<string, Set<TypeHint>>;
}

type Binding = { kind: 'path'; path: PathSeg[]; fallback: boolean } | { kind: 'local' };

/** The payload paths one condition names, as resolved with the bindings of `version`. */
interface GuardPaths {
  version: number;
  macroParams: ReadonlySet<string>;
  paths: string[];
  sizes: string[];
}

const STRING_METHODS = new Set([
  'substring', 'length', 'toLowerCase', 'toUpperCase', 'startsWith', 'endsWith', 'equalsIgnoreCase',
  'charAt', 'trim', 'strip', 'matches', 'replaceAll', 'replaceFirst', 'split', 'isBlank', 'concat',
]);

/** `items[].name`: keys joined by dots, list items as `[]`. */
export function pathKey(path: readonly PathSeg[]): string {
  let s = '';
  for (const p of path) s = childKey(s, p);
  return s;
}

/** The key of a path one segment longer than the path keyed `parent` (see pathKey). */
export function childKey(parent: string, seg: PathSeg): string {
  return 'key' in seg ? (parent ? `${parent}.${seg.key}` : seg.key) : `${parent}[]`;
}

export function analyse(ast: TemplateAst): Analysis {
  const uses: RefUse[] = [];
  const hints = new Map<string, Set<TypeHint>>();
  const bindings = new Map<string, Binding>();
  const saved: (Binding | undefined)[] = [];
  const hintKey = (k: string, t: TypeHint) => {
    let set = hints.get(k);
    if (!set) hints.set(k, (set = new Set()));
    set.add(t);
  };
  const hint = (path: PathSeg[], t: TypeHint) => {
    if (path.length > 0) hintKey(pathKey(path), t);
  };
  const resolveIn = (s: WalkState) => (r: RefNode) => resolveRef(r, bindings, s);
  // what a condition names depends on the bindings and the macro parameters only, so the paths
  // of a guard are worked out once for all the uses it guards until a #set or #foreach changes them
  let version = 0;
  const guarded = new Map<Expr, GuardPaths>();
  const refsOf = new Map<Expr, RefNode[]>();
  const guardPathsOf = (g: Expr, s: WalkState): GuardPaths => {
    const known = guarded.get(g);
    if (known && known.version === version && known.macroParams === s.macroParams) return known;
    const out: GuardPaths = { version, macroParams: s.macroParams, paths: [], sizes: [] };
    for (const gr of refsIn(g, refsOf)) {
      const res = resolveRef(gr, bindings, s);
      if (res.kind !== 'payload') continue;
      const key = pathKey(res.path);
      out.paths.push(key);
      const next = gr.parts[res.rest];
      if (next?.kind === 'method' && (next.name === 'size' || next.name === 'isEmpty')) out.sizes.push(key);
    }
    guarded.set(g, out);
    return out;
  };

  walkTemplate(ast, {
    ref(r, s, inText) {
      const resolved = resolveRef(r, bindings, s);
      let guardPaths: string[] = [];
      let sizeGuards: string[] = [];
      for (const g of s.guards) {
        const known = guardPathsOf(g, s);
        if (known.paths.length > 0) guardPaths = guardPaths.length === 0 ? known.paths.slice() : guardPaths.concat(known.paths);
        if (known.sizes.length > 0) sizeGuards = sizeGuards.length === 0 ? known.sizes.slice() : sizeGuards.concat(known.sizes);
      }
      uses.push({ ref: r, resolved, inText, guardPaths, sizeGuards });
      if (resolved.kind === 'payload') {
        // each parent of the value is an object or a list: their keys are the prefixes of its key
        const path = resolved.path;
        let key = '';
        for (let i = 0; i < path.length; i++) {
          const seg = path[i]!;
          if (i > 0) hintKey(key, 'key' in seg ? 'object' : 'array');
          key = childKey(key, seg);
        }
        const next = r.parts[resolved.rest];
        if (next?.kind === 'method') {
          if (STRING_METHODS.has(next.name)) hintKey(key, 'string');
          if (next.name === 'equals' && next.args[0]?.kind === 'str') hintKey(key, 'string');
        }
      }
      if (resolved.kind === 'tool' && r.root === 'mathTool') {
        for (const p of r.parts) {
          if (p.kind !== 'method') continue;
          for (const a of p.args) numberish(a, resolveIn(s), hint);
        }
      }
    },
    node(n, s) {
      if (n.kind === 'if') for (const b of n.branches) compareHints(b.cond, resolveIn(s), hint);
    },
    set(n, s) {
      if (n.target.parts.length > 0) return;
      bindings.set(n.target.root, bindingOf(n.value, bindings, s));
      version++;
    },
    enterLoop(n, s) {
      version++;
      saved.push(bindings.get(n.varName));
      const iter = n.iterable;
      const it = iter.kind === 'ref' ? resolveRef(iter.ref, bindings, s) : undefined;
      if (iter.kind === 'ref' && it?.kind === 'payload' && it.rest === iter.ref.parts.length) {
        hint(it.path, 'array');
        const span = n.iterable.span;
        bindings.set(n.varName, { kind: 'path', path: [...it.path, { item: true, index: undefined, span }], fallback: false });
      } else bindings.set(n.varName, { kind: 'local' });
    },
    leaveLoop(n) {
      version++;
      const old = saved.pop();
      if (old) bindings.set(n.varName, old);
      else bindings.delete(n.varName);
    },
  });
  return { uses, hints };
}

function bindingOf(e: Expr, bindings: Map<string, Binding>, s: WalkState): Binding {
  if (e.kind !== 'ref') return { kind: 'local' };
  const r = resolveRef(e.ref, bindings, s);
  if (r.kind === 'payload' && r.rest === e.ref.parts.length) return { kind: 'path', path: r.path, fallback: r.fallback };
  return { kind: 'local' };
}

/** Offsets of the root name of a reference (after `$`, `!`, `{` and backslashes). */
export function rootSpan(r: RefNode): Span {
  const start = r.span.start + r.backslashes + 1 + (r.quiet ? 1 : 0) + (r.formal ? 1 : 0);
  return { start, end: start + r.root.length };
}

export function resolveRef(r: RefNode, bindings: Map<string, Binding>, s: WalkState): Resolved {
  const root = r.root;
  // the lexer glues '$', '$!' or '{' onto such a root: no variable has that name
  if (/^[$!\\{]/.test(root)) return { kind: 'inert' };
  let path: PathSeg[];
  let fallback = r.alt !== undefined;
  const b = bindings.get(root);
  if (s.macroParams.has(root)) return { kind: 'local' };
  if (b) {
    if (b.kind === 'local') return { kind: 'local' };
    path = [...b.path];
    fallback ||= b.fallback;
  } else if (TOOLS.has(root)) return { kind: 'tool' };
  else if (root === 'foreach') return { kind: 'foreach' };
  else if (root === 'velocityCount' || root === 'velocityHasNext') return { kind: 'builtin' };
  else if (root === 'data') path = [];
  else path = [{ key: root, span: rootSpan(r) }];
  let i = 0;
  for (; i < r.parts.length; i++) {
    const p = r.parts[i]!;
    const seg = segOf(p);
    if (!seg) break;
    path.push(seg);
  }
  if (path.length === 0) return { kind: 'local' };
  return { kind: 'payload', path, rest: i, fallback };
}

function segOf(p: RefNode['parts'][number]): PathSeg | undefined {
  if (p.kind === 'prop') return { key: p.name, span: { start: p.span.start + 1, end: p.span.end } };
  const arg = p.kind === 'index' ? p.index : p.name === 'get' && p.args.length === 1 ? p.args[0] : undefined;
  if (!arg) return undefined;
  if (arg.kind === 'str' && !arg.interp) return { key: arg.value, span: arg.span };
  if (arg.kind === 'int') return { item: true, index: Number(arg.value), span: arg.span };
  return undefined;
}

type Hint = (path: PathSeg[], t: TypeHint) => void;

function numberish(e: Expr, resolve: (r: RefNode) => Resolved, hint: Hint): void {
  if (e.kind !== 'ref') return;
  const r = resolve(e.ref);
  if (r.kind === 'payload' && r.rest === e.ref.parts.length) hint(r.path, 'number');
}

/** `$x > 5` → number; `$x == 'a'` → string; walks and/or/not. */
function compareHints(e: Expr, resolve: (r: RefNode) => Resolved, hint: Hint): void {
  if (e.kind === 'not') return compareHints(e.operand, resolve, hint);
  if (e.kind !== 'binary') return;
  if (e.op === 'and' || e.op === 'or') {
    compareHints(e.left, resolve, hint);
    compareHints(e.right, resolve, hint);
    return;
  }
  const pairs: [Expr, Expr][] = [[e.left, e.right], [e.right, e.left]];
  for (const [a, b] of pairs) {
    if (a.kind !== 'ref') continue;
    const r = resolve(a.ref);
    if (r.kind !== 'payload' || r.rest !== a.ref.parts.length) continue;
    if (b.kind === 'int' || b.kind === 'float') hint(r.path, 'number');
    else if (b.kind === 'str' && (e.op === '==' || e.op === '!=')) hint(r.path, 'string');
  }
}
