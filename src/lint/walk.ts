/**
 * A walk over a template in document order that knows, at every reference, which enclosing
 * `#if` conditions guard it and what `#set` / `#foreach` variables stand for.
 */
import type { Expr, ForeachNode, IfNode, Node, RefNode, TemplateAst } from '../engine/index.js';

export interface WalkHooks {
  /** Every statement node, before its children. */
  node?(n: Node, state: WalkState): void;
  /** Every reference; `inText` when it prints into the output directly. */
  ref?(r: RefNode, state: WalkState, inText: boolean): void;
  /** A `#set` after its value was visited (so bindings can be updated). */
  set?(n: Extract<Node, { kind: 'set' }>, state: WalkState): void;
  /** Entering a `#foreach` body. */
  enterLoop?(n: ForeachNode, state: WalkState): void;
  leaveLoop?(n: ForeachNode, state: WalkState): void;
}

export interface WalkState {
  /** Conditions of the enclosing #if/#elseif branches (not #else), innermost last. */
  guards: Expr[];
  loops: ForeachNode[];
  ifs: IfNode[];
  /** Inside a #macro body, where parameters are unknown. */
  macroParams: Set<string>;
}

export function walkTemplate(ast: TemplateAst, hooks: WalkHooks): void {
  const state: WalkState = { guards: [], loops: [], ifs: [], macroParams: new Set() };
  nodes(ast.nodes, hooks, state);
}

function nodes(list: Node[], hooks: WalkHooks, s: WalkState): void {
  for (const n of list) node(n, hooks, s);
}

function node(n: Node, hooks: WalkHooks, s: WalkState): void {
  hooks.node?.(n, s);
  switch (n.kind) {
    case 'ref':
      ref(n, hooks, s, true);
      return;
    case 'set':
      expr(n.value, hooks, s);
      for (const p of n.target.parts) part(p, hooks, s);
      hooks.set?.(n, s);
      return;
    case 'if': {
      s.ifs.push(n);
      for (const b of n.branches) {
        expr(b.cond, hooks, s);
        s.guards.push(b.cond);
        nodes(b.body, hooks, s);
        s.guards.pop();
      }
      if (n.elseBody) nodes(n.elseBody, hooks, s);
      s.ifs.pop();
      return;
    }
    case 'foreach':
      expr(n.iterable, hooks, s);
      s.loops.push(n);
      hooks.enterLoop?.(n, s);
      nodes(n.body, hooks, s);
      hooks.leaveLoop?.(n, s);
      s.loops.pop();
      if (n.elseBody) nodes(n.elseBody, hooks, s);
      return;
    case 'macrodef': {
      const saved = s.macroParams;
      s.macroParams = new Set([...saved, ...n.params.map((p) => p.name)]);
      for (const p of n.params) if (p.default) expr(p.default, hooks, s);
      nodes(n.body, hooks, s);
      s.macroParams = saved;
      return;
    }
    case 'macrocall':
      for (const a of n.args) expr(a, hooks, s);
      if (n.body) nodes(n.body, hooks, s);
      return;
    case 'define':
      nodes(n.body, hooks, s);
      return;
    case 'evaluate':
      expr(n.arg, hooks, s);
      return;
    default:
      return;
  }
}

function ref(r: RefNode, hooks: WalkHooks, s: WalkState, inText: boolean): void {
  hooks.ref?.(r, s, inText);
  for (const p of r.parts) part(p, hooks, s);
  if (r.alt) expr(r.alt, hooks, s);
}

function part(p: RefNode['parts'][number], hooks: WalkHooks, s: WalkState): void {
  if (p.kind === 'method') for (const a of p.args) expr(a, hooks, s);
  else if (p.kind === 'index') expr(p.index, hooks, s);
}

/** Visits the references inside an expression (string interpolations included). */
export function expr(e: Expr, hooks: WalkHooks, s: WalkState): void {
  switch (e.kind) {
    case 'ref':
      ref(e.ref, hooks, s, false);
      return;
    case 'str':
      if (e.interp) for (const n of e.interp) interp(n, hooks, s);
      return;
    case 'list':
      for (const i of e.items) expr(i, hooks, s);
      return;
    case 'map':
      for (const [k, v] of e.entries) {
        expr(k, hooks, s);
        expr(v, hooks, s);
      }
      return;
    case 'range':
      expr(e.from, hooks, s);
      expr(e.to, hooks, s);
      return;
    case 'not':
    case 'neg':
      expr(e.operand, hooks, s);
      return;
    case 'binary':
      expr(e.left, hooks, s);
      expr(e.right, hooks, s);
      return;
    default:
      return;
  }
}

/** References inside an interpolated string print into the string, not into the email. */
function interp(n: Node, hooks: WalkHooks, s: WalkState): void {
  if (n.kind === 'ref') ref(n, hooks, s, false);
  else node(n, hooks, s);
}

/**
 * Every reference inside an expression. `memo` keeps them per expression for a caller that asks
 * again (an #if condition is asked for once per use it guards): a Map of the caller's, which goes
 * with its template, not a WeakMap of this module's (see compiler.ts in the engine).
 */
export function refsIn(e: Expr, memo?: Map<Expr, RefNode[]>): RefNode[] {
  const known = memo?.get(e);
  if (known) return known;
  const out: RefNode[] = [];
  memo?.set(e, out);
  const s: WalkState = { guards: [], loops: [], ifs: [], macroParams: new Set() };
  expr(e, { ref: (r) => void out.push(r) }, s);
  return out;
}
