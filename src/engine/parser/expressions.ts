/**
 * The expression level of the parser: references ($a.b(c)[d], ${a|b}), directive arguments,
 * operators with Velocity's precedence, and literals (numbers, strings with interpolation,
 * lists, maps, ranges). Which tokens exist depends on the lexical context, as in Velocity's
 * lexer: parentheses only in directive expressions, word operators glued to words in some.
 */
import type { BinaryOp, Expr, Node, RefNode, RefPart, Span, TemplateAst } from '../ast.js';
import { ParseError } from '../../errors.js';
import { isAlpha, isDigit, isIdent, isWordStart } from './chars.js';
import { Scanner } from './scanner.js';

export abstract class ExpressionParser extends Scanner {
  /** Parses the text of an interpolated string literal as a template of its own. */
  abstract parseNested(text: string): TemplateAst;

  // ---------------------------------------------------------------- directive arguments

  directiveArgAfterWs(): { expr: Expr; kind: string } | undefined {
    this.pos = this.skipWsNl(this.pos);
    return this.directiveArg();
  }

  /** DirectiveArg: reference, word, string, integer, range, float, map, list, true, false. */
  directiveArg(): { expr: Expr; kind: string } | undefined {
    const c = this.src.charCodeAt(this.pos);
    const start = this.pos;
    if (c === 36) {
      const r = this.reference(true);
      if (!r) return undefined;
      return { expr: { kind: 'ref', ref: r, span: r.span }, kind: 'ref' };
    }
    if (c === 34 || c === 39) {
      const e = this.stringLiteral();
      return { expr: e, kind: 'str' };
    }
    if (c === 91 || c === 123) {
      const e = this.primary();
      return { expr: e, kind: e.kind };
    }
    if (isDigit(c) || c === 45 || c === 46) {
      const e = this.number();
      if (e) return { expr: e, kind: e.kind };
      return undefined;
    }
    if (isWordStart(c)) {
      let k = start + 1;
      while (isIdent(this.src.charCodeAt(k))) k++;
      const word = this.src.slice(start, k);
      this.pos = k;
      if (word === 'true' || word === 'false') {
        return { expr: { kind: 'bool', value: word === 'true', span: { start, end: k } }, kind: 'bool' };
      }
      return { expr: { kind: 'word', value: word, span: { start, end: k } }, kind: 'word' };
    }
    return undefined;
  }

  // ---------------------------------------------------------------- references

  looksLikeReference(i: number): boolean {
    let j = i + 1;
    if (this.src.charCodeAt(j) === 33) j++;
    if (this.src.charCodeAt(j) === 123) j = this.skipMorePrefix(j + 1);
    return isAlpha(this.src.charCodeAt(j));
  }

  /**
   * Inside '${', Velocity's lexer glues '$', '$!' and '\$' prefixes onto the identifier token
   * ('${$!x}' has the identifier "$!x"), so such a reference parses but names no variable.
   */
  skipMorePrefix(j: number): number {
    for (;;) {
      let k = j;
      while (this.src.charCodeAt(k) === 92) k++;
      if (this.src.charCodeAt(k) !== 36) return j;
      k++;
      if (this.src.charCodeAt(k) === 33) k++;
      j = k;
    }
  }

  /**
   * Parses a reference at this.pos ('$'). In directive context (`inDirective`) and in normal
   * text the grammar is the same; a formal reference must be closed by '}'.
   */
  reference(_inDirective: boolean): RefNode | undefined {
    const start = this.pos;
    let i = start + 1;
    let quiet = false;
    if (this.src.charCodeAt(i) === 33) {
      quiet = true;
      i++;
    }
    let formal = false;
    let rootStart = i;
    if (this.src.charCodeAt(i) === 123) {
      formal = true;
      rootStart = i + 1;
      i = this.skipMorePrefix(i + 1);
    }
    if (!isAlpha(this.src.charCodeAt(i))) return undefined;
    let k = i + 1;
    while (isIdent(this.src.charCodeAt(k))) k++;
    const root = this.src.slice(rootStart, k);
    this.pos = k;
    const parts: RefPart[] = [];
    this.indexes(parts);
    for (;;) {
      if (this.src.charCodeAt(this.pos) === 46 && isAlpha(this.src.charCodeAt(this.pos + 1))) {
        const ps = this.pos + 1;
        let e = ps + 1;
        while (isIdent(this.src.charCodeAt(e))) e++;
        const name = this.src.slice(ps, e);
        if (this.src.charCodeAt(e) === 40 && e + 1 === this.src.length) {
          // `$a.b(` ending the template: Velocity reads the property `$a.b`, and the '(' is text
          this.pos = e;
          parts.push({ kind: 'prop', name, span: { start: ps - 1, end: e } });
          break;
        }
        if (this.src.charCodeAt(e) === 40) {
          this.pos = e + 1;
          const args: Expr[] = [];
          const open = this.pos;
          this.pos = this.skipWsNl(this.pos);
          this.lex.push('refmod2');
          // `( )`: Velocity's lexer reads the space as the start of an argument, which ')' is not
          if (this.src.charCodeAt(this.pos) !== 41 || this.pos > open) {
            for (;;) {
              args.push(this.expression());
              if (this.src.charCodeAt(this.pos) === 44) {
                this.pos++;
                continue;
              }
              break;
            }
          }
          this.lex.pop();
          this.expect(41, ')');
          parts.push({ kind: 'method', name, args, span: { start: ps - 1, end: this.pos } });
        } else {
          this.pos = e;
          parts.push({ kind: 'prop', name, span: { start: ps - 1, end: e } });
        }
        this.indexes(parts);
        const afterPropIndex = parts[parts.length - 1]?.kind === 'index' && parts[parts.length - 2]?.kind === 'prop';
        if (afterPropIndex && _inDirective && isAlpha(this.src.charCodeAt(this.pos))) {
          // after '.prop[i]' the lexer is still in its property state and reads an identifier
          this.fail(`Encountered "${this.src.slice(this.pos, this.pos + 8).split(/\W/)[0]}"`, this.pos);
        }
        if (afterPropIndex && this.src.charCodeAt(this.pos) === 40) {
          // ... and a '(' there switches it to method arguments, which plain text cannot close
          const close = this.src.indexOf(')', this.pos);
          const nl = this.src.slice(this.pos).search(/[\r\n]/);
          const at = close >= 0 && (nl < 0 || close < this.pos + nl) ? close : this.pos;
          this.fail(`Encountered "${this.src[at]}" after ${this.src.slice(start, this.pos)}`, at);
        }
        continue;
      }
      break;
    }
    let alt: Expr | undefined;
    if (formal) {
      if (this.src.charCodeAt(this.pos) === 124 && this.src.charCodeAt(this.pos + 1) !== 124) {
        this.pos++;
        this.lex.push('alt');
        try {
          alt = this.expression();
        } finally {
          this.lex.pop();
        }
      }
      if (this.src.charCodeAt(this.pos) !== 125) {
        this.fail(
          `Encountered "${this.src[this.pos] ?? '<EOF>'}": reference \${${root}... is not closed by "}"`,
          this.pos,
        );
      }
      this.pos++;
    }
    return {
      kind: 'ref',
      root,
      quiet,
      formal,
      parts,
      alt,
      literal: this.src.slice(start, this.pos),
      backslashes: 0,
      span: { start, end: this.pos },
    };
  }

  /**
   * Right after a reference in text (this.pos just past `prev`), Velocity's lexer is still in a
   * reference state, where `{$` opens a formal reference (`$a{$b}`), and so does `{` after a
   * property (`$c.d{x}`). Its root is glued to that `$` or follows no `$` at all, so it names no
   * variable and prints as written; one that `}` does not close right after its reference is a
   * parse error (`$a{$b c}`), and so is an alternate value in it. A run of other '{' before it is
   * text, each read as a brace token in that state (`$a{{$b}}` prints as written). Returns the
   * nodes to add after `prev`: none, that reference (after the run's text), or the text '{$' when
   * no identifier follows.
   */
  braceAfter(prev: RefNode): Node[] {
    if (prev.formal) return [];
    const run = this.pos;
    let at = run;
    while (this.src.charCodeAt(at) === 123 && this.src.charCodeAt(at + 1) === 123) at++;
    // after a run, only '{$' itself
    if (this.src.charCodeAt(at) !== 123 || (at > run && this.src.charCodeAt(at + 1) !== 36)) return [];
    let j = at + 1;
    while (this.src.charCodeAt(j) === 92) j++;
    // '{$', or '{\$' (the backslashes glued onto the name as well)
    const dollar = this.src.charCodeAt(j) === 36;
    if (!dollar && (at > run || j > at + 1 || prev.parts[prev.parts.length - 1]?.kind !== 'prop')) return [];
    const nodes: Node[] = at > run ? [{ kind: 'text', value: this.src.slice(run, at), span: { start: run, end: at } }] : [];
    // inside the braces the lexer glues more '$', '$!' and '\$' onto the identifier, as in '${'
    if (!isAlpha(this.src.charCodeAt(dollar ? this.skipMorePrefix(at + 1) : at + 1))) {
      if (!dollar || j > at + 1) return [];
      // the '{$' is one token: that '$' starts nothing ('$a{$!b}' is text after the reference)
      this.pos = at + 2;
      nodes.push({ kind: 'text', value: '{$', span: { start: at, end: at + 2 } });
      return nodes;
    }
    // parsed as a formal reference whose '$' is the character before the '{'
    this.pos = at - 1;
    const ref = this.reference(false)!;
    if (ref.alt) {
      const pipe = this.src.indexOf('|', at);
      this.fail(`Encountered "${this.src[pipe + 1] ?? '<EOF>'}": no alternate value in {${ref.root}...}`, pipe + 1);
    }
    if (!dollar) ref.root = '{' + ref.root;
    ref.literal = this.src.slice(at, this.pos);
    ref.span = { start: at, end: this.pos };
    nodes.push(ref);
    return nodes;
  }

  indexes(parts: RefPart[]): void {
    while (this.src.charCodeAt(this.pos) === 91) {
      const s = this.pos;
      this.pos++;
      this.lex.push('refindex');
      const index = this.expression();
      this.lex.pop();
      this.expect(93, ']');
      parts.push({ kind: 'index', index, span: { start: s, end: this.pos } });
    }
  }

  // ---------------------------------------------------------------- expressions

  skipWsNl(i: number): number {
    for (;;) {
      const c = this.src.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else return i;
    }
  }

  expect(code: number, what: string): void {
    this.pos = this.skipWsNl(this.pos);
    if (this.src.charCodeAt(this.pos) !== code) {
      const got = this.pos >= this.src.length ? '<EOF>' : this.src[this.pos];
      this.fail(`Encountered "${got}": expected "${what}"`, this.pos);
    }
    this.pos++;
  }

  /** A word operator (`and`, `eq`, ...) at i, not followed by an identifier character. */
  wordAt(i: number, w: string): boolean {
    if (!this.src.startsWith(w, i)) return false;
    // In an index or an alternate value the lexer has no word token, so "truelt" reads as
    // "true" "lt"; in directives and method arguments a longer word wins.
    const top = this.lex[this.lex.length - 1];
    if (top === 'refindex' || top === 'alt') return true;
    return !isIdent(this.src.charCodeAt(i + w.length));
  }

  expression(): Expr {
    this.enter();
    try {
      return this.orExpr();
    } finally {
      this.depth--;
    }
  }

  orExpr(): Expr {
    let left = this.andExpr();
    for (;;) {
      const p = this.skipWsNl(this.pos);
      if (this.src.startsWith('||', p)) this.pos = p + 2;
      else if (this.wordAt(p, 'or')) this.pos = p + 2;
      else return left;
      const right = this.andExpr();
      left = bin('or', left, right);
    }
  }

  andExpr(): Expr {
    let left = this.eqExpr();
    for (;;) {
      const p = this.skipWsNl(this.pos);
      if (this.src.startsWith('&&', p)) this.pos = p + 2;
      else if (this.wordAt(p, 'and')) this.pos = p + 3;
      else return left;
      left = bin('and', left, this.eqExpr());
    }
  }

  eqExpr(): Expr {
    let left = this.relExpr();
    for (;;) {
      const p = this.skipWsNl(this.pos);
      let op: BinaryOp;
      if (this.src.startsWith('==', p)) (op = '=='), (this.pos = p + 2);
      else if (this.src.startsWith('!=', p)) (op = '!='), (this.pos = p + 2);
      else if (this.wordAt(p, 'eq')) (op = '=='), (this.pos = p + 2);
      else if (this.wordAt(p, 'ne')) (op = '!='), (this.pos = p + 2);
      else return left;
      left = bin(op, left, this.relExpr());
    }
  }

  relExpr(): Expr {
    let left = this.addExpr();
    for (;;) {
      const p = this.skipWsNl(this.pos);
      let op: BinaryOp;
      if (this.src.startsWith('<=', p)) (op = '<='), (this.pos = p + 2);
      else if (this.src.startsWith('>=', p)) (op = '>='), (this.pos = p + 2);
      else if (this.src.charCodeAt(p) === 60) (op = '<'), (this.pos = p + 1);
      else if (this.src.charCodeAt(p) === 62) (op = '>'), (this.pos = p + 1);
      else if (this.wordAt(p, 'le')) (op = '<='), (this.pos = p + 2);
      else if (this.wordAt(p, 'ge')) (op = '>='), (this.pos = p + 2);
      else if (this.wordAt(p, 'lt')) (op = '<'), (this.pos = p + 2);
      else if (this.wordAt(p, 'gt')) (op = '>'), (this.pos = p + 2);
      else return left;
      left = bin(op, left, this.addExpr());
    }
  }

  addExpr(): Expr {
    let left = this.mulExpr();
    for (;;) {
      const p = this.skipWsNl(this.pos);
      const c = this.src.charCodeAt(p);
      // "-1" directly after an operand is an integer literal in Velocity's lexer, not a minus
      if (c === 43) this.pos = p + 1;
      else if (c === 45 && !isDigit(this.src.charCodeAt(p + 1)) && this.src.charCodeAt(p + 1) !== 46) this.pos = p + 1;
      else return left;
      left = bin(c === 43 ? '+' : '-', left, this.mulExpr());
    }
  }

  mulExpr(): Expr {
    let left = this.unary();
    for (;;) {
      const p = this.skipWsNl(this.pos);
      const c = this.src.charCodeAt(p);
      if (c !== 42 && c !== 47 && c !== 37) return left;
      this.pos = p + 1;
      left = bin(c === 42 ? '*' : c === 47 ? '/' : '%', left, this.unary());
    }
  }

  unary(): Expr {
    const p = this.skipWsNl(this.pos);
    const c = this.src.charCodeAt(p);
    if ((c === 33 && this.src.charCodeAt(p + 1) !== 61) || this.wordAt(p, 'not')) {
      this.pos = p + (c === 33 ? 1 : 3);
      this.enter();
      const operand = this.unary();
      this.depth--;
      return { kind: 'not', operand, span: { start: p, end: operand.span.end } };
    }
    if (c === 45 && !isDigit(this.src.charCodeAt(p + 1)) && this.src.charCodeAt(p + 1) !== 46) {
      this.pos = p + 1;
      const operand = this.primary();
      return { kind: 'neg', operand, span: { start: p, end: operand.span.end } };
    }
    this.pos = p;
    return this.primary();
  }

  primary(): Expr {
    this.pos = this.skipWsNl(this.pos);
    const start = this.pos;
    const c = this.src.charCodeAt(start);
    let e: Expr;
    if (c === 34 || c === 39) e = this.stringLiteral();
    else if (c === 36) {
      const r = this.reference(true);
      if (!r) this.fail(`Encountered "${this.src.slice(start, start + 2)}": invalid reference`, start);
      e = { kind: 'ref', ref: r, span: r.span };
    } else if (isDigit(c) || c === 45 || c === 46) {
      const n = this.number();
      if (!n) this.fail(`Encountered "${this.src[start]}"`, start);
      e = n;
    } else if (c === 91) e = this.listOrRange();
    else if (c === 123) e = this.mapLiteral();
    else if (this.wordAt(start, 'true') || this.wordAt(start, 'false')) {
      const v = this.src.charCodeAt(start) === 116;
      this.pos = start + (v ? 4 : 5);
      e = { kind: 'bool', value: v, span: { start, end: this.pos } };
    } else if (c === 40) {
      // Velocity's lexer has no '(' token in an alternate value (${a|...})
      if (this.lex.length > 0) this.fail('Lexical error: "(" is only allowed in #if, #set and #elseif expressions', start);
      this.pos++;
      e = this.expression();
      this.expect(41, ')');
    } else if (this.lex[this.lex.length - 1] === 'refmod2' && isAlpha(c)) {
      // In method arguments the lexer reads a bare identifier as a reference token without its
      // '$': it names no variable, so it is null ($m.get(x) prints as written)
      let k = start + 1;
      while (isIdent(this.src.charCodeAt(k))) k++;
      if (this.src.charCodeAt(k) === 46) this.fail(`Encountered "${this.src[k]}"`, k);
      this.pos = k;
      e = { kind: 'word', value: this.src.slice(start, k), span: { start, end: k } };
    } else {
      const got = start >= this.src.length ? '<EOF>' : this.src[start];
      this.fail(`Encountered "${got}": expected an expression`, start);
    }
    this.pos = this.skipWsNl(this.pos);
    return e;
  }

  number(): Expr | undefined {
    const start = this.pos;
    let i = start;
    if (this.src.charCodeAt(i) === 45) i++;
    const ds = i;
    while (isDigit(this.src.charCodeAt(i))) i++;
    const intDigits = i - ds;
    let isFloat = false;
    if (this.src.charCodeAt(i) === 46 && this.src.charCodeAt(i + 1) !== 46) {
      // a fraction (but not a range '..')
      if (intDigits === 0 && !isDigit(this.src.charCodeAt(i + 1))) return undefined;
      isFloat = true;
      i++;
      while (isDigit(this.src.charCodeAt(i))) i++;
    } else if (intDigits === 0) return undefined;
    if ((this.src.charCodeAt(i) === 101 || this.src.charCodeAt(i) === 69) && intDigits + (isFloat ? 1 : 0) > 0) {
      let j = i + 1;
      if (this.src.charCodeAt(j) === 43 || this.src.charCodeAt(j) === 45) j++;
      if (isDigit(this.src.charCodeAt(j))) {
        while (isDigit(this.src.charCodeAt(j))) j++;
        i = j;
        isFloat = true;
      }
    }
    const text = this.src.slice(start, i);
    this.pos = i;
    if (isFloat) return { kind: 'float', text, span: { start, end: i } };
    const big = BigInt(text);
    const value = big >= -2147483648n && big <= 2147483647n ? Number(big) : big;
    return { kind: 'int', value, text, span: { start, end: i } };
  }

  stringLiteral(): Expr {
    const start = this.pos;
    const q = this.src.charCodeAt(start);
    let i = start + 1;
    for (;;) {
      if (i >= this.src.length) this.failAtEof('Lexical error: unterminated string literal');
      const c = this.src.charCodeAt(i);
      if (c === q) {
        if (this.src.charCodeAt(i + 1) === q) {
          i += 2;
          continue;
        }
        break;
      }
      i++;
    }
    const raw = this.src.slice(start + 1, i);
    this.pos = i + 1;
    let value = raw;
    if (q === 34) value = unescapeUnicode(value);
    const dq = q === 34 ? '""' : "''";
    if (value.includes(dq)) value = value.split(dq).join(q === 34 ? '"' : "'");
    let interp: Node[] | undefined;
    if (q === 34 && (raw.includes('$') || raw.includes('#'))) {
      // interpolated at render time: parsed as a template of its own
      try {
        const ast = this.parseNested(value);
        // positions inside the literal become positions in the template (exact unless the
        // literal holds doubled quotes or \u escapes before the point)
        shiftSpans(ast.nodes, start + 1, new Set());
        interp = ast.nodes;
        for (const [k, m] of ast.macros) {
          this.macros.set(k, m);
          this.macroNames.add(k);
        }
      } catch (e) {
        if (e instanceof ParseError) this.fail(`Failed to parse string literal: ${e.reason}`, start);
        throw e;
      }
    }
    return { kind: 'str', value, interp, span: { start, end: this.pos } };
  }

  listOrRange(): Expr {
    const start = this.pos;
    this.pos++;
    this.pos = this.skipWsNl(this.pos);
    if (this.src.charCodeAt(this.pos) === 93) {
      this.pos++;
      return { kind: 'list', items: [], span: { start, end: this.pos } };
    }
    // range: [ (ref | int) .. (ref | int) ]
    const save = this.pos;
    const c = this.src.charCodeAt(this.pos);
    if (c === 36 || isDigit(c) || c === 45) {
      let from: Expr | undefined;
      if (c === 36) from = this.tryRef();
      else {
        const n = this.number();
        from = n && n.kind === 'int' ? n : undefined;
      }
      if (from) {
        const p = this.skipWsNl(this.pos);
        if (this.src.startsWith('..', p)) {
          this.pos = this.skipWsNl(p + 2);
          let to: Expr | undefined;
          if (this.src.charCodeAt(this.pos) === 36) to = this.tryRef();
          else {
            const n = this.number();
            to = n && n.kind === 'int' ? n : undefined;
          }
          if (!to) this.fail(`Encountered "${this.src[this.pos] ?? '<EOF>'}" in range`, this.pos);
          this.expect(93, ']');
          return { kind: 'range', from, to, span: { start, end: this.pos } };
        }
      }
      this.pos = save;
    }
    const items: Expr[] = [];
    for (;;) {
      items.push(this.parameter());
      this.pos = this.skipWsNl(this.pos);
      if (this.src.charCodeAt(this.pos) === 44) {
        this.pos++;
        continue;
      }
      break;
    }
    this.expect(93, ']');
    return { kind: 'list', items, span: { start, end: this.pos } };
  }

  /** Parameter: a literal, list, map, range or reference (no operators), as in list/map literals. */
  parameter(): Expr {
    const p = this.skipWsNl(this.pos);
    const c = this.src.charCodeAt(p);
    if (c === 40 || c === 33 || this.wordAt(p, 'not')) {
      this.fail(`Encountered "${this.src[p]}": expected a value`, p);
    }
    return this.primary();
  }

  tryRef(): Expr | undefined {
    const r = this.reference(true);
    return r ? { kind: 'ref', ref: r, span: r.span } : undefined;
  }

  mapLiteral(): Expr {
    const start = this.pos;
    this.pos++;
    const entries: [Expr, Expr][] = [];
    this.pos = this.skipWsNl(this.pos);
    if (this.src.charCodeAt(this.pos) !== 125) {
      for (;;) {
        const k = this.parameter();
        this.expect(58, ':');
        const v = this.parameter();
        entries.push([k, v]);
        this.pos = this.skipWsNl(this.pos);
        if (this.src.charCodeAt(this.pos) === 44) {
          this.pos++;
          continue;
        }
        break;
      }
    }
    this.expect(125, '}');
    return { kind: 'map', entries, span: { start, end: this.pos } };
  }
}

function shiftSpans(v: unknown, by: number, seen: Set<object>): void {
  if (typeof v !== 'object' || v === null || seen.has(v)) return;
  seen.add(v);
  if (Array.isArray(v)) {
    for (const x of v) shiftSpans(x, by, seen);
    return;
  }
  for (const [k, x] of Object.entries(v)) {
    if (k === 'span' && typeof x === 'object' && x !== null && !seen.has(x)) {
      seen.add(x);
      (x as Span).start += by;
      (x as Span).end += by;
    } else shiftSpans(x, by, seen);
  }
}

function bin(op: BinaryOp, left: Expr, right: Expr): Expr {
  return { kind: 'binary', op, left, right, span: { start: left.span.start, end: right.span.end } };
}

/** Velocity replaces \uXXXX escapes in double-quoted string literals (and nothing else). */
function unescapeUnicode(s: string): string {
  if (!s.includes('\\u')) return s;
  return s.replace(/\\u([0-9a-fA-F]{4})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}
