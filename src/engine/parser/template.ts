/**
 * The template parser: a hand-written, linear scanner/recursive-descent parser that follows the
 * structure of Velocity 2.4.1's grammar (Parser.jjt) and its "lines" space gobbling.
 *
 * The `afterNewline` flag is threaded through statements exactly as Velocity threads it: it says
 * whether the current position starts a line as far as gobbling is concerned. Whitespace before a
 * directive at the start of a line, and the whitespace + newline after it, are dropped.
 */
import type { Expr, MacroDefNode, MacroParam, Node, Span, TemplateAst } from '../ast.js';
import {
  BLOCK_DIRECTIVES,
  KNOWN_DIRECTIVES,
  type ParseOptions,
  type StatementsResult,
  type Terminator,
} from './chars.js';
import { ExpressionParser } from './expressions.js';

export type { ParseOptions } from './chars.js';

export function parse(src: string, options: ParseOptions = {}): TemplateAst {
  return new TemplateParser(src, options).parseTemplate();
}

class TemplateParser extends ExpressionParser {
  /**
   * The directive being parsed has lone '$'/'#' chars glued before its '#' (Velocity's
   * "morePrefix"): it then writes the whitespace and line end it takes instead of dropping them.
   */
  private morePrefix = false;

  private takeMorePrefix(): boolean {
    const v = this.morePrefix;
    this.morePrefix = false;
    return v;
  }

  parseNested(text: string): TemplateAst {
    return new TemplateParser(text, { name: this.options.name, knownMacros: this.macroNames }).parseTemplate();
  }

  parseTemplate(): TemplateAst {
    const { nodes } = this.statements(true, new Set());
    if (this.pos < this.src.length) {
      const kw = this.terminatorAt(this.pos);
      this.fail(`Encountered "#${kw ?? this.src[this.pos]}"`, this.pos);
    }
    return { nodes, macros: this.macros };
  }

  statements(afterNewline: boolean, stops: Set<Terminator>): StatementsResult {
    this.enter();
    try {
      const r = this.statementsInner(afterNewline, stops);
      if (this.split.size) r.nodes = joinSplitText(r.nodes, this.split);
      return r;
    } finally {
      this.depth--;
    }
  }

  /**
   * Text nodes cut off at a safe point because they grew long (see statementsInner): slicing the
   * end of a long concatenated string copies all of it, which made runs like "x $ x $ ..."
   * quadratic. They are joined again with the text that follows, so the AST is the same.
   */
  readonly split = new Set<Node>();


  statementsInner(afterNewline: boolean, stops: Set<Terminator>): StatementsResult {
    const nodes: Node[] = [];
    /** How many lone '$'/'#' chars (pending MORE prefixes in Velocity's lexer) end `text`. */
    let more = 0;
    /** The line state before the current run of lone '$'/'#' chars. */
    let runAfterNewline = afterNewline;
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
      const c = this.src.charCodeAt(start);
      const pendingMore = more;
      more = 0;
      if (pendingMore === 0 && text.length > 128) {
        // nothing will look back into this text: keep it in a node, joined again later
        flush();
        this.split.add(nodes[nodes.length - 1]!);
        textStart = start;
      }
      // Terminators, possibly after indentation at the start of a line.
      if (c === 35 || (afterNewline && (c === 32 || c === 9))) {
        const at = c === 35 ? start : this.wsEnd(start);
        const kw = this.terminatorAt(at);
        if (kw && stops.has(kw)) {
          // lone '$'/'#' before the indentation of #end/#else went into its dropped whitespace
          if (c !== 35 && pendingMore > 0) text = text.slice(0, text.length - pendingMore);
          flush();
          // glued to lone '$'/'#' chars, the keyword keeps the line state from before them
          return { nodes, afterNewline: c === 35 && pendingMore > 0 ? runAfterNewline : afterNewline };
        }
        if (kw && c === 35) {
          // an #end/#else/#elseif where none is expected
          this.fail(`Encountered "#${kw}"`, start);
        }
      }
      let textblockPrefix: string | undefined;
      if (c === 35 && pendingMore > 0) {
        if (this.src.charCodeAt(start + 1) === 42) {
          // lone '$'/'#' glued to a block comment become part of the comment token: lost
          text = text.slice(0, text.length - pendingMore);
        } else if (this.src.startsWith('[[', start + 1)) {
          textblockPrefix = text.slice(text.length - pendingMore);
          text = text.slice(0, text.length - pendingMore);
        }
      }
      if (c === 35 /* # */) {
        // after lone '$'/'#' chars a directive keeps the line state from before them and writes
        // the whitespace it takes (Velocity's morePrefix)
        const glued = pendingMore > 0 && textblockPrefix === undefined && this.startsDirective(start);
        const r = this.hash(glued ? runAfterNewline : afterNewline, nodes, flush, undefined, glued);
        this.morePrefix = false;
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
          if (pendingMore === 0) runAfterNewline = afterNewline;
          // a lone '#' becomes a special token: the line start state carries over to a
          // following indentation
          afterNewline = afterNewline && this.isBlank(this.pos);
          more = pendingMore + 1;
          if (this.runEnds(this.pos, false)) ({ text, more } = dropBangs(text, more));
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
        while (this.src.charCodeAt(j) === 92) j++;
        text += src.slice(start, j);
        flush();
        this.pos = j;
        const ref = this.reference(false)!;
        nodes.push(ref);
        nodes.push(...this.braceAfter(ref));
        textStart = this.pos;
        afterNewline = false;
        continue;
      }
      if (c === 36 && pendingMore > 0 && this.looksLikeReference(start) && text.charCodeAt(text.length - pendingMore) === 92) {
        // a run of lone chars that starts with backslashes and runs into a reference is one
        // reference token: the backslashes escape it, the rest is its morePrefix
        const run = text.slice(text.length - pendingMore);
        let slashes = 0;
        while (run.charCodeAt(slashes) === 92) slashes++;
        text = text.slice(0, text.length - pendingMore);
        flush();
        const ref = this.reference(false)!;
        ref.backslashes = slashes;
        ref.morePrefix = run.slice(slashes);
        nodes.push(ref);
        nodes.push(...this.braceAfter(ref));
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
        // backslashes right before a '$' belong to the lexer's '$' token ('\\$', '\\$!')
        let d = start;
        while (this.src.charCodeAt(d) === 92) d++;
        const isDollar = this.src.charCodeAt(d) === 36;
        if (isDollar) {
          // '$' or '$!' that starts no reference: part of a run of the lexer's MORE tokens
          const bang = this.src.charCodeAt(d + 1) === 33 ? 1 : 0;
          text += src.slice(start, d + 1 + bang);
          more = pendingMore + (d - start) + 1 + bang;
          this.pos = d + 1 + bang;
          if (this.runEnds(this.pos, true, bang === 1)) ({ text, more } = dropBangs(text, more));
        } else {
          text += src[start];
          this.pos++;
        }
        if (isDollar && pendingMore === 0) runAfterNewline = afterNewline;
        afterNewline = isDollar && afterNewline && this.isBlank(this.pos);
        continue;
      }
      if (afterNewline && (c === 32 || c === 9)) {
        // indentation before a directive is dropped
        const at = this.wsEnd(start);
        const run = this.moreRunEnd(at);
        const glueKw = run > at ? this.terminatorAt(run) : undefined;
        if (glueKw && stops.has(glueKw)) {
          // indentation and lone '$' chars glued to #else/#end: Velocity writes both (as the
          // block's postfix and "morePostfix") and keeps the line state from the line start
          if (pendingMore > 0) text = text.slice(0, text.length - pendingMore);
          if (!text) textStart = start;
          text += src.slice(start, run);
          this.pos = run;
          flush();
          return { nodes, afterNewline: true };
        }
        if (run > at && this.src.charCodeAt(run) === 35 && this.startsDirective(run)) {
          // indentation, then lone '$' chars glued to a directive: the indentation is its prefix
          // and the chars its morePrefix, both written; lone chars before the indentation are lost
          if (pendingMore > 0) text = text.slice(0, text.length - pendingMore);
          if (!text) textStart = start;
          text += src.slice(start, run);
          this.pos = run;
          flush();
          const r = this.hash(true, nodes, flush, undefined, true);
          this.morePrefix = false;
          if (r !== undefined) {
            afterNewline = r;
            textStart = this.pos;
            continue;
          }
          afterNewline = false;
          continue;
        }
        if (this.src.charCodeAt(at) === 35 && this.startsDirective(at)) {
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
      // plain text up to the next special character, over line ends as long as the next line
      // starts (after its indentation) with a plain character: such a line start changes no
      // state, so whole runs of HTML lines are taken in one slice
      if (!text) textStart = start;
      let j = start;
      let lineEnd = false;
      for (;;) {
        let d = src.charCodeAt(j);
        while (j < n && d !== 36 && d !== 35 && d !== 92 && d !== 10 && d !== 13) d = src.charCodeAt(++j);
        if (j >= n || (d !== 10 && d !== 13)) break;
        const e = d === 13 && src.charCodeAt(j + 1) === 10 ? j + 2 : j + 1;
        let k = e;
        let f = src.charCodeAt(k);
        while (f === 32 || f === 9) f = src.charCodeAt(++k);
        if (k < n && f !== 35 && f !== 36 && f !== 92) {
          j = k; // a plain line (or a blank one: its line end comes next)
          continue;
        }
        j = e;
        lineEnd = true;
        break;
      }
      text += src.slice(start, j);
      this.pos = j;
      afterNewline = lineEnd;
    }
    flush();
    return { nodes, afterNewline };
  }

  backslashesBeforeReference(i: number): boolean {
    let j = i;
    while (this.src.charCodeAt(j) === 92) j++;
    return this.src.charCodeAt(j) === 36 && this.looksLikeReference(j);
  }

  /** End of a run of '$', '$!' and '\\$' pieces starting at i (i itself when there is none). */
  moreRunEnd(i: number): number {
    let j = i;
    for (;;) {
      let k = j;
      while (this.src.charCodeAt(k) === 92) k++;
      if (this.src.charCodeAt(k) !== 36 || this.looksLikeReference(k)) return j;
      k++;
      if (this.src.charCodeAt(k) === 33) k++;
      j = k;
    }
  }

  isBlank(i: number): boolean {
    const c = this.src.charCodeAt(i);
    return c === 32 || c === 9;
  }

  /** Backslashes at i that form '\\' or an escaped directive (they swallow a MORE prefix). */
  losesMorePrefix(i: number): boolean {
    let j = i;
    while (this.src.charCodeAt(j) === 92) j++;
    const slashes = j - i;
    if (this.src.charCodeAt(j) === 36) return false;
    if (slashes >= 2) return true;
    return this.src.charCodeAt(j) === 35 && this.directiveWordAt(j) !== undefined;
  }

  /**
   * Whether a run of lone '$'/'$!'/'#' chars ends at i in a "terminator": a char that makes
   * Velocity's lexer close the run as a special token, whose text keeps only its '$', '#' and
   * backslashes (so "$! x" prints "$ x"). The run goes on into another '$' or '#', and ends in a
   * real token at '{', '}' or '[' (after '$'), at a line end, or at the end of the template.
   */
  runEnds(i: number, afterDollar: boolean, afterBang = false): boolean {
    if (i >= this.src.length) return false;
    const c = this.src.charCodeAt(i);
    if (c === 36) return false;
    if (c === 92) {
      let j = i;
      while (this.src.charCodeAt(j) === 92) j++;
      return this.src.charCodeAt(j) !== 36;
    }
    if (this.gobbleEnd(i) >= 0) return false;
    if (afterDollar && (c === 123 || c === 125 || c === 91 || c === 35)) return false;
    // '$.' is a token of its own (EMPTY_INDEX), '$!.' is not
    if (afterDollar && !afterBang && c === 46) return false;
    return true;
  }

  /** Whether a '#' at i starts #if, #set(...) or a directive word (what may take indentation). */
  startsDirective(i: number): boolean {
    const w = this.directiveWordAt(i);
    if (!w) return false;
    if (w.name === 'end' || w.name === 'else' || w.name === 'elseif') return false;
    if (w.name === 'set') return this.src.charCodeAt(this.wsEnd(w.end)) === 40;
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
    morePrefix = false,
  ): boolean | undefined {
    this.morePrefix = morePrefix;
    const start = prefixStart ?? this.pos;
    const at = prefixStart === undefined ? this.pos : this.wsEnd(prefixStart);
    const next = this.src.charCodeAt(at + 1);
    if (prefixStart === undefined) {
      if (next === 35 /* ## */) {
        flush();
        let j = at + 2;
        while (j < this.src.length && this.src.charCodeAt(j) !== 10 && this.src.charCodeAt(j) !== 13) j++;
        if (j < this.src.length) j += this.src.charCodeAt(j) === 13 && this.src.charCodeAt(j + 1) === 10 ? 2 : 1;
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
      if (next === 91 && this.src.charCodeAt(at + 2) === 91 /* #[[ */) {
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
      if (this.src.charCodeAt(p) !== 40) {
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
    const keepPostfix = this.takeMorePrefix();
    const newlineAtStart = afterNewline;
    const branches: { cond: Expr; body: Node[]; span: Span }[] = [];
    let p = this.skipWsNl(wordEnd);
    if (this.src.charCodeAt(p) !== 40) this.fail('Encountered "' + (this.src[p] ?? '<EOF>') + '" after #if: expected "("', p);
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
        if (this.src.charCodeAt(p) !== 40) this.fail('Encountered "' + (this.src[p] ?? '<EOF>') + '" after #elseif: expected "("', p);
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
    if (newlineAtStart && !keepPostfix) {
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
    const keepPostfix = this.takeMorePrefix();
    this.pos = this.skipWsNl(p);
    if (this.src.charCodeAt(this.pos) !== 36) this.fail('Encountered "' + (this.src[this.pos] ?? '<EOF>') + '" in #set: expected a reference', this.pos);
    const target = this.reference(true);
    if (!target) this.fail('Invalid reference in #set', this.pos);
    this.pos = this.skipWsNl(this.pos);
    if (this.src.charCodeAt(this.pos) !== 61 || this.src.charCodeAt(this.pos + 1) === 61) {
      this.fail('Encountered "' + (this.src[this.pos] ?? '<EOF>') + '" in #set: expected "="', this.pos);
    }
    this.pos++;
    const value = this.expression();
    this.expect(41, ')');
    let endsWithNewline = false;
    if (afterNewline && !keepPostfix) {
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
    const keepPostfix = this.takeMorePrefix();
    const newlineAtStart = afterNewline;
    const known = KNOWN_DIRECTIVES.has(name);
    const isBlock = known ? BLOCK_DIRECTIVES.has(name) : name.startsWith('@');
    const isMacro = name === 'macro';
    const isVM = !known && this.macroNames.has(name);
    this.pos = wordEnd;
    const args: { expr: Expr; kind: string; assign?: Expr }[] = [];
    let hasParens = false;
    const p = this.skipWsNl(wordEnd);
    if (this.src.charCodeAt(p) === 40) {
      hasParens = true;
      this.pos = p + 1;
      for (;;) {
        this.pos = this.skipWsNl(this.pos);
        if (this.src.charCodeAt(this.pos) === 41) {
          this.pos++;
          break;
        }
        if (this.src.charCodeAt(this.pos) === 44 && args.length > 0) {
          this.pos = this.skipWsNl(this.pos + 1);
        }
        if (this.src.charCodeAt(this.pos) === 35 && this.src.charCodeAt(this.pos + 1) === 35) {
          if (!isMacro) this.fail(`A Line comment is not allowed in #${name} arguments`, this.pos);
          while (this.pos < this.src.length && this.src.charCodeAt(this.pos) !== 10 && this.src.charCodeAt(this.pos) !== 13) this.pos++;
          continue;
        }
        if (this.pos >= this.src.length) this.fail(`Encountered "<EOF>" in #${name} arguments`, this.pos);
        const arg = this.directiveArg();
        if (!arg) this.fail(`Encountered "${this.src[this.pos]}" in #${name} arguments`, this.pos);
        if (isMacro && arg.kind === 'ref' && args.length > 0) {
          const q = this.skipWsNl(this.pos);
          if (this.src.charCodeAt(q) === 61 && this.src.charCodeAt(q + 1) !== 61) {
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
    const canGobble = isBlock || (newlineAtStart && !keepPostfix);
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
    if (newlineAtStart && !keepPostfix) {
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
      if (params.some((p, i) => !p.default && params.slice(0, i).some((q) => q.default))) {
        // Velocity refuses the definition where its arguments open
        this.fail('Macro non-default argument follows a default argument', this.src.indexOf('(', at));
      }
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
    if (this.src.charCodeAt(e - 1) === 10) e--;
    if (this.src.charCodeAt(e - 1) === 13) e--;
    while (e > from && (this.src.charCodeAt(e - 1) === 32 || this.src.charCodeAt(e - 1) === 9)) e--;
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

  // ---------------------------------------------------------------- escapes and references in text

  /**
   * `$` / `\$` / `$!` / `${` / `$!{` at this.pos (after any backslashes). Pushes a ref node or
   * text; returns false when this is not VTL at all.
   */
  dollarOrEscape(nodes: Node[], flush: () => void): boolean {
    const start = this.pos;
    let i = start;
    while (this.src.charCodeAt(i) === 92) i++;
    const slashes = i - start;
    if (this.src.charCodeAt(i) === 36) {
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
          nodes.push(...this.braceAfter(ref));
          return true;
        }
      }
      this.pos = save;
      return false;
    }
    if (slashes === 0) return false;
    if (this.src.charCodeAt(i) === 35) {
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
}

/** The nodes with each split text node joined to the text node right after it. */
function joinSplitText(nodes: Node[], split: Set<Node>): Node[] {
  const out: Node[] = [];
  for (const node of nodes) {
    const prev = out[out.length - 1];
    if (prev && prev.kind === 'text' && split.has(prev) && node.kind === 'text' && prev.span.end === node.span.start) {
      split.delete(prev);
      const joined: Node = { kind: 'text', value: prev.value + node.value, span: { start: prev.span.start, end: node.span.end } };
      if (split.has(node)) {
        split.delete(node);
        split.add(joined);
      }
      out[out.length - 1] = joined;
    } else out.push(node);
  }
  return out;
}

/** The '!' chars of the run of `more` chars that ends `text` are not printed. */
function dropBangs(text: string, more: number): { text: string; more: number } {
  const run = text.slice(text.length - more);
  if (!run.includes('!')) return { text, more };
  const kept = run.replace(/!/g, '');
  return { text: text.slice(0, text.length - more) + kept, more: kept.length };
}
