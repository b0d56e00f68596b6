/**
 * Branch and loop coverage over an email's fixtures: every `#if` / `#elseif` / `#else` branch is
 * one outcome, and every `#foreach` has two (its body ran, and it was skipped as empty). An
 * outcome no fixture exercised is a gap, reported with its position.
 *
 * Outcomes that cannot happen are not counted: a branch whose condition contradicts the
 * enclosing ones, everything inside such a branch, and the loop outcome an enclosing condition
 * or a literal rules out (a `#foreach` over `$cart` inside `#if($cart.size() > 0)` is never
 * skipped as empty). See facts.ts for what is derived.
 */
import type { Expr, ForeachNode, IfNode, Node, TemplateAst } from '../engine/index.js';
import type { SourceLines } from '../json/positions.js';
import { assigns, assume, forget, implied, iterableFact, mutates, type Facts, type LoopFact } from './facts.js';
import type { RenderedVariant } from './types.js';
import { walkTemplate, expr as walkExpr } from './walk.js';

export interface CoverageGap {
  kind: 'if' | 'elseif' | 'else' | 'foreach-run' | 'foreach-empty';
  line: number;
  column: number;
  message: string;
}

export interface CoverageReport {
  file: string;
  /** Outcomes in the template that can happen. */
  total: number;
  /** Outcomes at least one fixture exercised. */
  covered: number;
  /** covered / total in percent, rounded to one decimal (100 when there is nothing to cover). */
  percent: number;
  gaps: CoverageGap[];
}

type Outcome = (ok: boolean, kind: CoverageGap['kind'], offset: number, message: string) => void;

export function coverageOf(file: string, ast: TemplateAst, renders: readonly RenderedVariant[], lines: SourceLines): CoverageReport {
  const taken = (n: IfNode, i: number) => renders.some((r) => r.result.branches.get(n)?.has(i));
  const ran = (n: ForeachNode, test: (count: number) => boolean) =>
    renders.some((r) => [...(r.result.loops.get(n) ?? [])].some(test));
  const gaps: CoverageGap[] = [];
  let total = 0;
  let covered = 0;
  const outcome: Outcome = (ok, kind, offset, message) => {
    total++;
    if (ok) covered++;
    else gaps.push({ kind, ...lines.position(offset), message });
  };
  const macros = new Set<string>();
  walkTemplate(ast, { node: (n) => void (n.kind === 'macrodef' && macros.add(n.name)) });
  const walker = new Walker(lines.text, outcome, taken, ran, macros);
  walker.nodes(ast.nodes, new Map());
  gaps.sort((a, b) => a.line - b.line || a.column - b.column);
  const percent = total === 0 ? 100 : Math.round((covered / total) * 1000) / 10;
  return { file, total, covered, percent, gaps };
}

class Walker {
  constructor(
    readonly text: string,
    readonly outcome: Outcome,
    readonly taken: (n: IfNode, i: number) => boolean,
    readonly ran: (n: ForeachNode, test: (count: number) => boolean) => boolean,
    /** Macros the template defines; a call of any other name prints as text (`#dcd6ca` in CSS). */
    readonly macros: ReadonlySet<string>,
  ) {}

  /** Walks statements in order; `facts` is updated as assignments make facts stale. */
  nodes(list: readonly Node[], facts: Map<string, LoopFact>): void {
    for (const n of list) this.node(n, facts);
  }

  node(n: Node, facts: Map<string, LoopFact>): void {
    switch (n.kind) {
      case 'ref':
        if (mutates(n)) forget(facts, n.root);
        this.exprs(n, facts);
        return;
      case 'set':
        this.exprs(n, facts);
        forget(facts, n.target.root);
        return;
      case 'if':
        return this.ifNode(n, facts);
      case 'foreach':
        return this.foreach(n, facts);
      case 'macrodef':
        // a macro body runs where it is called: nothing is known there
        this.nodes(n.body, new Map());
        return;
      case 'macrocall':
        this.exprs(n, facts);
        if (n.body) this.nodes(n.body, new Map());
        // a macro can #set anything
        if (this.macros.has(n.name)) facts.clear();
        return;
      case 'define':
        this.nodes(n.body, new Map());
        return;
      case 'evaluate':
        this.exprs(n, facts);
        facts.clear();
        return;
      default:
        return;
    }
  }

  ifNode(n: IfNode, facts: Map<string, LoopFact>): void {
    const before = new Map(facts);
    // facts that hold when every earlier condition was false
    const earlierFalse: [string, LoopFact][] = [];
    n.branches.forEach((b, i) => {
      this.expr(b.cond, facts);
      const here: [string, LoopFact][] = [...earlierFalse];
      implied(b.cond, true, here);
      const inside = assume(before, here);
      const kind = i === 0 ? 'if' : 'elseif';
      if (inside) {
        this.outcome(this.taken(n, i), kind, b.span.start, `#${kind} branch never taken by any fixture`);
        this.nodes(b.body, inside);
      }
      implied(b.cond, false, earlierFalse);
    });
    if (n.elseBody) {
      const inside = assume(before, earlierFalse);
      if (inside) {
        this.outcome(this.taken(n, n.branches.length), 'else', n.elseSpan!.start, '#else branch never taken by any fixture');
        this.nodes(n.elseBody, inside);
      }
    }
    // after the #if, only what no branch could have changed is still known
    for (const k of [...facts.keys()]) if (assigns(n, k, this.macros)) facts.delete(k);
  }

  foreach(n: ForeachNode, facts: Map<string, LoopFact>): void {
    this.expr(n.iterable, facts);
    const known = iterableFact(n.iterable, facts);
    const at = firstHash(this.text, n.span.start);
    // what the body changes holds from the second iteration on: forget it for the whole body
    const inside = new Map(facts);
    forget(inside, n.varName);
    for (const k of [...inside.keys()]) if (assigns(n, k, this.macros)) inside.delete(k);
    if (known !== 'none') {
      this.outcome(this.ran(n, (c) => c > 0), 'foreach-run', at, '#foreach body never run by any fixture (no fixture has items)');
      this.nodes(n.body, inside);
    }
    if (known !== 'items') {
      this.outcome(this.ran(n, (c) => c === 0), 'foreach-empty', at, '#foreach never skipped as empty by any fixture');
      if (n.elseBody) this.nodes(n.elseBody, new Map(facts));
    }
    for (const k of [...facts.keys()]) if (assigns(n, k, this.macros)) facts.delete(k);
  }

  /** Directives inside the expressions of a node (string interpolation can hold them). */
  exprs(n: Node, facts: Map<string, LoopFact>): void {
    if (n.kind === 'ref') {
      for (const p of n.parts) {
        if (p.kind === 'method') for (const a of p.args) this.expr(a, facts);
        else if (p.kind === 'index') this.expr(p.index, facts);
      }
      if (n.alt) this.expr(n.alt, facts);
    } else if (n.kind === 'set') this.expr(n.value, facts);
    else if (n.kind === 'macrocall') for (const a of n.args) this.expr(a, facts);
    else if (n.kind === 'evaluate') this.expr(n.arg, facts);
  }

  expr(e: Expr, facts: Facts): void {
    const s = { guards: [], loops: [], ifs: [], macroParams: new Set<string>() };
    walkExpr(e, {
      node: (inner) => {
        // an #if or #foreach in an interpolated string: counted, with nothing known
        if (inner.kind === 'if' || inner.kind === 'foreach') this.node(inner, new Map(facts));
      },
    }, s);
  }
}

/** A #foreach span may start at its indentation; point at the `#`. */
function firstHash(text: string, at: number): number {
  while (text[at] === ' ' || text[at] === '\t') at++;
  return at;
}
