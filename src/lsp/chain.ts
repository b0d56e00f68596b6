/**
 * A Velocity reference read from text as it is being typed: `$a.b.get('c')[0].d(...)`, with the
 * offsets of each part. Method arguments are kept as raw text; a string literal argument is
 * decoded so `.get('key')` counts as a key. The read stops at the first character that cannot
 * continue the reference, so a half-typed `$item.` is a chain that ends in an empty property.
 */
import type { Outline } from './outline.js';

export type ChainPart =
  | { kind: 'prop'; name: string; start: number; end: number }
  | { kind: 'method'; name: string; start: number; nameEnd: number; end: number; args: string[]; closed: boolean; key: string | undefined }
  | { kind: 'index'; raw: string; start: number; end: number; closed: boolean };

export interface Chain {
  /** Offset of the `$`. */
  start: number;
  root: string;
  rootStart: number;
  quiet: boolean;
  formal: boolean;
  parts: ChainPart[];
  /** Offset after the last character read. */
  end: number;
}

const isId = (c: string | undefined): boolean => c !== undefined && /[\w]/.test(c);
const isIdStart = (c: string | undefined): boolean => c !== undefined && /[A-Za-z_]/.test(c);

/** Reads the reference whose `$` is at `start`; undefined when no reference starts there. */
export function readChain(text: string, start: number): Chain | undefined {
  if (text[start] !== '$') return undefined;
  let i = start + 1;
  const quiet = text[i] === '!';
  if (quiet) i++;
  const formal = text[i] === '{';
  if (formal) i++;
  const rootStart = i;
  while (isId(text[i])) i++;
  if (i > rootStart && !isIdStart(text[rootStart])) return undefined;
  const chain: Chain = { start, root: text.slice(rootStart, i), rootStart, quiet, formal, parts: [], end: i };
  if (chain.root === '') return chain;
  for (;;) {
    if (text[i] === '.' && (isIdStart(text[i + 1]) || !isId(text[i + 1]))) {
      const s = i;
      i++;
      const nameStart = i;
      while (isId(text[i])) i++;
      const name = text.slice(nameStart, i);
      if (text[i] === '(' && name) {
        const r = readArgs(text, i);
        chain.parts.push({ kind: 'method', name, start: s, nameEnd: i, end: r.end, args: r.args, closed: r.closed, key: stringArg(r.args) });
        i = r.end;
        if (!r.closed) break;
      } else {
        chain.parts.push({ kind: 'prop', name, start: s, end: i });
        if (!name) break;
      }
    } else if (text[i] === '[') {
      const r = readArgs(text, i, '[', ']');
      chain.parts.push({ kind: 'index', raw: r.args[0] ?? '', start: i, end: r.end, closed: r.closed });
      i = r.end;
      if (!r.closed) break;
    } else break;
  }
  if (formal && text[i] === '}') i++;
  chain.end = i;
  return chain;
}

/** Arguments between balanced brackets, split at top-level commas, quotes respected. */
function readArgs(text: string, open: number, o = '(', c = ')'): { args: string[]; end: number; closed: boolean } {
  const args: string[] = [];
  let depth = 0;
  let quote = '';
  let from = open + 1;
  const limit = Math.min(text.length, open + 4000);
  for (let i = open; i < limit; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === quote) quote = '';
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') {
      depth--;
      if (depth === 0) {
        if (ch !== c) return { args, end: i, closed: false };
        const last = text.slice(from, i);
        if (args.length || last.trim()) args.push(last.trim());
        return { args, end: i + 1, closed: true };
      }
    } else if (ch === ',' && depth === 1) {
      args.push(text.slice(from, i).trim());
      from = i + 1;
    } else if (ch === '\n' && depth === 1 && o === '[') break;
  }
  args.push(text.slice(from, limit).trim());
  return { args, end: limit, closed: false };
}

/** The key of `.get('key')`: a single plain string literal argument. */
function stringArg(args: string[]): string | undefined {
  const a = args.length === 1 ? args[0]! : undefined;
  const m = a === undefined ? null : /^(['"])([^'"$]*)\1$/.exec(a);
  return m ? m[2] : undefined;
}

/**
 * The reference that reaches `offset`: the nearest `$` before it whose chain runs up to it.
 * Looks back at most 2,000 characters and not past a line that holds no part of the chain.
 */
export function chainAt(text: string, offset: number, o?: Outline): Chain | undefined {
  const src = o?.masked ?? text;
  const floor = Math.max(0, offset - 2000);
  // at most 100 candidates: text full of `$` costs a bounded amount of work per request
  let tries = 0;
  for (let i = offset - 1; i >= floor && tries < 100; i--) {
    if (src[i] !== '$') continue;
    tries++;
    if (i > 0 && src[i - 1] === '\\') continue;
    const c = readChain(src, i);
    if (c && c.end >= offset) return c;
  }
  return undefined;
}
