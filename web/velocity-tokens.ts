/**
 * The Velocity parts of a template, for highlighting over the HTML: comments (`##`, `#* *#`),
 * unparsed blocks (`#[[ ]]#`), directives (`#if(...)`, `#{else}`, macro calls), references
 * (`$name`, `$!{name.method('x')}`) and, inside their arguments, strings, numbers and operators.
 * A highlighter, not the parser: it never fails, and text it does not know stays HTML.
 */
export type VelocityTokenKind = 'comment' | 'unparsed' | 'directive' | 'reference' | 'string' | 'number' | 'keyword';

export interface VelocityToken {
  from: number;
  to: number;
  kind: VelocityTokenKind;
}

/** Directives that take no arguments (or may go without them): anything else needs `(`. */
const BARE = new Set(['else', 'end', 'break', 'stop']);
const KEYWORDS = new Set(['in', 'true', 'false', 'null', 'and', 'or', 'not', 'eq', 'ne', 'lt', 'gt', 'le', 'ge']);
const DIRECTIVE = /#(\{)?(@?[a-zA-Z][\w-]*)(\})?/y;
const REFERENCE = /\$(!)?(\{)?[a-zA-Z_][\w-]*/y;
const NAME = /\.[a-zA-Z_][\w-]*/y;
const NUMBER = /-?\d+(\.\d+)?/y;
const WORD = /[a-zA-Z_]\w*/y;
/** Arguments longer than this are left as they are (a `(` that never closes). */
const MAX_ARGS = 20_000;

function match(re: RegExp, text: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(text);
}

export function velocityTokens(text: string): VelocityToken[] {
  const out: VelocityToken[] = [];
  const n = text.length;
  const push = (from: number, to: number, kind: VelocityTokenKind): void => {
    if (to > from) out.push({ from, to, kind });
  };

  /** A string literal from its opening quote; returns the position after it. */
  const string = (at: number): number => {
    const q = text[at];
    let j = at + 1;
    while (j < n && text[j] !== q && text[j] !== '\n') j++;
    const end = Math.min(n, j + 1);
    push(at, end, 'string');
    return end;
  };

  /** Arguments from the opening bracket to its match (inclusive); returns the position after. */
  const args = (at: number): number => {
    let depth = 0;
    let j = at;
    const stop = Math.min(n, at + MAX_ARGS);
    while (j < stop) {
      const c = text[j] as string;
      if (c === '(' || c === '[' || c === '{') depth++;
      else if (c === ')' || c === ']' || c === '}') {
        depth--;
        if (depth === 0) return j + 1;
      } else if (c === '"' || c === "'") {
        j = string(j);
        continue;
      } else if (c === '$') {
        j = reference(j);
        continue;
      } else if (/[0-9-]/.test(c) && !/[\w$]/.test(text[j - 1] ?? ' ')) {
        const m = match(NUMBER, text, j);
        if (m) {
          push(j, j + m[0].length, 'number');
          j += m[0].length;
          continue;
        }
      } else if (/[a-zA-Z_]/.test(c)) {
        const m = match(WORD, text, j) as RegExpExecArray;
        if (KEYWORDS.has(m[0])) push(j, j + m[0].length, 'keyword');
        j += m[0].length;
        continue;
      } else if (/[=!<>&|+*/%]/.test(c)) push(j, j + 1, 'keyword');
      j++;
    }
    return j;
  };

  /** A reference with its properties, calls and index; returns the position after it. */
  function reference(at: number): number {
    const m = match(REFERENCE, text, at);
    if (!m) return at + 1;
    const braced = m[2] !== undefined;
    let start = at;
    let j = at + m[0].length;
    for (;;) {
      const prop = match(NAME, text, j);
      if (prop) {
        j += prop[0].length;
        continue;
      }
      if (text[j] === '(' || text[j] === '[') {
        push(start, j, 'reference');
        j = args(j);
        start = j;
        continue;
      }
      break;
    }
    if (braced && text[j] === '}') j++;
    push(start, j, 'reference');
    return j;
  }

  let i = 0;
  while (i < n) {
    const c = text[i];
    if (c === '\\') {
      // an escaped reference or directive is text
      while (text[i] === '\\') i++;
      if (text[i] === '$' || text[i] === '#') i++;
      continue;
    }
    if (c === '$') {
      i = reference(i);
      continue;
    }
    if (c !== '#') {
      i++;
      continue;
    }
    const d = text[i + 1];
    if (d === '#') {
      const end = text.indexOf('\n', i);
      const to = end < 0 ? n : end;
      push(i, to, 'comment');
      i = to;
    } else if (d === '*') {
      const end = text.indexOf('*#', i + 2);
      const to = end < 0 ? n : end + 2;
      push(i, to, 'comment');
      i = to;
    } else if (d === '[' && text[i + 2] === '[') {
      const end = text.indexOf(']]#', i + 3);
      const to = end < 0 ? n : end + 3;
      push(i, to, 'unparsed');
      i = to;
    } else {
      const m = match(DIRECTIVE, text, i);
      if (!m || (m[1] !== undefined) !== (m[3] !== undefined)) {
        i++;
        continue;
      }
      const name = m[2] as string;
      let j = i + m[0].length;
      while (text[j] === ' ' || text[j] === '\t') j++;
      if (text[j] === '(') {
        push(i, i + m[0].length, 'directive');
        i = args(j);
      } else if (BARE.has(name)) {
        push(i, i + m[0].length, 'directive');
        i += m[0].length;
      } else i += m[0].length; // `#fff` in CSS, `#top` in a link: text
    }
  }
  return out;
}
