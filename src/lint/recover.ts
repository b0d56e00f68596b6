/**
 * Parsing with recovery, so that `velvet lint` reports every syntax error of a template, not only
 * the first: after each ParseError the failing directive is neutralised (a broken `#if(...)`
 * head becomes `#if(1)`, a stray `#end` is blanked, an unclosed block gets an `#end` at the end)
 * and the text is parsed again. Positions are mapped back to the original text.
 */
import { parse, type TemplateAst } from '../engine/index.js';
import { ParseError } from '../errors.js';

export interface SyntaxProblem {
  message: string;
  /** Offset in the original text. */
  offset: number;
}

export interface Recovered {
  /** The AST when the text parses without errors. */
  ast: TemplateAst | undefined;
  problems: SyntaxProblem[];
}

const MAX_ERRORS = 50;
const HEAD = /^#\{?(if|elseif|foreach|set|else|end|macro|define|evaluate|break|stop|@?[A-Za-z_][\w]*)\}?/;

interface Edit {
  at: number;
  removed: number;
  inserted: number;
}

export function parseWithRecovery(source: string, name: string): Recovered {
  try {
    return { ast: parse(source, { name }), problems: [] };
  } catch (e) {
    if (!(e instanceof ParseError)) throw e;
  }
  let text = source;
  const edits: Edit[] = [];
  const problems: SyntaxProblem[] = [];
  const seen = new Set<string>();
  const toOriginal = (off: number): number => {
    for (let i = edits.length - 1; i >= 0; i--) {
      const e = edits[i]!;
      if (off >= e.at + e.inserted) off += e.removed - e.inserted;
      else if (off > e.at) off = e.at;
    }
    return Math.min(off, source.length);
  };
  const replace = (at: number, end: number, by: string) => {
    text = text.slice(0, at) + by + text.slice(end);
    edits.push({ at, removed: end - at, inserted: by.length });
  };
  while (problems.length < MAX_ERRORS) {
    let err: ParseError;
    try {
      parse(text, { name });
      break;
    } catch (e) {
      if (!(e instanceof ParseError)) throw e;
      err = e;
    }
    const reason = err.reason.replace(/ at line \d+, column \d+$/, '');
    const at = Math.min(offsetOf(text, err.line ?? 1, err.column ?? 1), text.length);
    const key = `${at}:${reason}`;
    if (seen.has(key)) break; // no progress: stop rather than loop
    seen.add(key);
    if (/is not closed by #end/.test(reason)) {
      const opener = unclosedOpener(text);
      const where = opener ?? at;
      const word = opener === undefined ? '' : (HEAD.exec(text.slice(opener))?.[1] ?? '');
      problems.push({ message: word ? `#${word} is not closed by #end` : reason, offset: toOriginal(where) });
      replace(text.length, text.length, '#end');
      continue;
    }
    problems.push({ message: reason, offset: toOriginal(at) });
    const stray = /^Encountered "#(end|else|elseif)"$/.exec(reason);
    if (stray && text[at] === '#') {
      const m = HEAD.exec(text.slice(at));
      replace(at, at + (m?.[0].length ?? 1), '');
      continue;
    }
    const start = constructStart(text, at);
    if (start === undefined) break;
    if (text[start] === '$') {
      replace(start, start + 1, ' ');
      continue;
    }
    const m = HEAD.exec(text.slice(start));
    const word = m?.[1] ?? '';
    const end = headEnd(text, start + (m?.[0].length ?? 1));
    const by = word === 'if' ? '#if(1)' : word === 'elseif' ? '#elseif(1)' : word === 'foreach' ? '#foreach($velvetItem in [])' : word === 'else' || word === 'end' ? m![0] : '';
    replace(start, Math.max(end, start + 1), by);
  }
  return { ast: undefined, problems: dedupe(problems) };
}

function dedupe(list: SyntaxProblem[]): SyntaxProblem[] {
  const seen = new Set<string>();
  return list.filter((p) => {
    const k = `${p.offset}:${p.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function offsetOf(text: string, line: number, column: number): number {
  let l = 1;
  let i = 0;
  while (l < line && i < text.length) {
    const c = text.charCodeAt(i++);
    if (c === 10 || (c === 13 && text.charCodeAt(i) !== 10)) l++;
  }
  return i + column - 1;
}

/** The `#` of the directive or the `$` of the reference that contains offset `at`. */
function constructStart(text: string, at: number): number | undefined {
  const from = Math.min(at, text.length - 1);
  // an error inside a directive's parentheses: neutralise the whole directive
  for (let i = from; i >= 0 && i > from - 2000 && text[i] !== '\n'; i--) {
    if (text[i] !== '#') continue;
    const m = HEAD.exec(text.slice(i, i + 40));
    if (m && text[i + m[0].length] === '(' && headEnd(text, i + m[0].length) > at) return i;
  }
  for (let i = from; i >= 0 && i > from - 2000; i--) {
    const c = text[i];
    if (c === '#' && HEAD.test(text.slice(i, i + 40))) return i;
    if (c === '$' && i === at) return i;
    if (c === '$' && /^\$!?\{/.test(text.slice(i, i + 3))) {
      // a formal reference that is not closed on its line
      const close = text.indexOf('}', i);
      const nl = text.indexOf('\n', i);
      if (close < 0 || (nl >= 0 && close > nl) || close >= at) return i;
    }
  }
  return undefined;
}

/** End of a directive head: the `)` matching the `(` after the word, or the end of the line. */
function headEnd(text: string, i: number): number {
  let j = i;
  while (text[j] === ' ' || text[j] === '\t') j++;
  if (text[j] !== '(') return i;
  let depth = 0;
  let quote = '';
  for (; j < text.length; j++) {
    const c = text[j]!;
    if (quote) {
      if (c === quote) quote = '';
      else if (c === '\n') return j;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return j + 1;
    else if (c === '\n') return j;
  }
  return text.length;
}

/** The innermost block opener left open at the end of the text. */
function unclosedOpener(text: string): number | undefined {
  const stack: number[] = [];
  const re = /##[^\n]*|#\*[\s\S]*?(?:\*#|$)|#\[\[[\s\S]*?(?:\]\]#|$)|\\*#\{?(if|foreach|macro|define|end|@[A-Za-z_]\w*)\b\}?/g;
  for (const m of text.matchAll(re)) {
    const w = m[1];
    if (!w || m[0].startsWith('\\')) continue;
    if (w === 'end') stack.pop();
    else stack.push(m.index);
  }
  return stack.at(-1);
}
