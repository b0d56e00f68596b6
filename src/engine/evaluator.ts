/**
 * The evaluator: renders an AST against a context of Java values with Velocity 2.4.1 semantics.
 */
import type { Expr, ForeachNode, IfNode, MacroCallNode, MacroDefNode, Node, RefNode, RefPart, Span, TemplateAst } from './ast.js';
import { LimitError, ParseError, RenderError, VelvetError, positionAt } from '../errors.js';
import { BudgetExceeded, beginRender, chargeMemory, chargeWork, checkClock, endRender } from './budget.js';
import { asBoolean, asNumber, javaClassName, javaEquals, javaString, mapPut } from './java.js';
import { JavaException, MethodLimit, NO_METHOD, VOID, getProperty, invokeMethod, isPlainMapProperty, listChanges, listModCount, readOnlyList, setRegexDeadline } from './methods.js';
import { ArithmeticError, JavaNumberFormat, NumberTooLarge, arith, compareNumbers, intValue, isNumber, negate, type ArithOp } from './numbers.js';
import { parse } from './parser.js';
import { compiledBlock, compiledExpr, compiledOf, compiledTest, type Compiled } from './compiler.js';
import { ForeachScope, RenderableBlock } from './scope.js';
import { Context, type Cell } from './context.js';
import { JBigDecimal, JBigInteger, JDouble, JMap, JSet, type Value } from './values.js';

/**
 * Optional observer of a render, for coverage: which #if branch ran (index into the branches,
 * branches.length for #else, -1 for none) and how many times a #foreach body ran.
 */
export interface RenderTrace {
  branch?(node: IfNode, taken: number): void;
  loop?(node: ForeachNode, iterations: number): void;
  /**
   * The source map of the render: output [start, end) was written by the template node at
   * `span`. Calls come in output order and cover the whole output. A #define block or a block
   * macro's $bodyContent printed where it is referenced maps to its own nodes; text first built
   * into a string (an interpolated "...$x...", a block set into a variable) reaches the output
   * through the reference that prints it, so it maps to that reference; text written by
   * #evaluate maps to the #evaluate directive. Only set it when the map is wanted: with it,
   * runs of text and references write node by node.
   */
  write?(start: number, end: number, span: Span): void;
}

export interface Limits {
  /** #foreach iterations and range elements in all (default 1,000,000). */
  maxIterations: number;
  /** Characters of output, and of any single string the template builds (default 10,000,000). */
  maxOutput: number;
  /** Macro calling depth (default 20, Velocity's). */
  maxDepth: number;
  /** Wall-clock time of one render (default 5,000 ms). */
  maxTimeMs: number;
  /** Characters and collection elements a render may build in all, output aside (default 100,000,000). */
  maxMemory: number;
}

/** Velocity's directive.define.max_depth: how deep a #define block may render itself. */
const DEFINE_MAX_DEPTH = 2;

/** Thrown by #break / #stop; caught by the directive it is meant for. */
class StopSignal {
  constructor(
    /** undefined: the nearest scope; a ForeachScope: that loop; 'template': the whole render. */
    readonly target: ForeachScope | 'template' | undefined,
  ) {}
}

class Output {
  text = '';
}

export class Renderer {
  readonly ctx: Context;
  out = new Output();
  /** The template's own output (not a capture): what `mapWrite` maps. */
  private readonly root = this.out;
  /** `trace.write`, read once: undefined unless the render records its source map. */
  mapWrite: ((start: number, end: number, span: Span) => void) | undefined;
  iterations = 0;
  macroDepth = 0;
  nesting = 0;
  readonly deadline: number;
  private ticks = 0;
  readonly macros: Map<string, MacroDefNode>;
  /**
   * The closures of the nodes being rendered: the template's (kept on its AST), or those of an
   * #evaluate text while it renders. A block or macro from another AST renders with its own.
   */
  compiled: Compiled;
  /** The template's own closures (those of `ast`). */
  private readonly templateCompiled: Compiled;
  /** The closures of macros an #evaluate text defined (the template's own macros use `templateCompiled`). */
  private evaluatedMacros: Map<MacroDefNode, Compiled> | undefined;
  /** The variable cells the template's compiled references found, by their slot (see Compiled.slot). */
  private readonly templateCells: (Cell | undefined)[] = [];
  /** The same for the compiled references of other ASTs (#evaluate texts). */
  private otherCells: Map<Compiled, (Cell | undefined)[]> | undefined;

  constructor(
    readonly ast: TemplateAst,
    readonly source: string,
    readonly file: string | undefined,
    context: Context | ReadonlyMap<string, Value>,
    readonly limits: Limits,
    readonly trace?: RenderTrace,
  ) {
    this.ctx = context instanceof Context ? context : new Context(context);
    this.mapWrite = trace?.write?.bind(trace);
    this.macros = new Map(ast.macros);
    this.compiled = this.templateCompiled = compiledOf(ast);
    this.deadline = Date.now() + limits.maxTimeMs;
  }

  /** The cells found by the compiled references of `c`, by slot. */
  private cellsOf(c: Compiled): (Cell | undefined)[] {
    if (c === this.templateCompiled) return this.templateCells;
    const others = (this.otherCells ??= new Map());
    let cells = others.get(c);
    if (!cells) others.set(c, (cells = []));
    return cells;
  }

  /** The cell of the variable `name`, slot `slot` of `c`: found in the context once per render. */
  cellAt(c: Compiled, slot: number, name: string): Cell {
    const cells = this.cellsOf(c);
    return cells[slot] ?? (cells[slot] = this.ctx.cell(name));
  }

  run(): string {
    setRegexDeadline(this.deadline);
    beginRender(this.deadline, this.limits.maxTimeMs, this.limits.maxMemory);
    try {
      this.nodes(this.ast.nodes);
    } catch (e) {
      const f = this.fault(e, { start: 0, end: 0 });
      if (!(f instanceof StopSignal)) throw f;
    } finally {
      endRender();
    }
    return this.out.text;
  }

  // ---------------------------------------------------------------- errors and limits

  loc(span: Span, source = this.source) {
    const { line, column } = positionAt(source, span.start);
    return { file: this.file, line, column, source };
  }

  renderError(message: string, span: Span): RenderError {
    return new RenderError(message, this.loc(span));
  }

  limit(name: keyof Limits, message: string, span: Span): LimitError {
    return new LimitError(name, message, this.loc(span));
  }

  /**
   * The safety net: whatever a step at `span` threw becomes the typed error it stands for (a
   * LimitError, or the RenderError Velocity gives). Signals and velvet's own errors pass as they
   * are; an error nothing here expects becomes a RenderError whose cause is the original.
   */
  fault(e: unknown, span: Span): unknown {
    if (e instanceof StopSignal || e instanceof VelvetError) return e;
    if (e instanceof BudgetExceeded) return this.limit(e.limit, e.message, span);
    if (e instanceof MethodLimit) return this.limit('maxTimeMs', e.message, span);
    if (e instanceof NumberTooLarge) return this.limit('maxTimeMs', `${e.message} (computing it would take too long)`, span);
    if (e instanceof JavaNumberFormat) return this.renderError(`java.lang.NumberFormatException: ${e.message}`, span);
    if (e instanceof ArithmeticError) return this.renderError(`java.lang.ArithmeticException: ${e.message}`, span);
    if (e instanceof RangeError) {
      // the engine's own stack or a JavaScript size limit: a limit of the template, not a crash
      if (/call stack/i.test(e.message)) {
        return this.limit('maxDepth', `the template nests values or calls too deeply (${e.message})`, span);
      }
      return this.limit('maxMemory', `the template built a value too large for the engine (${e.message})`, span);
    }
    const what = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    return new RenderError(`internal error (${what})`, this.loc(span), { cause: e });
  }

  /** Called on every loop iteration, macro call, method call and block render. */
  tick(span: Span): void {
    if ((++this.ticks & 255) === 0 && Date.now() > this.deadline) {
      throw this.limit('maxTimeMs', `render took longer than ${this.limits.maxTimeMs} ms (limit maxTimeMs)`, span);
    }
  }

  /** Charges the work of a step that touches `units` characters or elements (checks the clock). */
  work(units: number, span: Span): void {
    try {
      chargeWork(units);
    } catch (e) {
      throw this.fault(e, span);
    }
  }

  write(s: string, span: Span): void {
    if (!s) return;
    const o = this.out;
    o.text += s;
    if (o.text.length + this.captured > this.limits.maxOutput) {
      throw this.limit('maxOutput', `output is larger than ${this.limits.maxOutput} characters (limit maxOutput)`, span);
    }
    if (this.mapWrite !== undefined && o === this.root) this.mapWrite(o.text.length - s.length, o.text.length, span);
  }

  // ---------------------------------------------------------------- statements

  /** Renders a block through its compiled closures (compiled once per AST, see compiler.ts). */
  nodes(list: Node[]): void {
    compiledBlock(this.compiled, list)(this);
  }

  node(n: Node): void {
    switch (n.kind) {
      case 'text':
        this.write(n.value, n.span);
        return;
      case 'ref':
        this.renderRef(n);
        return;
      case 'set':
        this.set(n.target, this.value(n.value));
        return;
      case 'if': {
        for (let i = 0; i < n.branches.length; i++) {
          const b = n.branches[i]!;
          if (this.truth(b.cond)) {
            this.trace?.branch?.(n, i);
            this.nodes(b.body);
            return;
          }
        }
        this.trace?.branch?.(n, n.elseBody ? n.branches.length : -1);
        if (n.elseBody) this.nodes(n.elseBody);
        return;
      }
      case 'foreach':
        this.foreach(n);
        return;
      case 'macrodef':
        return;
      case 'macrocall':
        this.macroCall(n);
        return;
      case 'define': {
        const body = n.body;
        this.set(n.target, this.block(body, n.span, DEFINE_MAX_DEPTH));
        return;
      }
      case 'evaluate':
        this.evaluate(n.arg, n.span);
        return;
      case 'break': {
        if (!n.scope) throw new StopSignal(undefined);
        const s = this.value(n.scope);
        if (s instanceof ForeachScope) throw new StopSignal(s);
        const what = this.literalOf(n.scope);
        throw this.renderError(`${what} is not a valid org.apache.velocity.runtime.directive.Scope instance`, n.span);
      }
      case 'stop':
        throw new StopSignal('template');
      case 'literal':
        this.write(n.value, n.span);
        return;
    }
  }

  /** Guards recursion depth (#define blocks rendering themselves, nested #evaluate). */
  nested<T>(span: Span, f: () => T): T {
    if (++this.nesting > 200) {
      this.nesting = 0;
      throw this.limit('maxDepth', 'template nesting is deeper than 200 levels (a block that renders itself?)', span);
    }
    try {
      return f();
    } finally {
      this.nesting--;
    }
  }

  /** A #define block or macro body as a value; a #break inside ends just the block, as in Velocity. */
  block(body: Node[], span: Span, maxDepth: number): RenderableBlock {
    // the body is of the AST rendering now; the block may be rendered from another (#evaluate)
    const compiled = this.compiled;
    const renderBody = () =>
      this.nested(span, () =>
        this.within(compiled, () => {
          try {
            this.nodes(body);
          } catch (e) {
            if (!(e instanceof StopSignal && e.target === undefined)) throw e;
          }
        }),
      );
    return new RenderableBlock(renderBody, (f) => this.capture(f), maxDepth);
  }

  /** Runs `f` with the closures of another AST's nodes. */
  within<T>(compiled: Compiled, f: () => T): T {
    const outer = this.compiled;
    if (outer === compiled) return f();
    this.compiled = compiled;
    try {
      return f();
    } finally {
      this.compiled = outer;
    }
  }

  /** Characters held by enclosing captures (they count towards maxOutput too). */
  captured = 0;

  capture(f: () => void, span: Span = { start: 0, end: 0 }): string {
    this.tick(span);
    const saved = this.out;
    const o = new Output();
    this.captured += saved.text.length;
    this.out = o;
    try {
      f();
    } finally {
      this.out = saved;
      this.captured -= saved.text.length;
    }
    this.allocate(o.text.length, span);
    return o.text;
  }

  // ---------------------------------------------------------------- references

  renderRef(r: RefNode): void {
    const esc = r.backslashes > 0 ? '\\'.repeat(r.backslashes >> 1) : '';
    const value = this.refValue(r);
    if (r.backslashes & 1) {
      // escaped reference: \$a prints $a when $a is defined, \$a when it is not
      this.write(value === null ? esc + '\\' + r.literal : esc + r.literal, r.span);
      return;
    }
    const more = r.morePrefix ?? '';
    if (value instanceof RenderableBlock) {
      this.write(esc + more, r.span);
      // past its depth the block renders nothing, and then neither does its toString()
      if (value.renderHere()) return;
      this.write(value.render() ?? esc + esc + more + (r.quiet ? '' : r.literal), r.span);
      return;
    }
    if (value === null) {
      this.write(esc + esc + more + (r.quiet ? '' : r.literal), r.span);
      return;
    }
    this.write(esc + more + javaString(value), r.span);
  }

  refValue(r: RefNode): Value {
    let v = this.ctx.get(r.root);
    let result: Value = v === undefined ? null : v;
    if (result !== null) {
      for (const p of r.parts) {
        result = this.part(result, p);
        if (result === null) break;
      }
    }
    if (r.alt && !asBoolean(result)) result = this.value(r.alt);
    return result;
  }

  part(target: Value, p: RefPart): Value {
    if (p.kind === 'prop') {
      if (target instanceof JMap && (p.plainMap ??= isPlainMapProperty(p.name))) {
        const v = target.keys.get(p.name);
        return v === undefined ? null : v;
      }
      let r;
      try {
        r = getProperty(target, p.name);
      } catch (e) {
        // the method a property resolved to threw: Velocity says so as for a call
        if (e instanceof JavaException) throw this.invocationError(p.name, target, e, p.span);
        throw e;
      }
      // a void method read as a property gives null, so the reference prints as written
      return r === NO_METHOD || r === VOID ? null : r;
    }
    if (p.kind === 'method') {
      const args = p.args.map((a) => this.value(a));
      return this.call(target, p.name, args, p.span);
    }
    let idx = this.value(p.index);
    if (typeof idx === 'number' && idx < 0) {
      const size = invokeMethod(target, 'size', []);
      if (size === NO_METHOD) {
        throw this.renderError(`A 'size()' method required for negative value ${idx} does not exist for class '${javaClassName(target)}'`, p.span);
      }
      idx = (size as number) + idx;
    }
    return this.call(target, 'get', [idx], p.span);
  }

  /** Velocity's MethodInvocationException for the Java exception of `name` on `target`, at the name after the dot. */
  invocationError(name: string, target: Value, e: JavaException, span: Span): RenderError {
    return this.renderError(`Invocation of method '${name}' in  class ${javaClassName(target)} threw exception ${e.toString()}`, {
      start: span.start + 1,
      end: span.end,
    });
  }

  call(target: Value, name: string, args: Value[], span: Span): Value {
    this.tick(span);
    let r;
    try {
      r = invokeMethod(target, name, args);
    } catch (e) {
      if (e instanceof JavaException) throw this.invocationError(name, target, e, span);
      throw this.fault(e, span);
    }
    if (r === NO_METHOD) return null;
    if (r === VOID) return '';
    if (typeof r === 'string') this.allocate(r.length, span);
    else if (Array.isArray(r)) this.allocate(r.length, span);
    return r;
  }

  /**
   * Counts text and elements a template builds outside the output (method results,
   * concatenations, interpolated strings, list and map literals, ranges) against maxMemory:
   * keeping many large values alive could exhaust memory, which would end the process rather
   * than raise an error. No single string may be longer than maxOutput.
   */
  allocate(n: number, span: Span): void {
    if (n > this.limits.maxOutput) {
      throw this.limit(
        'maxOutput',
        `the template built a string of ${n} characters (limit maxOutput ${this.limits.maxOutput})`,
        span,
      );
    }
    try {
      chargeWork(n);
      chargeMemory(n);
    } catch (e) {
      throw this.fault(e, span);
    }
  }

  set(target: RefNode, value: Value): void {
    if (target.parts.length === 0) {
      this.ctx.set(target.root, value);
      return;
    }
    let obj: Value = this.ctx.get(target.root) ?? null;
    for (let i = 0; i < target.parts.length - 1 && obj !== null; i++) obj = this.part(obj, target.parts[i]!);
    if (obj === null) return;
    const last = target.parts[target.parts.length - 1]!;
    if (last.kind === 'index') {
      let idx = this.value(last.index);
      if (typeof idx === 'number' && idx < 0 && Array.isArray(obj)) idx = obj.length + idx;
      if (Array.isArray(obj) || !(obj instanceof JMap)) this.call(obj, 'set', [idx, value], last.span);
      else mapPut(obj, idx, value);
      return;
    }
    if (last.kind === 'prop') {
      const cap = last.name.charAt(0).toUpperCase() + last.name.slice(1);
      if (invokeMethod(obj, 'set' + cap, [value]) !== NO_METHOD) return;
      if (obj instanceof JMap) mapPut(obj, last.name, value);
    }
  }

  // ---------------------------------------------------------------- expressions

  value(e: Expr): Value {
    return compiledExpr(this.compiled, e)(this);
  }

  /** The interpreter for expressions the compiler does not specialise. */
  valueSlow(e: Expr): Value {
    switch (e.kind) {
      case 'str':
        return e.interp ? this.capture(() => this.nodes(e.interp!), e.span) : e.value;
      case 'float':
        return new JDouble(Number(e.text));
      case 'list':
        this.allocate(e.items.length, e.span);
        return e.items.map((x) => this.value(x));
      case 'map': {
        this.allocate(e.entries.length * 2, e.span);
        const m = new JMap();
        for (const [k, v] of e.entries) mapPut(m, this.value(k), this.value(v));
        return m;
      }
      case 'range': {
        const r = this.rangeBounds(e);
        if (!r) return null;
        const [from, to] = r;
        const n = Math.abs(to - from) + 1;
        this.countIterations(n, e.span);
        this.allocate(n, e.span);
        const list: Value[] = new Array(n);
        const step = from <= to ? 1 : -1;
        for (let i = 0; i < n; i++) list[i] = from + i * step;
        // Velocity's range is a read-only List: add, set and remove throw
        return readOnlyList(list, 'org.apache.velocity.runtime.parser.node.ASTIntegerRange$IntegerRange');
      }
      case 'word':
        return null;
      case 'neg': {
        const v = this.value(e.operand);
        const n = v === null ? undefined : isNumber(v) ? v : asNumber(v);
        if (n === undefined && v !== null && velocityLiteral(e.operand, this.source) === undefined) {
          // Velocity logs what it cannot negate by the operand's literal, which a literal node
          // (true, a list, a map) has dropped by then
          throw this.renderError('NullPointerException: Cannot read field "kind" because "t" is null', e.span);
        }
        return n === undefined ? null : negate(n);
      }
      default:
        // int, bool, ref, not and binary are compiled to closures (compiler.ts)
        return compiledExpr(this.compiled, e)(this);
    }
  }

  rangeBounds(e: Extract<Expr, { kind: 'range' }>): [number, number] | undefined {
    const a = this.value(e.from);
    const b = this.value(e.to);
    if (a === null || b === null) return undefined;
    const x = asNumber(a);
    const y = asNumber(b);
    if (x === undefined || y === undefined) return undefined;
    return [intValue(x), intValue(y)];
  }

  countIterations(n: number, span: Span): void {
    this.iterations += n;
    if (this.iterations > this.limits.maxIterations) {
      throw this.limit(
        'maxIterations',
        `more than ${this.limits.maxIterations} loop iterations (limit maxIterations)`,
        span,
      );
    }
  }

  /** Velocity's evaluate(): the truth of an expression in #if. */
  truth(e: Expr): boolean {
    return compiledTest(this.compiled, e)(this);
  }

  /** Truth of the expression kinds the compiler does not specialise (ref, bool, not, binary are). */
  truthSlow(e: Expr): boolean {
    switch (e.kind) {
      case 'str':
        return (this.value(e) as string).length > 0;
      case 'int':
        return e.value !== 0 && e.value !== 0n;
      case 'float':
        return Number(e.text) !== 0;
      case 'list':
        return e.items.length > 0;
      case 'map':
        return e.entries.length > 0;
      case 'neg':
        return this.truth(e.operand);
      case 'ref':
      case 'bool':
      case 'not':
      case 'binary':
        return compiledTest(this.compiled, e)(this);
      default:
        // ranges and words have no evaluate() of their own in Velocity
        return false;
    }
  }

  /** A comparison or arithmetic operator applied to evaluated operands. */
  combine(e: Extract<Expr, { kind: 'binary' }>, left: Value, right: Value): Value {
    if (isComparison(e.op)) return this.compareValues(e, left, right);
    if (e.op === '+' && (typeof left === 'string' || typeof right === 'string')) {
      const l = left === null ? this.literalOf(e.left) : javaString(left);
      const r = right === null ? this.literalOf(e.right) : javaString(right);
      this.allocate(l.length + r.length, e.span);
      return l + r;
    }
    const a = left === null ? undefined : asNumber(left);
    const b = right === null ? undefined : asNumber(right);
    if (a === undefined || b === undefined) {
      // Velocity builds its log message from the offending operand's literal even when it
      // only returns null, which fails for literal nodes (see literalOf)
      this.literalOf(a === undefined ? e.left : e.right);
      return null;
    }
    try {
      return arith(e.op as ArithOp, a, b) ?? null;
    } catch (err) {
      throw this.fault(err, e.span);
    }
  }

  /** A comparison; relational operators with a null side read that side's literal, as Velocity does. */
  compareValues(e: Extract<Expr, { kind: 'binary' }>, left: Value, right: Value): boolean {
    if ((left === null || right === null) && e.op !== '==' && e.op !== '!=') {
      this.literalOf(left === null ? e.left : e.right);
    }
    try {
      return compare(e.op, left, right);
    } catch (err) {
      throw this.fault(err, e.span);
    }
  }

  /**
   * Velocity's Node.literal() at render time. Literal nodes (numbers, booleans, lists, maps,
   * ranges) have dropped their tokens by then, so asking for their literal throws a
   * NullPointerException inside Velocity: a render error that we reproduce.
   */
  literalOf(e: Expr): string {
    const lit = velocityLiteral(e, this.source);
    if (lit === undefined) {
      throw this.renderError('NullPointerException: Cannot read field "kind" because "<parameter2>" is null', e.span);
    }
    return lit;
  }

  // ---------------------------------------------------------------- #foreach

  foreach(n: Extract<Node, { kind: 'foreach' }>): void {
    let items: Iterable<Value> | undefined;
    let count = 0;
    let source: JMap | undefined;
    if (n.iterable.kind === 'range') {
      // iterate a range lazily: [1..100000000] must not allocate
      const r = this.rangeBounds(n.iterable);
      if (r) {
        const [from, to] = r;
        count = Math.abs(to - from) + 1;
        items = lazyRange(from, to);
      }
    } else {
      const v = this.value(n.iterable);
      const list = iterableOf(v);
      if (list) {
        items = list;
        count = list.length;
      }
      // a #foreach over a map or one of its views fails like Java's iterator when the body
      // adds or removes keys while entries remain
      source = v instanceof JMap ? v : v instanceof JSet ? v.source : undefined;
    }
    if (!items || count === 0) {
      this.trace?.loop?.(n, 0);
      if (n.elseBody) this.nodes(n.elseBody);
      return;
    }
    const key = n.varName;
    const cell = this.ctx.cell(key);
    const old = cell.v;
    const scope = new ForeachScope(this.ctx.get('foreach') ?? null);
    this.ctx.set('foreach', scope);
    let i = 0;
    const list = Array.isArray(items) && !source ? items : undefined;
    const sourceSize = source?.keys.size;
    const changes = listChanges;
    const listMods = list && listModCount(list);
    const body = compiledBlock(this.compiled, n.body);
    try {
      for (const item of items) {
        if ((list && (list.length !== count || (changes !== listChanges && listModCount(list) !== listMods))) || (source && source.keys.size !== sourceSize)) {
          // the loop body changed the list it iterates: Java's iterator fails on next()
          throw this.renderError('ConcurrentModificationException: null', n.span);
        }
        this.countIterations(1, n.span);
        this.tick(n.span);
        cell.v = item === null ? undefined : item;
        scope.index++;
        scope.hasNext = ++i < count;
        try {
          body(this);
        } catch (e) {
          if (e instanceof StopSignal && (e.target === undefined || e.target === scope)) break;
          throw e;
        }
      }
    } finally {
      this.trace?.loop?.(n, scope.index + 1);
      if (old !== undefined && old !== null) this.ctx.set(key, old);
      else this.ctx.delete(key);
      if (scope.replaced === null) this.ctx.delete('foreach');
      else this.ctx.set('foreach', scope.replaced);
    }
  }

  // ---------------------------------------------------------------- macros

  macroCall(n: MacroCallNode): void {
    this.tick(n.span);
    const def = this.macros.get(n.name);
    if (!def) {
      if (n.body) {
        // #@name with a body but no macro: Velocity prints the call as written
        this.write(n.literal, n.span);
        return;
      }
      this.write(n.literal, n.span);
      return;
    }
    if (this.macroDepth >= this.limits.maxDepth) {
      // Velocity reports this at the macro's body, where its proxy is located
      const at = def.body[0]?.span.start ?? def.span.end;
      throw this.limit(
        'maxDepth',
        `Max calling depth of ${this.limits.maxDepth} was exceeded in macro '${n.name}'`,
        { start: at, end: at },
      );
    }
    // the arguments are of the call's AST, the defaults and the body of the macro's
    const own = this.evaluatedMacros?.get(def) ?? this.templateCompiled;
    const values: Value[] = [];
    for (let i = 0; i < def.params.length; i++) {
      const p = def.params[i]!;
      if (i < n.args.length) values.push(this.value(n.args[i]!));
      else if (p.default) values.push(this.within(own, () => this.value(p.default!)));
      else values.push(null);
    }
    const olds = def.params.map((p) => (this.ctx.has(p.name) ? this.ctx.get(p.name)! : undefined));
    const oldBody = this.ctx.get('bodyContent');
    this.ctx.delete('bodyContent');
    let block: RenderableBlock | undefined;
    if (n.body) {
      const body = n.body;
      block = this.block(body, n.span, this.limits.maxDepth);
      this.ctx.set('bodyContent', block);
    }
    def.params.forEach((p, i) => this.ctx.set(p.name, values[i]!));
    this.macroDepth++;
    try {
      this.within(own, () => this.nodes(def.body));
    } catch (e) {
      if (!(e instanceof StopSignal && e.target === undefined)) throw e;
    } finally {
      this.macroDepth--;
      // Velocity hides $bodyContent inside any macro and restores it after, unless the macro set it
      if (block ? this.ctx.get('bodyContent') === block : !this.ctx.has('bodyContent')) {
        if (oldBody !== undefined) this.ctx.set('bodyContent', oldBody);
        else this.ctx.delete('bodyContent');
      }
      def.params.forEach((p, i) => {
        const cur = this.ctx.get(p.name);
        if (cur === values[i] || (cur === undefined && values[i] === null)) {
          const old = olds[i];
          if (old === undefined) this.ctx.delete(p.name);
          else this.ctx.set(p.name, old);
        }
      });
    }
  }

  // ---------------------------------------------------------------- #evaluate

  evaluate(arg: Expr, span: Span): void {
    this.tick(span);
    const v = this.value(arg);
    if (v === null) return;
    const text = javaString(v);
    // parsing is linear, but long for a huge text: counted like the characters it reads
    this.allocate(text.length, span);
    chargeWork(text.length);
    let ast: TemplateAst;
    try {
      ast = parse(text, { name: this.file, knownMacros: new Set(this.macros.keys()) });
    } catch (e) {
      if (e instanceof ParseError) {
        throw new RenderError(`#evaluate: ${e.reason}`, { file: this.file, line: e.line, column: e.column, source: text });
      }
      throw e;
    }
    checkClock();
    const compiled = compiledOf(ast);
    for (const [k, m] of ast.macros) {
      this.macros.set(k, m);
      (this.evaluatedMacros ??= new Map()).set(m, compiled);
    }
    // spans inside the evaluated text are not template offsets: the source map names the directive
    const map = this.mapWrite;
    if (map) this.mapWrite = (start, end) => map(start, end, span);
    try {
      this.nested(span, () =>
        this.within(compiled, () => {
          try {
            this.nodes(ast.nodes);
          } catch (e) {
            if (!(e instanceof StopSignal && e.target === undefined)) throw e;
          }
        }),
      );
    } finally {
      this.mapWrite = map;
    }
  }
}

function* lazyRange(from: number, to: number): Generator<Value> {
  if (from <= to) for (let i = from; i <= to; i++) yield i;
  else for (let i = from; i >= to; i--) yield i;
}

/** What #foreach iterates: lists, sets, map values; anything else gives no iterations. */
function iterableOf(v: Value): Value[] | undefined {
  if (v === null) return undefined;
  if (Array.isArray(v)) return v;
  if (v instanceof JSet) return v.items;
  if (v instanceof JMap) {
    chargeWork(v.keys.size);
    chargeMemory(v.keys.size);
    return [...v.keys.values()];
  }
  return undefined;
}

export function isComparison(op: string): boolean {
  return op === '==' || op === '!=' || op === '<' || op === '>' || op === '<=' || op === '>=';
}

export function compare(op: string, left: Value, right: Value): boolean {
  if (left === null || right === null) {
    if (op === '==') return left === right;
    if (op === '!=') return left !== right;
    return false;
  }
  if (typeof left !== 'string' || typeof right !== 'string') {
    const a = asNumber(left);
    const b = asNumber(right);
    if (a !== undefined && b !== undefined) {
      const c = compareNumbers(a, b);
      switch (op) {
        case '==':
          return c === 0;
        case '!=':
          return c !== 0;
        case '<':
          return c < 0;
        case '>':
          return c > 0;
        case '<=':
          return c <= 0;
        default:
          return c >= 0;
      }
    }
  }
  if (op === '==' || op === '!=') {
    if (typeof left === 'string' && typeof right === 'string') chargeWork(left.length);
    const eq = sameJavaClass(left, right) ? javaEquals(left, right) : javaString(left) === javaString(right);
    return op === '==' ? eq : !eq;
  }
  return false;
}

function sameJavaClass(a: Value, b: Value): boolean {
  const ca = javaClassName(a);
  const cb = javaClassName(b);
  if (ca === cb) return true;
  // ArrayList/LinkedHashMap and their views compare by equals() too
  return (Array.isArray(a) || a instanceof JSet) && (Array.isArray(b) || b instanceof JSet);
}

const OPERATOR_LITERAL: Record<string, string> = { and: '&&', or: '||' };

/** Node.literal() of an expression in Velocity 2.4.1; undefined where Velocity fails. */
function velocityLiteral(e: Expr, source: string): string | undefined {
  switch (e.kind) {
    case 'ref':
      return e.ref.literal;
    case 'str':
    case 'neg':
    case 'word':
      return source.slice(e.span.start, e.span.end);
    case 'not': {
      const inner = velocityLiteral(e.operand, source);
      return inner === undefined ? undefined : '!' + inner;
    }
    case 'binary': {
      // ASTBinaryOperator.literal(): the left operand and the operator (the right one is missing)
      const left = velocityLiteral(e.left, source);
      return left === undefined ? undefined : `${left} ${OPERATOR_LITERAL[e.op] ?? e.op} `;
    }
    default:
      return undefined;
  }
}

export { JBigInteger };
