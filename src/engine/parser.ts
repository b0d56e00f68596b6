/**
 * The template parser: a hand-written, linear scanner/recursive-descent parser that follows the
 * structure of Velocity 2.4.1's grammar (Parser.jjt) and its "lines" space gobbling.
 *
 * The `afterNewline` flag is threaded through statements exactly as Velocity threads it: it says
 * whether the current position starts a line as far as gobbling is concerned. Whitespace before a
 * directive at the start of a line, and the whitespace + newline after it, are dropped.
 */
import type {
  BinaryOp,
  Expr,
  MacroDefNode,
  MacroParam,
  Node,
  RefNode,
  RefPart,
  Span,
  TemplateAst,
} from './ast.js';
import { ParseError, positionAt } from '../errors.js';

const KNOWN_DIRECTIVES = new Set([
  'foreach',
  'include',
  'parse',
  'macro',
  'evaluate',
  'break',
  'define',
  'stop',
]);
const BLOCK_DIRECTIVES = new Set(['foreach', 'macro', 'define']);

/** Deepest nesting of blocks and expressions a template may have. */
const MAX_NESTING = 256;

type Terminator = 'end' | 'else' | 'elseif';

interface StatementsResult {
  nodes: Node[];
  afterNewline: boolean;
}

const isAlpha = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95; // a-z A-Z _
const isIdent = (c: number) => isAlpha(c) || (c >= 48 && c <= 57);
const isDigit = (c: number) => c >= 48 && c <= 57;
const isWordStart = (c: number) => isAlpha(c) || c === 64; // WORD may start with @

export interface ParseOptions {
  name?: string | undefined;
  /** Macro names known before parsing (for #evaluate of text inside a template). */
  knownMacros?: Set<string> | undefined;
}

export function parse(src: string, options: ParseOptions = {}): TemplateAst {
  return new Parser(src, options).parseTemplate();
}

class Parser {
  pos = 0;
  depth = 0;
  /**
   * Inside method arguments, an index or an alternate value: Velocity's lexer has a '(' token
   * only in directive expressions, so a parenthesis there is a lexical error.
   */
  lex: ('refmod2' | 'refindex' | 'alt')[] = [];
  readonly macros = new Map<string, MacroDefNode>();
  readonly macroNames: Set<string>;
  constructor(
    readonly src: string,
    readonly options: ParseOptions,
  ) {
    this.macroNames = new Set(options.knownMacros ?? []);
  }

  parseTemplate(): TemplateAst {
    const { nodes } = this.statements(true, new Set());
    if (this.pos < this.src.length) {
      const kw = this.terminatorAt(this.pos);
      this.fail(`Encountered "#${kw ?? this.src[this.pos]}"`, this.pos);
    }
    return { nodes, macros: this.macros };
  }

  // ---------------------------------------------------------------- errors

  fail(message: string, at: number): never {
    const { line, column } = positionAt(this.src, at);
    throw new ParseError(message, {
      file: this.options.name,
      line,
      column,
      source: this.src,
    });
  }

  /** Lexical errors at the end of input: Velocity reports them one column past the end. */
  failAtEof(message: string): never {
    const { line, column } = positionAt(this.src, this.src.length);
    throw new ParseError(message, {
      file: this.options.name,
      line,
      column: column + 1,
      source: this.src,
    });
  }

  code(i: number): number {
    return this.src.charCodeAt(i);
  }

  // ---------------------------------------------------------------- statements

  /** `#end`, `#{end}`, `#else`, `#{else}`, `#elseif`, `#{elseif}` at `i`, as Velocity's lexer sees them. */
  terminatorAt(i: number): Terminator | undefined {
    if (this.code(i) !== 35) return undefined;
    const w = this.directiveWordAt(i);
    if (!w) return undefined;
    if (w.name === 'end' || w.name === 'else' || w.name === 'elseif') return w.name;
    return undefined;
  }

  /** The directive word after `#` at i: plain WORD or `{WORD}`. */
  directiveWordAt(i: number): { name: string; braced: boolean; end: number } | undefined {
    let j = i + 1;
    const braced = this.code(j) === 123;
    if (braced) j++;
    if (!isWordStart(this.code(j))) return undefined;
    let k = j + 1;
    while (isIdent(this.code(k))) k++;
    const name = this.src.slice(j, k);
    if (braced) {
      if (this.code(k) !== 125) return undefined;
      return { name, braced, end: k + 1 };
    }
    return { name, braced, end: k };
  }

  wsEnd(i: number): number {
    while (this.code(i) === 32 || this.code(i) === 9) i++;
    return i;
  }

  /** End of `[ \t]* newline` at i, or -1. */
  gobbleEnd(i: number): number {
    const j = this.wsEnd(i);
    const c = this.code(j);
    if (c === 10) return j + 1;
    if (c === 13) return this.code(j + 1) === 10 ? j + 2 : j + 1;
    return -1;
  }

  statements(afterNewline: boolean, stops: Set<Terminator>): StatementsResult {
    this.enter();
    try {
      return this.statementsInner(afterNewline, stops);
    } finally {
      this.depth--;
    }
  }

  /** Bounds nesting so that no template can exhaust the stack (a ParseError instead). */
  enter(): void {
    if (++this.depth > MAX_NESTING) {
      this.depth = 0;
      this.fail(`nesting deeper than ${MAX_NESTING} levels`, this.pos);
    }
  }

  statementsInner(afterNewline: boolean, stops: Set<Terminator>): StatementsResult {
    const nodes: Node[] = [];
    /** How many lone '$'/'#' chars (pending MORE prefixes in Velocity's lexer) end `text`. */
    let more = 0;
    const src = this.src;
    const n = src.length;
    let text = '';
    let textStart = this.pos;
    const flush = () => {
      if (text) nodes.push({ kind: 'text', value: text, span: { start: textStart, end: this.pos } });
      text = '';
    };
    while (this.pos < n) {
      const start = this.pos;
      const c = this.code(start);
      const pendingMore = more;
      more = 0;
      // Terminators, possibly after indentation at the start of a line.
      if (c === 35 || (afterNewline && (c === 32 || c === 9))) {
        const at = c === 35 ? start : this.wsEnd(start);
        const kw = this.terminatorAt(at);
        if (kw && stops.has(kw)) {
          // lone '$'/'#' before the indentation of #end/#else went into its dropped whitespace
          if (c !== 35 && pendingMore > 0) text = text.slice(0, text.length - pendingMore);
          flush();
          return { nodes, afterNewline };
        }
        if (kw && c === 35) {
          // an #end/#else/#elseif where none is expected
          this.fail(`Encountered "#${kw}"`, start);
        }
      }
      let textblockPrefix: string | undefined;
      if (c === 35 && pendingMore > 0) {
        if (this.code(start + 1) === 42) {
          // lone '$'/'#' glued to a block comment become part of the comment token: lost
          text = text.slice(0, text.length - pendingMore);
        } else if (this.src.startsWith('[[', start + 1)) {
          textblockPrefix = text.slice(text.length - pendingMore);
          text = text.slice(0, text.length - pendingMore);
        }
      }
      if (c === 35 /* # */) {
        const r = this.hash(afterNewline, nodes, flush);
        if (r !== undefined && textblockPrefix !== undefined) {
          // Velocity cuts 3 chars off each end of the token image, which starts with the prefix
          const last = nodes[nodes.length - 1] as { value: string };
          last.value = (textblockPrefix + '#[[' + last.value).slice(3);
        }
        if (r !== undefined) {
          afterNewline = r;
          textStart = this.pos;
          continue;
        }
        // plain '#'
        if (!text) textStart = start;
        // '#' followed by [ \t]* newline is a SUFFIX token: text that ends a line
        const g = this.gobbleEnd(start + 1);
        if (g >= 0) {
          text += src.slice(start, g);
          this.pos = g;
          afterNewline = true;
        } else {
          text += '#';
          this.pos++;
          // a lone '#' becomes a special token: the line start state carries over to a
          // following indentation
          afterNewline = afterNewline && this.isBlank(this.pos);
          more = pendingMore + 1;
          continue;
        }
        continue;
      }
      if (c === 92 && pendingMore > 0 && this.losesMorePrefix(start)) {
        // lone '$'/'#' chars right before '\\' or '\#directive' are lost in Velocity's lexer
        text = text.slice(0, text.length - pendingMore);
      }
      if (c === 92 && pendingMore > 0 && this.backslashesBeforeReference(start)) {
        // after lone '$'/'#' the lexer keeps collecting: '$!\$a' is the reference $a with the
        // text '$!\' glued before it, so the backslashes escape nothing
        let j = start;
        while (this.code(j) === 92) j++;
        text += src.slice(start, j);
        flush();
        this.pos = j;
        const ref = this.reference(false)!;
        nodes.push(ref);
        textStart = this.pos;
        afterNewline = false;
        continue;
      }
      if (c === 36 /* $ */ || c === 92 /* \ */) {
        const r = this.dollarOrEscape(nodes, flush);
        if (r) {
          afterNewline = false;
          textStart = this.pos;
          continue;
        }
        if (!text) textStart = start;
        if (c === 36 && this.code(start + 1) === 33) {
          // '$!' that starts no reference; the lexer drops the '!' before a terminator char
          const drop = this.bangDropped(start + 2);
          text += drop ? '$' : '$!';
          more = pendingMore + (drop ? 1 : 2);
          this.pos += 2;
        } else {
          text += src[start];
          more = c === 36 ? pendingMore + 1 : 0;
          this.pos++;
        }
        afterNewline = c === 36 && afterNewline && this.isBlank(this.pos);
        continue;
      }
      if (afterNewline && (c === 32 || c === 9)) {
        // indentation before a directive is dropped
        const at = this.wsEnd(start);
        if (this.code(at) === 35 && this.startsDirective(at)) {
          // lone '$'/'#' before the indentation went into a special token of the directive: lost
          if (pendingMore > 0) text = text.slice(0, text.length - pendingMore);
          flush();
          const r = this.hash(true, nodes, flush, start);
          if (r !== undefined) {
            afterNewline = r;
            textStart = this.pos;
            continue;
          }
          this.pos = start;
        }
      }
      // plain text up to the next special character or line end
      if (!text) textStart = start;
      let j = start;
      while (j < n) {
        const d = this.code(j);
        if (d === 36 || d === 35 || d === 92 || d === 10 || d === 13) break;
        j++;
      }
      if (j === start) {
        // a newline
        const e = c === 13 && this.code(j + 1) === 10 ? j + 2 : j + 1;
        text += src.slice(start, e);
        this.pos = e;
        afterNewline = true;
      } else {
        text += src.slice(start, j);
        this.pos = j;
        afterNewline = false;
      }
    }
    flush();
    return { nodes, afterNewline };
  }

  backslashesBeforeReference(i: number): boolean {
    let j = i;
    while (this.code(j) === 92) j++;
    return this.code(j) === 36 && this.looksLikeReference(j);
  }

  isBlank(i: number): boolean {
    const c = this.code(i);
    return c === 32 || c === 9;
  }

  /** Backslashes at i that form '\\' or an escaped directive (they swallow a MORE prefix). */
  losesMorePrefix(i: number): boolean {
    let j = i;
    while (this.code(j) === 92) j++;
    const slashes = j - i;
    if (this.code(j) === 36) return false;
    if (slashes >= 2) return true;
    return this.code(j) === 35 && this.directiveWordAt(j) !== undefined;
  }

  /**
   * After a '$!' that starts no reference, Velocity's lexer ends the reference attempt with a
   * terminator token that loses the '!' ("$! x" prints "$ x"). It keeps it when '{', '$', '#',
   * the end of input, or a line end (optionally after spaces) follows.
   */
  bangDropped(i: number): boolean {
    if (i >= this.src.length) return false;
    const c = this.code(i);
    // tokens Velocity's lexer still matches after '$!': { } [ $ # and \...$
    if (c === 123 || c === 125 || c === 91 || c === 36 || c === 35) return false;
    if (c === 92) {
      let j = i;
      while (this.code(j) === 92) j++;
      if (this.code(j) === 36) return false;
    }
    return this.gobbleEnd(i) < 0;
  }

  /** Whether a '#' at i starts #if, #set(...) or a directive word (what may take indentation). */
  startsDirective(i: number): boolean {
    const w = this.directiveWordAt(i);
    if (!w) return false;
    if (w.name === 'end' || w.name === 'else' || w.name === 'elseif') return false;
    if (w.name === 'set') return this.code(this.wsEnd(w.end)) === 40;
    return true;
  }

  /**
   * Handles a '#' at this.pos (or indentation at `prefixStart` followed by '#'). Returns the new
   * afterNewline, or undefined when the '#' is plain text.
   */
  hash(
    afterNewline: boolean,
    nodes: Node[],
    flush: () => void,
    prefixStart?: number,
  ): boolean | undefined {
    const start = prefixStart ?? this.pos;
    const at = prefixStart === undefined ? this.pos : this.wsEnd(prefixStart);
    const next = this.code(at + 1);
    if (prefixStart === undefined) {
      if (next === 35 /* ## */) {
        flush();
        let j = at + 2;
        while (j < this.src.length && this.code(j) !== 10 && this.code(j) !== 13) j++;
        if (j < this.src.length) j += this.code(j) === 13 && this.code(j + 1) === 10 ? 2 : 1;
        this.pos = j;
        return true;
      }
      if (next === 42 /* #* */) {
        flush();
        const e = this.src.indexOf('*#', at + 2);
        // an unclosed block comment silently runs to the end of the template
        this.pos = e < 0 ? this.src.length : e + 2;
        return false;
      }
      if (next === 91 && this.code(at + 2) === 91 /* #[[ */) {
        flush();
        const e = this.src.indexOf(']]#', at + 3);
        if (e < 0) this.failAtEof('Lexical error: unterminated #[[ ]]# block');
        nodes.push({
          kind: 'text',
          value: this.src.slice(at + 3, e),
          span: { start: at, end: e + 3 },
        });
        this.pos = e + 3;
        return false;
      }
    }
    const w = this.directiveWordAt(at);
    if (!w) return undefined;
    if (w.name === 'if') {
      flush();
      return this.ifStatement(afterNewline, start, at, w.end, nodes);
    }
    if (w.name === 'set') {
      const p = this.wsEnd(w.end);
      if (this.code(p) !== 40) {
        if (prefixStart !== undefined) return undefined;
        // '#set' without '(' is an unknown directive
      } else {
        flush();
        return this.setDirective(afterNewline, start, p + 1, nodes);
      }
    }
    if (w.name === 'end' || w.name === 'else' || w.name === 'elseif') return undefined;
    flush();
    return this.directive(afterNewline, start, at, w.name, w.end, nodes);
  }

  // ---------------------------------------------------------------- #if

  ifStatement(
    afterNewline: boolean,
    start: number,
    at: number,
    wordEnd: number,
    nodes: Node[],
  ): boolean {
    const newlineAtStart = afterNewline;
    const branches: { cond: Expr; body: Node[]; span: Span }[] = [];
    let p = this.skipWsNl(wordEnd);
    if (this.code(p) !== 40) this.fail('Encountered "' + (this.src[p] ?? '<EOF>') + '" after #if: expected "("', p);
    this.pos = p + 1;
    let cond = this.expression();
    this.expect(41, ')');
    let branchStart = at;
    const stops = new Set<Terminator>(['end', 'else', 'elseif']);
    let elseBody: Node[] | undefined;
    let elseSpan: Span | undefined;
    for (;;) {
      let a = afterNewline;
      const g = this.gobbleEnd(this.pos);
      if (g >= 0) {
        this.pos = g;
        a = true;
      }
      const body = this.statements(a, stops);
      afterNewline = body.afterNewline;
      branches.push({ cond, body: body.nodes, span: { start: branchStart, end: this.pos } });
      // block postfix: indentation before #else/#elseif/#end is dropped
      if (afterNewline) this.pos = this.wsEnd(this.pos);
      const kwAt = this.pos;
      const kw = this.terminatorAt(kwAt);
      if (kw === 'elseif') {
        const w = this.directiveWordAt(kwAt)!;
        p = this.skipWsNl(w.end);
        if (this.code(p) !== 40) this.fail('Encountered "' + (this.src[p] ?? '<EOF>') + '" after #elseif: expected "("', p);
        this.pos = p + 1;
        cond = this.expression();
        this.expect(41, ')');
        branchStart = kwAt;
        continue;
      }
      if (kw === 'else') {
        const w = this.directiveWordAt(kwAt)!;
        this.pos = w.end;
        let a2 = afterNewline;
        const g2 = this.gobbleEnd(this.pos);
        if (g2 >= 0) {
          this.pos = g2;
          a2 = true;
        }
        const eb = this.statements(a2, new Set(['end']));
        afterNewline = eb.afterNewline;
        elseBody = eb.nodes;
        elseSpan = { start: kwAt, end: this.pos };
        if (afterNewline) this.pos = this.wsEnd(this.pos);
        if (this.terminatorAt(this.pos) !== 'end') {
          const k2 = this.terminatorAt(this.pos);
          if (k2) this.fail(`Encountered "#${k2}"`, this.pos);
          this.fail('Encountered "<EOF>": #if is not closed by #end', this.pos);
        }
      }
      if (this.terminatorAt(this.pos) !== 'end') {
        this.fail('Encountered "<EOF>": #if is not closed by #end', Math.min(this.pos, this.src.length));
      }
      this.pos = this.directiveWordAt(this.pos)!.end;
      break;
    }
    afterNewline = false;
    if (newlineAtStart) {
      const g = this.gobbleEnd(this.pos);
      if (g >= 0) {
        this.pos = g;
        afterNewline = true;
      }
    }
    nodes.push({ kind: 'if', branches, elseBody, elseSpan, span: { start: at, end: this.pos } });
    return afterNewline;
  }

  // ---------------------------------------------------------------- #set

  setDirective(afterNewline: boolean, start: number, p: number, nodes: Node[]): boolean {
    this.pos = this.skipWsNl(p);
    if (this.code(this.pos) !== 36) this.fail('Encountered "' + (this.src[this.pos] ?? '<EOF>') + '" in #set: expected a reference', this.pos);
    const target = this.reference(true);
    if (!target) this.fail('Invalid reference in #set', this.pos);
    this.pos = this.skipWsNl(this.pos);
    if (this.code(this.pos) !== 61 || this.code(this.pos + 1) === 61) {
      this.fail('Encountered "' + (this.src[this.pos] ?? '<EOF>') + '" in #set: expected "="', this.pos);
    }
    this.pos++;
    const value = this.expression();
    this.expect(41, ')');
    let endsWithNewline = false;
    if (afterNewline) {
      const g = this.gobbleEnd(this.pos);
      if (g >= 0) {
        this.pos = g;
        endsWithNewline = true;
      }
    }
    nodes.push({ kind: 'set', target, value, span: { start: this.wsEnd(start), end: this.pos } });
    return endsWithNewline;
  }

  // ---------------------------------------------------------------- other directives

  directive(
    afterNewline: boolean,
    start: number,
    at: number,
    name: string,
    wordEnd: number,
    nodes: Node[],
  ): boolean {
    const newlineAtStart = afterNewline;
    const known = KNOWN_DIRECTIVES.has(name);
    const isBlock = known ? BLOCK_DIRECTIVES.has(name) : name.startsWith('@');
    const isMacro = name === 'macro';
    const isVM = !known && this.macroNames.has(name);
    this.pos = wordEnd;
    const args: { expr: Expr; kind: string; assign?: Expr }[] = [];
    let hasParens = false;
    const p = this.skipWsNl(wordEnd);
    if (this.code(p) === 40) {
      hasParens = true;
      this.pos = p + 1;
      for (;;) {
        this.pos = this.skipWsNl(this.pos);
        if (this.code(this.pos) === 41) {
          this.pos++;
          break;
        }
        if (this.code(this.pos) === 44 && args.length > 0) {
          this.pos = this.skipWsNl(this.pos + 1);
        }
        if (this.code(this.pos) === 35 && this.code(this.pos + 1) === 35) {
          if (!isMacro) this.fail(`A Line comment is not allowed in #${name} arguments`, this.pos);
          while (this.pos < this.src.length && this.code(this.pos) !== 10 && this.code(this.pos) !== 13) this.pos++;
          continue;
        }
        if (this.pos >= this.src.length) this.fail(`Encountered "<EOF>" in #${name} arguments`, this.pos);
        const arg = this.directiveArg();
        if (!arg) this.fail(`Encountered "${this.src[this.pos]}" in #${name} arguments`, this.pos);
        if (isMacro && arg.kind === 'ref' && args.length > 0) {
          const q = this.skipWsNl(this.pos);
          if (this.code(q) === 61 && this.code(q + 1) !== 61) {
            this.pos = q + 1;
            const dv = this.directiveArgAfterWs();
            if (!dv) this.fail(`Encountered "${this.src[this.pos]}" in #macro default value`, this.pos);
            args.push({ expr: arg.expr, kind: 'ref', assign: dv.expr });
            continue;
          }
        }
        if (!known && arg.kind === 'word' && isVM) {
          this.fail(`Invalid argument ${args.length + 1} in macro call #${name}`, at);
        }
        args.push(arg);
      }
    }
    let afterNl = false;
    const canGobble = isBlock || newlineAtStart;
    if (canGobble) {
      const g = this.gobbleEnd(this.pos);
      if (g >= 0) {
        this.pos = g;
        afterNl = true;
      }
    }
    const headEnd = this.pos;
    this.checkArgs(name, args, at, hasParens);
    if (!isBlock) {
      nodes.push(this.lineDirective(name, args, start, at, headEnd, afterNl));
      return afterNl;
    }
    const stops = new Set<Terminator>(name === 'foreach' ? ['end', 'else'] : ['end']);
    const body = this.statements(afterNl, stops);
    let a = body.afterNewline;
    if (a) this.pos = this.wsEnd(this.pos);
    let elseBody: Node[] | undefined;
    if (name === 'foreach' && this.terminatorAt(this.pos) === 'else') {
      this.pos = this.directiveWordAt(this.pos)!.end;
      const g = this.gobbleEnd(this.pos);
      if (g >= 0) {
        this.pos = g;
        a = true;
      }
      const eb = this.statements(a, new Set(['end']));
      elseBody = eb.nodes;
      a = eb.afterNewline;
      if (a) this.pos = this.wsEnd(this.pos);
    }
    if (this.terminatorAt(this.pos) !== 'end') {
      const k = this.terminatorAt(this.pos);
      if (k) this.fail(`Encountered "#${k}"`, this.pos);
      this.fail(`Encountered "<EOF>": #${name} is not closed by #end`, Math.min(this.pos, this.src.length));
    }
    this.pos = this.directiveWordAt(this.pos)!.end;
    a = false;
    if (newlineAtStart) {
      const g = this.gobbleEnd(this.pos);
      if (g >= 0) {
        this.pos = g;
        a = true;
      }
    }
    const span = { start: at, end: this.pos };
    if (name === 'foreach') {
      const v = args[0]!.expr;
      nodes.push({
        kind: 'foreach',
        varName: v.kind === 'ref' ? v.ref.root : '',
        iterable: args[2]!.expr,
        body: body.nodes,
        elseBody,
        span,
      });
    } else if (name === 'macro') {
      const mname = (args[0]!.expr as { value: string }).value;
      const params: MacroParam[] = args.slice(1).map((x) => ({
        name: x.expr.kind === 'ref' ? x.expr.ref.root : '',
        default: x.assign,
      }));
      const def: MacroDefNode = { kind: 'macrodef', name: mname, params, body: body.nodes, span };
      // the first inline definition of a name wins (Velocity does not let a later one replace it)
      if (!this.macros.has(mname)) this.macros.set(mname, def);
      this.macroNames.add(mname);
      nodes.push(def);
    } else if (name === 'define') {
      const v = args[0]!.expr;
      if (v.kind !== 'ref') this.fail('#define requires a reference argument', at);
      nodes.push({ kind: 'define', target: v.ref, body: body.nodes, span });
    } else {
      // #@name(...) body #end: a block macro call
      nodes.push({
        kind: 'macrocall',
        name: name.slice(1),
        args: args.map((x) => x.expr),
        body: body.nodes,
        // with no such macro Velocity prints the whole call as written, body and #end included
        literal: this.src.slice(start, this.pos),
        span,
      });
    }
    return a;
  }

  lineDirective(
    name: string,
    args: { expr: Expr; kind: string }[],
    start: number,
    at: number,
    headEnd: number,
    afterNl: boolean,
  ): Node {
    const span = { start: at, end: headEnd };
    if (name === 'break') return { kind: 'break', scope: args[0]?.expr, span };
    if (name === 'stop') return { kind: 'stop', span };
    if (name === 'evaluate') return { kind: 'evaluate', arg: args[0]!.expr, span };
    if (name === 'include' || name === 'parse') {
      return { kind: 'literal', value: '', span };
    }
    // A macro call (resolved when rendering); when no macro exists it prints its own tokens as
    // written: the indentation and the line end it took are part of them.
    void afterNl;
    const end = headEnd;
    return {
      kind: 'macrocall',
      name,
      args: args.map((x) => x.expr),
      body: undefined,
      literal: this.src.slice(start, end),
      span,
    };
  }

  /** headEnd minus the gobbled `[ \t]* newline`. */
  trimGobbled(from: number, headEnd: number): number {
    let e = headEnd;
    if (this.code(e - 1) === 10) e--;
    if (this.code(e - 1) === 13) e--;
    while (e > from && (this.code(e - 1) === 32 || this.code(e - 1) === 9)) e--;
    return e;
  }

  checkArgs(
    name: string,
    args: { expr: Expr; kind: string }[],
    at: number,
    hasParens: boolean,
  ): void {
    const kinds = args.map((a) => a.kind);
    switch (name) {
      case 'foreach':
        if (args.length !== 3) this.fail('#foreach: wrong number of arguments', at);
        if (kinds[0] !== 'ref') this.fail('#foreach: argument 1 must be a reference', at);
        if (kinds[1] !== 'word' || (args[1]!.expr as { value: string }).value !== 'in') {
          this.fail('#foreach: expected keyword "in"', at);
        }
        if (kinds[2] === 'word') this.fail('#foreach: argument 3 must not be a word', at);
        break;
      case 'macro':
        if (args.length === 0 || kinds[0] !== 'word') this.fail('#macro: missing macro name', at);
        for (let i = 1; i < args.length; i++) {
          if (kinds[i] !== 'ref') this.fail(`#macro: argument ${i + 1} must be a reference`, at);
        }
        break;
      case 'define':
        if (args.length !== 1 || kinds[0] !== 'ref') this.fail('#define: requires exactly one reference argument', at);
        break;
      case 'evaluate':
        if (args.length !== 1) this.fail('#evaluate: requires exactly one argument', at);
        if (kinds[0] !== 'str' && kinds[0] !== 'ref') {
          this.fail('#evaluate: the argument must be a string literal or a reference', at);
        }
        break;
      case 'break':
        if (args.length > 1) this.fail('#break: takes only a single, optional scope argument', at);
        break;
      default:
        void hasParens;
    }
  }

  // ---------------------------------------------------------------- directive arguments

  directiveArgAfterWs(): { expr: Expr; kind: string } | undefined {
    this.pos = this.skipWsNl(this.pos);
    return this.directiveArg();
  }

  /** DirectiveArg: reference, word, string, integer, range, float, map, list, true, false. */
  directiveArg(): { expr: Expr; kind: string } | undefined {
    const c = this.code(this.pos);
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
      while (isIdent(this.code(k))) k++;
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

  /**
   * `$` / `\$` / `$!` / `${` / `$!{` at this.pos (after any backslashes). Pushes a ref node or
   * text; returns false when this is not VTL at all.
   */
  dollarOrEscape(nodes: Node[], flush: () => void): boolean {
    const start = this.pos;
    let i = start;
    while (this.code(i) === 92) i++;
    const slashes = i - start;
    if (this.code(i) === 36) {
      // a reference?
      const save = this.pos;
      this.pos = i;
      if (this.looksLikeReference(i)) {
        flush();
        const ref = this.reference(false);
        if (ref) {
          ref.backslashes = slashes;
          ref.span.start = start;
          nodes.push(ref);
          return true;
        }
      }
      this.pos = save;
      return false;
    }
    if (slashes === 0) return false;
    if (this.code(i) === 35) {
      const w = this.directiveWordAt(i);
      if (w) {
        flush();
        // an escaped directive: odd number of backslashes escapes it
        const name = w.name;
        const recognized =
          KNOWN_DIRECTIVES.has(name) ||
          this.macroNames.has(name) ||
          name === 'if' ||
          name === 'end' ||
          name === 'set' ||
          name === 'else' ||
          name === 'elseif';
        if (slashes % 2 === 1) {
          const value = recognized
            ? '\\'.repeat((slashes - 1) / 2) + this.src.slice(i, w.end)
            : this.src.slice(start, w.end);
          nodes.push({ kind: 'text', value, span: { start, end: w.end } });
          this.pos = w.end;
          return true;
        }
        // even: pairs of backslashes, then a real directive. Velocity halves them only before
        // #if/#else/#elseif/#end or a directive/macro name written without braces.
        const control =
          name === 'if' ||
          name === 'else' ||
          name === 'elseif' ||
          name === 'end' ||
          (!w.braced && (KNOWN_DIRECTIVES.has(name) || this.macroNames.has(name)));
        nodes.push({
          kind: 'text',
          value: control ? '\\'.repeat(slashes / 2) : '\\'.repeat(slashes),
          span: { start, end: i },
        });
        this.pos = i;
        return true;
      }
    }
    // backslashes before anything else are text
    flush();
    nodes.push({ kind: 'text', value: this.src.slice(start, i), span: { start, end: i } });
    this.pos = i;
    return true;
  }

  looksLikeReference(i: number): boolean {
    let j = i + 1;
    if (this.code(j) === 33) j++;
    if (this.code(j) === 123) j = this.skipMorePrefix(j + 1);
    return isAlpha(this.code(j));
  }

  /**
   * Inside '${', Velocity's lexer glues '$', '$!' and '\$' prefixes onto the identifier token
   * ('${$!x}' has the identifier "$!x"), so such a reference parses but names no variable.
   */
  skipMorePrefix(j: number): number {
    for (;;) {
      let k = j;
      while (this.code(k) === 92) k++;
      if (this.code(k) !== 36) return j;
      k++;
      if (this.code(k) === 33) k++;
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
    if (this.code(i) === 33) {
      quiet = true;
      i++;
    }
    let formal = false;
    let rootStart = i;
    if (this.code(i) === 123) {
      formal = true;
      rootStart = i + 1;
      i = this.skipMorePrefix(i + 1);
    }
    if (!isAlpha(this.code(i))) return undefined;
    let k = i + 1;
    while (isIdent(this.code(k))) k++;
    const root = this.src.slice(rootStart, k);
    this.pos = k;
    const parts: RefPart[] = [];
    this.indexes(parts);
    for (;;) {
      if (this.code(this.pos) === 46 && isAlpha(this.code(this.pos + 1))) {
        const ps = this.pos + 1;
        let e = ps + 1;
        while (isIdent(this.code(e))) e++;
        const name = this.src.slice(ps, e);
        if (this.code(e) === 40) {
          this.pos = e + 1;
          const args: Expr[] = [];
          this.pos = this.skipWsNl(this.pos);
          this.lex.push('refmod2');
          if (this.code(this.pos) !== 41) {
            for (;;) {
              args.push(this.expression());
              if (this.code(this.pos) === 44) {
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
        if (_inDirective && parts[parts.length - 1]?.kind === 'index' && parts[parts.length - 2]?.kind === 'prop' && isAlpha(this.code(this.pos))) {
          // after '.prop[i]' the lexer is still in its property state and reads an identifier
          this.fail(`Encountered "${this.src.slice(this.pos, this.pos + 8).split(/\W/)[0]}"`, this.pos);
        }
        continue;
      }
      break;
    }
    let alt: Expr | undefined;
    if (formal) {
      if (this.code(this.pos) === 124 && this.code(this.pos + 1) !== 124) {
        this.pos++;
        this.lex.push('alt');
        try {
          alt = this.expression();
        } finally {
          this.lex.pop();
        }
      }
      if (this.code(this.pos) !== 125) {
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

  indexes(parts: RefPart[]): void {
    while (this.code(this.pos) === 91) {
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
      const c = this.code(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else return i;
    }
  }

  expect(code: number, what: string): void {
    this.pos = this.skipWsNl(this.pos);
    if (this.code(this.pos) !== code) {
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
    return !isIdent(this.code(i + w.length));
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
      else if (this.code(p) === 60) (op = '<'), (this.pos = p + 1);
      else if (this.code(p) === 62) (op = '>'), (this.pos = p + 1);
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
      const c = this.code(p);
      // "-1" directly after an operand is an integer literal in Velocity's lexer, not a minus
      if (c === 43) this.pos = p + 1;
      else if (c === 45 && !isDigit(this.code(p + 1)) && this.code(p + 1) !== 46) this.pos = p + 1;
      else return left;
      left = bin(c === 43 ? '+' : '-', left, this.mulExpr());
    }
  }

  mulExpr(): Expr {
    let left = this.unary();
    for (;;) {
      const p = this.skipWsNl(this.pos);
      const c = this.code(p);
      if (c !== 42 && c !== 47 && c !== 37) return left;
      this.pos = p + 1;
      left = bin(c === 42 ? '*' : c === 47 ? '/' : '%', left, this.unary());
    }
  }

  unary(): Expr {
    const p = this.skipWsNl(this.pos);
    const c = this.code(p);
    if ((c === 33 && this.code(p + 1) !== 61) || this.wordAt(p, 'not')) {
      this.pos = p + (c === 33 ? 1 : 3);
      this.enter();
      const operand = this.unary();
      this.depth--;
      return { kind: 'not', operand, span: { start: p, end: operand.span.end } };
    }
    if (c === 45 && !isDigit(this.code(p + 1)) && this.code(p + 1) !== 46) {
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
    const c = this.code(start);
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
      const v = this.code(start) === 116;
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
      while (isIdent(this.code(k))) k++;
      if (this.code(k) === 46) this.fail(`Encountered "${this.src[k]}"`, k);
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
    if (this.code(i) === 45) i++;
    const ds = i;
    while (isDigit(this.code(i))) i++;
    const intDigits = i - ds;
    let isFloat = false;
    if (this.code(i) === 46 && this.code(i + 1) !== 46) {
      // a fraction (but not a range '..')
      if (intDigits === 0 && !isDigit(this.code(i + 1))) return undefined;
      isFloat = true;
      i++;
      while (isDigit(this.code(i))) i++;
    } else if (intDigits === 0) return undefined;
    if ((this.code(i) === 101 || this.code(i) === 69) && intDigits + (isFloat ? 1 : 0) > 0) {
      let j = i + 1;
      if (this.code(j) === 43 || this.code(j) === 45) j++;
      if (isDigit(this.code(j))) {
        while (isDigit(this.code(j))) j++;
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
    const q = this.code(start);
    let i = start + 1;
    for (;;) {
      if (i >= this.src.length) this.failAtEof('Lexical error: unterminated string literal');
      const c = this.code(i);
      if (c === q) {
        if (this.code(i + 1) === q) {
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
        const sub = new Parser(value, { name: this.options.name, knownMacros: this.macroNames });
        const ast = sub.parseTemplate();
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
    if (this.code(this.pos) === 93) {
      this.pos++;
      return { kind: 'list', items: [], span: { start, end: this.pos } };
    }
    // range: [ (ref | int) .. (ref | int) ]
    const save = this.pos;
    const c = this.code(this.pos);
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
          if (this.code(this.pos) === 36) to = this.tryRef();
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
      if (this.code(this.pos) === 44) {
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
    const c = this.code(p);
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
    if (this.code(this.pos) !== 125) {
      for (;;) {
        const k = this.parameter();
        this.expect(58, ':');
        const v = this.parameter();
        entries.push([k, v]);
        this.pos = this.skipWsNl(this.pos);
        if (this.code(this.pos) === 44) {
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
