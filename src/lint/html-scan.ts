/**
 * The HTML state machine behind htmlMap: one pass over a template's masked text (literal HTML
 * only) that records, at every directive token boundary, the mode (text, tag, attribute value,
 * comment, raw <style>/<script>) and the open elements.
 *
 * It reads character codes in plain loops (no regular expressions, no slices but one per tag
 * name), stops at every boundary, and the end of a comment or an attribute value is searched for
 * once, when it opens. The open element stack is copied, and a state object made, only when they
 * changed since the last boundary: tokens with the same state share one object.
 */
import type { DirectiveToken, HtmlMode, HtmlState } from './html.js';

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr', 'param']);

const LT = 60;
const GT = 62;
const SLASH = 47;
const DQUOTE = 34;
const SQUOTE = 39;

/** [A-Za-z] */
function isLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/** [A-Za-z0-9_:-]: what may follow the first letter of a tag name. */
function isNameChar(c: number): boolean {
  return isLetter(c) || (c >= 48 && c <= 58) || c === 95 || c === 45;
}

/** Boundary k (2j: token j's start, 2j+1: its end) in document order, ties in token order. */
function boundaryOrder(tokens: readonly DirectiveToken[]): { at: number[]; order: number[] } {
  const at = new Array<number>(tokens.length * 2);
  let sorted = true;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    at[2 * k] = t.span.start;
    at[2 * k + 1] = t.span.end;
    if (t.span.end < t.span.start || (k > 0 && t.span.start < tokens[k - 1]!.span.end)) sorted = false;
  }
  const order = [...at.keys()];
  if (!sorted) order.sort((a, b) => at[a]! - at[b]! || a - b);
  return { at, order };
}

/** True when `text` has `</tag` (ASCII case-insensitive) at `i`; `tag` is lower case. */
function closesRaw(text: string, i: number, tag: string): boolean {
  if (text.charCodeAt(i + 1) !== SLASH) return false;
  for (let k = 0; k < tag.length; k++) {
    const c = text.charCodeAt(i + 2 + k);
    if ((c >= 65 && c <= 90 ? c + 32 : c) !== tag.charCodeAt(k)) {
      // outside ASCII, lower-casing may map a character onto a letter of the tag name
      return c > 127 && text.slice(i, i + 2 + tag.length).toLowerCase() === `</${tag}`;
    }
  }
  return true;
}

/** The lower-case tag name at `from` (its first character a letter), and where it ends. */
function tagName(text: string, from: number): { name: string; end: number } {
  let j = from + 1;
  let upper = text.charCodeAt(from) <= 90;
  for (;;) {
    const c = text.charCodeAt(j);
    if (!isNameChar(c)) break;
    if (c >= 65 && c <= 90) upper = true;
    j++;
  }
  const name = text.slice(from, j);
  return { name: upper ? name.toLowerCase() : name, end: j };
}

/**
 * One pass over the masked text, recording the state at every token boundary (a boundary past
 * the end of the text keeps the token's initial state).
 */
export function scan(text: string, tokens: DirectiveToken[]): void {
  const { at, order } = boundaryOrder(tokens);
  const n = text.length;
  let mode: HtmlMode = 'text';
  const stack: string[] = [];
  let state: HtmlState = { mode, stack: [] };
  let dirty = false;
  let tag = '';
  let closing = false;
  /** Where the open comment's `-->` or the open attribute value's closing quote is (n: none). */
  let close = n;
  let m = 0;
  let b = order.length > 0 ? at[order[0]!]! : Number.POSITIVE_INFINITY;
  let i = 0;
  for (;;) {
    if (b <= i) {
      if (dirty || state.mode !== mode) {
        state = { mode, stack: dirty ? [...stack] : state.stack };
        dirty = false;
      }
      do {
        const k = order[m++]!;
        const t = tokens[k >> 1]!;
        if (k & 1) t.after = state;
        else t.before = state;
        b = m < order.length ? at[order[m]!]! : Number.POSITIVE_INFINITY;
      } while (b <= i);
    }
    if (i >= n) break;
    const stop = b < n ? b : n;
    if (mode === 'text') {
      if (text.charCodeAt(i) !== LT) {
        i++;
        while (i < stop && text.charCodeAt(i) !== LT) i++;
        continue;
      }
      const c1 = text.charCodeAt(i + 1);
      if (c1 === 33 && text.charCodeAt(i + 2) === 45 && text.charCodeAt(i + 3) === 45) {
        mode = 'comment';
        i += 4;
        const j = text.indexOf('-->', i);
        close = j < 0 ? n : j;
        continue;
      }
      if (c1 === 33 || c1 === 63) {
        mode = 'tag';
        tag = '';
        closing = true;
        i++;
        continue;
      }
      const first = c1 === SLASH ? i + 2 : i + 1;
      if (!isLetter(text.charCodeAt(first))) {
        i++;
        continue;
      }
      closing = c1 === SLASH;
      const name = tagName(text, first);
      tag = name.name;
      mode = 'tag';
      if (closing) {
        const k = stack.lastIndexOf(tag);
        if (k >= 0) {
          stack.length = k;
          dirty = true;
        }
      }
      i = name.end;
    } else if (mode === 'comment' || mode === 'attr') {
      if (i < close) {
        i = close < stop ? close : stop;
        continue;
      }
      if (mode === 'comment') {
        mode = 'text';
        i += 3;
      } else {
        mode = 'tag';
        i++;
      }
    } else if (mode === 'raw') {
      if (text.charCodeAt(i) !== LT) {
        i++;
        while (i < stop && text.charCodeAt(i) !== LT) i++;
        continue;
      }
      // the `</style` itself is read again in text mode, where it closes the element
      if (closesRaw(text, i, tag)) {
        mode = 'text';
        tag = '';
      } else i++;
    } else {
      // in a tag only quotes and `>` change the state
      let c = text.charCodeAt(i);
      if (c !== DQUOTE && c !== SQUOTE && c !== GT) {
        i++;
        while (i < stop && (c = text.charCodeAt(i)) !== DQUOTE && c !== SQUOTE && c !== GT) i++;
        continue;
      }
      if (c === DQUOTE || c === SQUOTE) {
        mode = 'attr';
        const j = text.indexOf(c === DQUOTE ? '"' : "'", i + 1);
        close = j < 0 ? n : j;
      } else {
        mode = 'text';
        if (!closing && tag && !VOID.has(tag) && text.charCodeAt(i - 1) !== SLASH) {
          stack.push(tag);
          dirty = true;
          if (tag === 'style' || tag === 'script') mode = 'raw';
        }
        if (mode === 'text') tag = '';
      }
      i++;
    }
  }
}
