/**
 * Compiles AST blocks and expressions into closures once per template, so a render walks no
 * switch statements for the common nodes: text, references, #set, #if and operators. Anything
 * not specialised here falls back to the Renderer's interpreter methods, which share the same
 * semantics.
 *
 * The closures of a template's nodes are kept in its `Compiled`, which is kept on the template's
 * AST root (`compiledOf`), so they go when the template goes. Not in WeakMaps keyed by the nodes:
 * V8's young-generation collector holds the values of a long-lived WeakMap whose keys are young
 * as if they were strong (until a full collection), and a closure holds its nodes, so every
 * template compiled since the last full collection, with all it reached, was copied and promoted
 * by every scavenge (linting 1,000 emails: 370 MB promoted, 0.5 s of scavenges on one thread).
 */
import type { Expr, MacroCallNode, Node, RefNode, RefPart, Span, TemplateAst } from './ast.js';
import type { Renderer } from './evaluator.js';
import { isComparison } from './evaluator.js';
import { asBoolean, javaString } from './java.js';
import { isPlainMapProperty } from './methods.js';
import { ForeachScope } from './scope.js';
import { JBigInteger, JDouble, JMap, type Value } from './values.js';

type Exec = (r: Renderer) => void;
type Eval = (r: Renderer) => Value;
type Test = (r: Renderer) => boolean;

/** The compiled closures of one AST's blocks and expressions. */
export class Compiled {
  readonly blocks = new Map<Node[], Exec>();
  readonly exprs = new Map<Expr, Eval>();
  readonly tests = new Map<Expr, Test>();
  /** A number for each variable name the compiled references read: where a render keeps its cell. */
  private readonly slots = new Map<string, number>();
  slot(name: string): number {
    let k = this.slots.get(name);
    if (k === undefined) this.slots.set(name, (k = this.slots.size));
    return k;
  }
}

const COMPILED = Symbol('compiled');

/** The closures of `ast`'s nodes, kept on the AST root (a new set for a frozen AST). */
export function compiledOf(ast: TemplateAst): Compiled {
  const holder = ast as TemplateAst & { [COMPILED]?: Compiled };
  let c = holder[COMPILED];
  if (!c) {
    c = new Compiled();
    if (Object.isExtensible(ast)) Object.defineProperty(ast, COMPILED, { value: c });
  }
  return c;
}

export function compiledBlock(c: Compiled, list: Node[]): Exec {
  let f = c.blocks.get(list);
  if (!f) {
    f = compileBlock(c, list);
    c.blocks.set(list, f);
  }
  return f;
}

export function compiledExpr(c: Compiled, e: Expr): Eval {
  let f = c.exprs.get(e);
  if (!f) {
    f = compileExpr(c, e);
    c.exprs.set(e, f);
  }
  return f;
}

export function compiledTest(c: Compiled, e: Expr): Test {
  let f = c.tests.get(e);
  if (!f) {
    f = compileTest(c, e);
    c.tests.set(e, f);
  }
  return f;
}

/**
 * A block runs its statements in order. Whatever a statement throws passes through r.fault(),
 * the safety net that gives every error a type and the position of the innermost statement
 * (errors already typed pass unchanged, so outer blocks keep the inner position).
 */
function compileBlock(c: Compiled, list: Node[]): Exec {
  const fns: Exec[] = [];
  const spans: Span[] = [];
  for (let k = 0; k < list.length; ) {
    // runs of text and plain references print through one string (see compileRun)
    let end = k;
    while (end < list.length && isPrintable(list[end]!)) end++;
    if (end - k >= 2) {
      fns.push(compileRun(c, list.slice(k, end)));
      spans.push(list[k]!.span);
      k = end;
    } else {
      fns.push(compileNode(c, list[k]!));
      spans.push(list[k]!.span);
      k++;
    }
  }
  const n = fns.length;
  if (n === 0) return () => {};
  if (n === 1) {
    const f = fns[0]!;
    const span = spans[0]!;
    return (r) => {
      try {
        f(r);
      } catch (e) {
        throw r.fault(e, span);
      }
    };
  }
  return (r) => {
    let i = 0;
    try {
      for (; i < n; i++) fns[i]!(r);
    } catch (e) {
      throw r.fault(e, spans[i]!);
    }
  };
}

function isPrintable(n: Node): boolean {
  // a call without a body prints as written while no macro of its name exists: `#eeeeee` of a colour
  return n.kind === 'text' || (n.kind === 'ref' && n.backslashes === 0) || (n.kind === 'macrocall' && n.body === undefined);
}

/**
 * A run of text and plain references (the bulk of an email) appends to one local string and
 * writes it once. A value that is not plain data (a #define block renders itself into the
 * output) first writes what the run holds, then takes the general path, so output order holds.
 */
function compileRun(c: Compiled, nodes: Node[]): Exec {
  const n = nodes.length;
  const texts: (string | undefined)[] = [];
  const values: (Eval | undefined)[] = [];
  const literals: string[] = [];
  const refs: (RefNode | undefined)[] = [];
  const calls: (MacroCallNode | undefined)[] = [];
  for (const node of nodes) {
    const isRef = node.kind === 'ref';
    texts.push(node.kind === 'text' ? node.value : undefined);
    calls.push(node.kind === 'macrocall' ? node : undefined);
    values.push(isRef ? compileRefValue(c, node) : undefined);
    literals.push(isRef && !node.quiet ? node.literal : '');
    refs.push(isRef ? node : undefined);
  }
  const span = nodes[0]!.span;
  let each: Exec | undefined;
  return (r) => {
    // a render that records its source map writes node by node, so each write has its own span
    if (r.mapWrite !== undefined) return (each ??= compileEach(c, nodes))(r);
    let out = '';
    let k = 0;
    try {
      for (; k < n; k++) {
        const t = texts[k];
        if (t !== undefined) {
          out += t;
          continue;
        }
        const call = calls[k];
        if (call !== undefined) {
          if (r.macros.has(call.name)) {
            r.write(out, span);
            out = '';
            r.macroCall(call);
          } else {
            r.tick(call.span);
            out += call.literal;
          }
          continue;
        }
        const v = values[k]!(r);
        if (v === null) out += literals[k]!;
        else if (typeof v === 'string') out += v;
        else if (typeof v !== 'object' || v instanceof JDouble || Array.isArray(v) || v instanceof JMap) out += javaString(v);
        else {
          r.write(out, span);
          out = '';
          r.renderRef(refs[k]!);
        }
      }
    } catch (e) {
      throw r.fault(e, nodes[k]!.span);
    }
    r.write(out, span);
  };
}

/** The nodes of a run one by one, for a render that records its source map. */
function compileEach(c: Compiled, nodes: Node[]): Exec {
  const fns = nodes.map((n) => compileNode(c, n));
  return (r) => {
    let k = 0;
    try {
      for (; k < fns.length; k++) fns[k]!(r);
    } catch (e) {
      throw r.fault(e, nodes[k]!.span);
    }
  };
}

function compileNode(c: Compiled, n: Node): Exec {
  switch (n.kind) {
    case 'text': {
      const v = n.value;
      const span = n.span;
      return (r) => r.write(v, span);
    }
    case 'ref':
      return compileRefRender(c, n);
    case 'set': {
      const value = compiledExpr(c, n.value);
      const target = n.target;
      if (target.parts.length === 0) {
        const root = target.root;
        const slot = c.slot(root);
        return (r) => {
          const v = value(r);
          r.cellAt(c, slot, root).v = v;
        };
      }
      return (r) => r.set(target, value(r));
    }
    case 'if': {
      const conds = n.branches.map((b) => compiledTest(c, b.cond));
      const bodies = n.branches.map((b) => compiledBlock(c, b.body));
      const elseBody = n.elseBody ? compiledBlock(c, n.elseBody) : undefined;
      const count = conds.length;
      const elseIndex = n.elseBody ? count : -1;
      return (r) => {
        for (let i = 0; i < count; i++) {
          if (conds[i]!(r)) {
            r.trace?.branch?.(n, i);
            bodies[i]!(r);
            return;
          }
        }
        r.trace?.branch?.(n, elseIndex);
        if (elseBody) elseBody(r);
      };
    }
    default:
      return (r) => r.node(n);
  }
}

function compileRefRender(c: Compiled, ref: RefNode): Exec {
  if (ref.backslashes > 0) return (r) => r.renderRef(ref);
  const value = compileRefValue(c, ref);
  const literal = ref.quiet ? '' : ref.literal;
  const span = ref.span;
  return (r) => {
    const v = value(r);
    if (v === null) r.write(literal, span);
    else if (typeof v === 'string') r.write(v, span);
    else if (typeof v === 'object' && !(v instanceof JDouble) && !Array.isArray(v) && !(v instanceof JMap)) {
      r.renderRef(ref); // renderable blocks and other objects: the general path
    } else r.write(javaString(v), span);
  };
}

/** $foreach properties, resolved without the generic getter search. */
const FOREACH_PROPS: Record<string, ((s: ForeachScope) => Value) | undefined> = {
  count: (s) => s.index + 1,
  index: (s) => s.index,
  hasNext: (s) => s.hasNext,
  first: (s) => s.index === 0,
  last: (s) => !s.hasNext,
};

type PartFn = (r: Renderer, target: Value) => Value;

function compilePart(c: Compiled, p: RefPart): PartFn {
  if (p.kind === 'prop') {
    const name = p.name;
    let plain: boolean | undefined;
    const scopeProp = Object.hasOwn(FOREACH_PROPS, name) ? FOREACH_PROPS[name] : undefined;
    return (r, t) => {
      if (t instanceof JMap && (plain ??= isPlainMapProperty(name))) {
        const v = t.keys.get(name);
        return v === undefined ? null : v;
      }
      if (scopeProp && t instanceof ForeachScope) return scopeProp(t);
      return r.part(t, p);
    };
  }
  if (p.kind === 'method') {
    const args = p.args.map((a) => compiledExpr(c, a));
    const name = p.name;
    const span = p.span;
    return (r, t) => {
      const vals: Value[] = new Array(args.length);
      for (let i = 0; i < args.length; i++) vals[i] = args[i]!(r);
      return r.call(t, name, vals, span);
    };
  }
  return (r, t) => r.part(t, p);
}

function compileRefValue(c: Compiled, ref: RefNode): Eval {
  const root = ref.root;
  const parts = ref.parts.map((p) => compilePart(c, p));
  const n = parts.length;
  const alt = ref.alt ? compiledExpr(c, ref.alt) : undefined;
  // the variable's cell, found in the render's context once per render (see Context)
  const slot = c.slot(root);
  if (!alt && n === 0) {
    return (r) => {
      const v = r.cellAt(c, slot, root).v;
      return v === undefined ? null : v;
    };
  }
  const first = ref.parts[0];
  if (!alt && n === 1 && first?.kind === 'prop' && isPlainMapProperty(first.name)) {
    // $item.name, the most common reference of all: a map's entry without a call
    const name = first.name;
    const scopeProp = Object.hasOwn(FOREACH_PROPS, name) ? FOREACH_PROPS[name] : undefined;
    return (r) => {
      const v = r.cellAt(c, slot, root).v;
      if (v === undefined || v === null) return null;
      if (v instanceof JMap) {
        const x = v.keys.get(name);
        return x === undefined ? null : x;
      }
      if (scopeProp && v instanceof ForeachScope) return scopeProp(v);
      return r.part(v, first);
    };
  }
  if (!alt && n === 1) {
    const part = parts[0]!;
    return (r) => {
      const v = r.cellAt(c, slot, root).v;
      return v === undefined || v === null ? null : part(r, v);
    };
  }
  return (r) => {
    const v = r.cellAt(c, slot, root).v;
    let result: Value = v === undefined ? null : v;
    for (let i = 0; i < n && result !== null; i++) result = parts[i]!(r, result);
    if (alt && !asBoolean(result)) result = alt(r);
    return result;
  };
}

function compileExpr(c: Compiled, e: Expr): Eval {
  switch (e.kind) {
    case 'str':
      if (!e.interp) {
        const v = e.value;
        return () => v;
      }
      return (r) => r.valueSlow(e);
    case 'int': {
      // an integer literal beyond the 64-bit range is a BigInteger, as in Velocity
      const v = typeof e.value === 'bigint' && BigInt.asIntN(64, e.value) !== e.value ? new JBigInteger(e.value) : e.value;
      return () => v;
    }
    case 'bool': {
      const v = e.value;
      return () => v;
    }
    case 'float': {
      // Velocity reads every floating-point literal with Double.valueOf: beyond its range it is
      // Infinity (or 0.0), never a BigDecimal
      const v = new JDouble(Number(e.text)); // immutable, safe to share between renders
      return () => v;
    }
    case 'ref':
      return compileRefValue(c, e.ref);
    case 'not': {
      const t = compiledTest(c, e.operand);
      return (r) => !t(r);
    }
    case 'binary': {
      if (e.op === 'and' || e.op === 'or') {
        const t = compiledTest(c, e);
        return (r) => t(r);
      }
      const left = compiledExpr(c, e.left);
      const right = compiledExpr(c, e.right);
      if (e.op === '+' || e.op === '-' || e.op === '*') {
        // Integer op Integer within the int range, as arith() gives it, without the general path
        const op = e.op;
        return (r) => {
          const a = left(r);
          const b = right(r);
          if (typeof a === 'number' && typeof b === 'number') {
            const x = op === '+' ? a + b : op === '-' ? a - b : a * b;
            if ((x | 0) === x) return x === 0 ? 0 : x;
          }
          return r.combine(e, a, b);
        };
      }
      return (r) => r.combine(e, left(r), right(r));
    }
    default:
      return (r) => r.valueSlow(e);
  }
}

/** The order operators on two Integers (== and != take the general path). */
const INT_ORDER: Record<string, ((a: number, b: number) => boolean) | undefined> = {
  '>': (a, b) => a > b,
  '<': (a, b) => a < b,
  '>=': (a, b) => a >= b,
  '<=': (a, b) => a <= b,
};

function compileTest(c: Compiled, e: Expr): Test {
  switch (e.kind) {
    case 'ref': {
      const v = compileRefValue(c, e.ref);
      return (r) => {
        const x = v(r);
        return x !== null && asBoolean(x);
      };
    }
    case 'bool': {
      const v = e.value;
      return () => v;
    }
    case 'not': {
      const t = compiledTest(c, e.operand);
      return (r) => !t(r);
    }
    case 'binary': {
      if (e.op === 'and') {
        const a = compiledTest(c, e.left);
        const b = compiledTest(c, e.right);
        return (r) => a(r) && b(r);
      }
      if (e.op === 'or') {
        const a = compiledTest(c, e.left);
        const b = compiledTest(c, e.right);
        return (r) => a(r) || b(r);
      }
      if (isComparison(e.op)) {
        const left = compiledExpr(c, e.left);
        const right = compiledExpr(c, e.right);
        // Integer against Integer compared in place, as compare() does it
        const ints = INT_ORDER[e.op];
        if (!ints) return (r) => r.compareValues(e, left(r), right(r));
        return (r) => {
          const a = left(r);
          const b = right(r);
          return typeof a === 'number' && typeof b === 'number' ? ints(a, b) : r.compareValues(e, a, b);
        };
      }
      // arithmetic nodes have no evaluate() of their own in Velocity: false, operands unevaluated
      return () => false;
    }
    default:
      return (r) => r.truthSlow(e);
  }
}
