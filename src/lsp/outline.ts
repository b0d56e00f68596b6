/**
 * A lexical outline of a template that holds up while the text is half typed: directives with
 * their offsets, `#set` targets, `#foreach` variables, macros with their parameters and the blocks
 * `#end` closes. Comments are masked first. The parser is not used on purpose: completion and
 * navigation must work on text that does not parse yet.
 */

export interface Block {
  /** if, foreach, macro, define or a block macro call `@name`. */
  word: string;
  /** Offset of the `#`. */
  start: number;
  /** Offset just after the `#end`, or the text length when the block is not closed. */
  end: number;
  /** Offset of the `#end`, when there is one. */
  endAt: number | undefined;
}

export interface SetDef {
  name: string;
  /** Offset of the `$` of the target. */
  at: number;
  /** Start offset of the `#set`. */
  start: number;
  /** The value text after `=` (up to the closing parenthesis). */
  value: string;
  valueAt: number;
}

export interface LoopDef {
  varName: string;
  varAt: number;
  /** The iterable text after `in`. */
  iterable: string;
  iterableAt: number;
  block: Block;
}

export interface MacroDef {
  name: string;
  nameAt: number;
  params: { name: string; at: number }[];
  block: Block;
}

export interface MacroCall {
  name: string;
  /** Offset of the `#`. */
  start: number;
  nameAt: number;
}

export interface Outline {
  /** The text with comments blanked out (offsets unchanged). */
  masked: string;
  blocks: Block[];
  sets: SetDef[];
  loops: LoopDef[];
  macros: MacroDef[];
  calls: MacroCall[];
}

export const DIRECTIVES = ['if', 'elseif', 'else', 'end', 'foreach', 'set', 'macro', 'define', 'evaluate', 'break', 'stop', 'include', 'parse'];
const BLOCK = new Set(['if', 'foreach', 'macro', 'define']);
const KNOWN = new Set(DIRECTIVES);
const TOKEN = /(\\*)#(\{?)(@?[A-Za-z_]\w*)(\}?)/g;
const IDENT = /[A-Za-z_]\w*/y;

/** Blanks `## line` and `#* block *#` comments and `#[[ unparsed ]]#` blocks, keeping newlines. */
export function maskComments(text: string): string {
  return text.replace(/#\*[\s\S]*?(\*#|$)|#\[\[[\s\S]*?(\]\]#|$)|##[^\n]*/g, (m) => m.replace(/[^\n]/g, ' '));
}

export function outline(text: string): Outline {
  const masked = maskComments(text);
  const out: Outline = { masked, blocks: [], sets: [], loops: [], macros: [], calls: [] };
  const stack: { block: Block; loop?: LoopDef; macro?: MacroDef }[] = [];
  // characters argument scans may read in all: unclosed parentheses cannot make this quadratic
  const budget = { left: 20 * masked.length + 100_000 };
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(masked); m; m = TOKEN.exec(masked)) {
    if (m[1]!.length % 2 === 1) continue; // an escaped directive prints as text
    const start = m.index + m[1]!.length;
    const word = m[3]!;
    const after = m.index + m[0].length;
    const paren = skipSpaces(masked, after);
    const args = masked[paren] === '(' && budget.left > 0 ? argsOf(masked, paren, budget) : undefined;
    if (word === 'end') {
      const top = stack.pop();
      if (top) {
        top.block.end = after;
        top.block.endAt = start;
      }
      continue;
    }
    if (!KNOWN.has(word) && args === undefined) continue; // `#ffffff` in CSS is text
    const isBlock = BLOCK.has(word) || (word.startsWith('@') && args !== undefined);
    const block: Block = { word, start, end: masked.length, endAt: undefined };
    const entry: { block: Block; loop?: LoopDef; macro?: MacroDef } = { block };
    if (word === 'set' && args) {
      const eq = /^\s*\$!?\{?([A-Za-z_]\w*)\}?\s*=\s*/.exec(args.text);
      if (eq) {
        const at = args.start + args.text.indexOf('$');
        out.sets.push({ name: eq[1]!, at, start, value: args.text.slice(eq[0].length).trim(), valueAt: args.start + eq[0].length });
      }
    } else if (word === 'foreach' && args) {
      const f = /^\s*\$!?\{?([A-Za-z_]\w*)\}?\s+in\s+/.exec(args.text);
      if (f) {
        const varAt = args.start + args.text.indexOf('$');
        entry.loop = { varName: f[1]!, varAt, iterable: args.text.slice(f[0].length).trim(), iterableAt: args.start + f[0].length, block };
        out.loops.push(entry.loop);
      }
    } else if (word === 'macro' && args) {
      const parts = [...args.text.matchAll(/\$?[A-Za-z_]\w*/g)];
      const first = parts[0];
      if (first && !first[0].startsWith('$')) {
        const params = parts.slice(1).filter((p) => p[0].startsWith('$')).map((p) => ({ name: p[0].slice(1), at: args.start + p.index }));
        entry.macro = { name: first[0], nameAt: args.start + first.index, params, block };
        out.macros.push(entry.macro);
      }
    } else if (!KNOWN.has(word)) {
      out.calls.push({ name: word.replace(/^@/, ''), start, nameAt: start + 1 + m[2]!.length + (word.startsWith('@') ? 1 : 0) });
    }
    if (isBlock) {
      out.blocks.push(block);
      stack.push(entry);
    }
  }
  return out;
}

function skipSpaces(text: string, at: number): number {
  while (at < text.length && (text[at] === ' ' || text[at] === '\t')) at++;
  return at;
}

/** The text inside balanced parentheses from `open` (quotes respected). */
function argsOf(text: string, open: number, budget: { left: number }): { text: string; start: number } {
  let depth = 0;
  let quote = '';
  for (let i = open; i < text.length; i++) {
    budget.left--;
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return { text: text.slice(open + 1, i), start: open + 1 };
    else if (c === '\n' && depth === 1 && i - open > 2000) break;
  }
  return { text: text.slice(open + 1, Math.min(text.length, open + 2000)), start: open + 1 };
}

/** The innermost loops around `offset`, outermost first. */
export function loopsAt(o: Outline, offset: number): LoopDef[] {
  return o.loops.filter((l) => offset > l.block.start && offset < (l.block.endAt ?? l.block.end + 1));
}

/** The macro whose body holds `offset`, if any. */
export function macroAt(o: Outline, offset: number): MacroDef | undefined {
  return o.macros.find((m) => offset > m.block.start && offset < (m.block.endAt ?? m.block.end + 1));
}

/** Reads an identifier at `at`, or undefined. */
export function identAt(text: string, at: number): string | undefined {
  IDENT.lastIndex = at;
  return IDENT.exec(text)?.[0];
}
