/**
 * The HTML around Velocity directives. Directive tokens (`#if(...)`, `#else`, `#end`, ...) come
 * from the AST; the HTML structure is scanned over the template's literal text only (references
 * and directives are blanked, and so is the `<!--` / `-->` that wraps a directive), so each
 * token knows whether it sits in text, in a tag, in an attribute value or in a comment, and which
 * elements are open there.
 */
import type { Node, Span, TemplateAst } from '../engine/index.js';
import { masked } from './html-mask.js';
import { scan } from './html-scan.js';

export type HtmlMode = 'text' | 'tag' | 'attr' | 'comment' | 'raw';

export interface HtmlState {
  mode: HtmlMode;
  /** Open elements, outermost first. */
  stack: readonly string[];
}

export interface DirectiveToken {
  word: string;
  /** From the `#` to the end of the head (`)` included). */
  span: Span;
  /** Written as `<!--#word(...)-->`. */
  wrapped: boolean;
  before: HtmlState;
  after: HtmlState;
}

/** A block's bodies: each runs from the end of one token to the start of the next. */
export interface Block {
  kind: 'if' | 'foreach';
  tokens: DirectiveToken[];
}

export interface HtmlMap {
  isHtml: boolean;
  tokens: DirectiveToken[];
  blocks: Block[];
}

const WORD = /#\{?([A-Za-z_@][\w]*)\}?/y;

/** The directive word at `at` (`if` of `#if(`, `end` of `#{end}`), read with the sticky WORD. */
function wordAt(src: string, at: number): RegExpExecArray | null {
  WORD.lastIndex = at;
  return WORD.exec(src);
}

export function htmlMap(source: string, ast: TemplateAst): HtmlMap {
  const texts: Span[] = [];
  const raw: RawToken[] = [];
  const blocks: { block: Block; spans: Span[] }[] = [];
  walkNodes({ src: source, texts, out: raw, blocks }, ast.nodes);
  const tokens: DirectiveToken[] = [];
  const byStart = new Map<number, DirectiveToken>();
  const blanks: Span[] = [];
  for (const r of raw) {
    const word = r.word;
    const open = source.startsWith('<!--', r.start - 4);
    const close = source.startsWith('-->', r.end);
    if (open) blanks.push({ start: r.start - 4, end: r.start });
    if (close) blanks.push({ start: r.end, end: r.end + 3 });
    const blank: HtmlState = { mode: 'text', stack: [] };
    const t: DirectiveToken = { word, span: { start: r.start, end: r.end }, wrapped: open && close, before: blank, after: blank };
    tokens.push(t);
    byStart.set(r.start, t);
  }
  tokens.sort((a, b) => a.span.start - b.span.start);
  scan(masked(source, texts, blanks), tokens);
  return {
    isHtml: /<(html|body|table|div|p|td|span|a)\b/i.test(source),
    tokens,
    blocks: blocks.map(({ block, spans }) => ({
      kind: block.kind,
      tokens: spans.map((s) => byStart.get(s.start)).filter((t): t is DirectiveToken => t !== undefined),
    })),
  };
}


/** A directive token as the walk finds it: its span and its word. */
interface RawToken extends Span {
  word: string;
}

/** What the walk gathers: the literal text spans, the directive tokens and the blocks. */
interface Collected {
  src: string;
  texts: Span[];
  out: RawToken[];
  blocks: { block: Block; spans: Span[] }[];
}

/** The token of the directive whose `#` is at `at` (after spaces), from the `#` to the end of its head. */
function token(c: Collected, at: number): Span {
  const src = c.src;
  const start = skipWs(src, at);
  const w = wordAt(src, start);
  const raw = { start, end: headEnd(src, start + (w?.[0].length ?? 1)), word: w?.[1] ?? '' };
  c.out.push(raw);
  return raw;
}

function walkNodes(c: Collected, nodes: Node[]): void {
  const src = c.src;
  for (const n of nodes) {
    switch (n.kind) {
      case 'text':
        c.texts.push(n.span);
        break;
      case 'if': {
        const spans: Span[] = [];
        for (const b of n.branches) spans.push(token(c, b.span.start));
        for (const b of n.branches) walkNodes(c, b.body);
        if (n.elseSpan) {
          spans.push(token(c, n.elseSpan.start));
          walkNodes(c, n.elseBody ?? []);
        }
        const e = endToken(src, n.span);
        if (e !== undefined) spans.push(token(c, e));
        c.blocks.push({ block: { kind: 'if', tokens: [] }, spans });
        break;
      }
      case 'foreach': {
        const spans = [token(c, n.span.start)];
        walkNodes(c, n.body);
        if (n.elseBody) walkNodes(c, n.elseBody);
        const e = endToken(src, n.span);
        if (e !== undefined) spans.push(token(c, e));
        if (!n.elseBody) c.blocks.push({ block: { kind: 'foreach', tokens: [] }, spans });
        break;
      }
      case 'macrodef':
      case 'define':
      case 'macrocall': {
        if (n.kind === 'macrocall' && !n.body) {
          if (src[skipWs(src, n.span.start)] === '#') token(c, n.span.start);
          break;
        }
        token(c, n.span.start);
        walkNodes(c, n.body ?? []);
        const e = endToken(src, n.span);
        if (e !== undefined) token(c, e);
        break;
      }
      case 'set':
      case 'break':
      case 'stop':
      case 'evaluate':
        token(c, n.span.start);
        break;
      default:
        break;
    }
  }
}

function skipWs(src: string, i: number): number {
  while (src[i] === ' ' || src[i] === '\t') i++;
  return i;
}

/** The `#end` closing a block node. */
function endToken(src: string, span: Span): number | undefined {
  // the last `#end` or `#{end}` inside the span: usually the span's last characters
  if (src.startsWith('#end', span.end - 4) && span.end - 4 >= span.start) return span.end - 4;
  if (src.startsWith('#{end}', span.end - 6) && span.end - 6 >= span.start) return span.end - 6;
  const plain = span.end - 4 >= span.start ? src.lastIndexOf('#end', span.end - 4) : -1;
  const formal = span.end - 6 >= span.start ? src.lastIndexOf('#{end}', span.end - 6) : -1;
  const at = Math.max(plain, formal);
  return at >= span.start ? at : undefined;
}

/** End of a directive head: past the `)` matching the `(` after the word, if any. */
export function headEnd(text: string, i: number): number {
  let j = i;
  while (text[j] === ' ' || text[j] === '\t') j++;
  if (text[j] !== '(') return i;
  let depth = 0;
  let quote = '';
  for (; j < text.length; j++) {
    const c = text[j]!;
    if (quote) {
      if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return j + 1;
  }
  return text.length;
}
