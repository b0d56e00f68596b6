/**
 * The HTML state machine behind htmlMap: one pass over a template's masked text (literal HTML
 * only) that records, at every directive token boundary, the mode (text, tag, attribute value,
 * comment, raw <style>/<script>) and the open elements.
 */
import type { DirectiveToken, HtmlMode, HtmlState } from './html.js';

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr', 'param']);
const TAG_START = /<(\/?)([A-Za-z][\w:-]*)/y;
const TAG_STOP = /["'>]/g;

/**
 * One pass over the masked text, recording the state at every token boundary. Between
 * boundaries it jumps with indexOf to the next character that can change the state; the open
 * element stack is copied only when it changed since the last boundary.
 */
export function scan(text: string, tokens: DirectiveToken[]): void {
  // boundaries in order: 2k is token k's start, 2k+1 its end
  const at = new Array<number>(tokens.length * 2);
  tokens.forEach((t, k) => {
    at[2 * k] = t.span.start;
    at[2 * k + 1] = t.span.end;
  });
  const order = [...at.keys()].sort((a, b) => at[a]! - at[b]! || a - b);
  let mode: HtmlMode = 'text';
  const stack: string[] = [];
  let snapshot: readonly string[] = [];
  let dirty = false;
  let quote = 34;
  let tag = '';
  let closing = false;
  let m = 0;
  const n = text.length;
  const mark = (i: number) => {
    while (m < order.length && at[order[m]!]! <= i) {
      if (dirty) {
        snapshot = [...stack];
        dirty = false;
      }
      const k = order[m++]!;
      const state: HtmlState = { mode, stack: snapshot };
      const t = tokens[k >> 1]!;
      if (k & 1) t.after = state;
      else t.before = state;
    }
  };
  /** Where the scan must look next: the next `needle`, or the next boundary if that comes first. */
  const next = (needle: string, from: number): number => {
    const j = text.indexOf(needle, from);
    const b = m < order.length ? at[order[m]!]! : n;
    return j < 0 ? Math.min(b, n) : Math.min(j, b);
  };
  let i = 0;
  while (i <= n) {
    if (m < order.length && at[order[m]!]! <= i) mark(i);
    if (i === n) break;
    if (mode === 'text') {
      const j = next('<', i);
      if (j !== i) {
        i = j;
        continue;
      }
      if (text.startsWith('<!--', i)) {
        mode = 'comment';
        i += 4;
        continue;
      }
      const c1 = text.charCodeAt(i + 1);
      if (c1 === 33 || c1 === 63) {
        mode = 'tag';
        tag = '';
        closing = true;
        i++;
        continue;
      }
      TAG_START.lastIndex = i;
      const r = TAG_START.exec(text);
      if (!r) {
        i++;
        continue;
      }
      closing = r[1] === '/';
      tag = r[2]!.toLowerCase();
      mode = 'tag';
      if (closing) {
        const k = stack.lastIndexOf(tag);
        if (k >= 0) {
          stack.length = k;
          dirty = true;
        }
      }
      i += r[0].length;
    } else if (mode === 'comment') {
      const j = next('-->', i);
      if (j !== i) {
        i = j;
        continue;
      }
      mode = 'text';
      i += 3;
    } else if (mode === 'attr') {
      const j = next(String.fromCharCode(quote), i);
      if (j !== i) {
        i = j;
        continue;
      }
      mode = 'tag';
      i++;
    } else if (mode === 'raw') {
      const j = next('<', i);
      if (j !== i) {
        i = j;
        continue;
      }
      if (text.slice(i, i + 2 + tag.length).toLowerCase() === `</${tag}`) {
        mode = 'text';
        tag = '';
      } else i++;
    } else {
      // in a tag only quotes and `>` change the state
      TAG_STOP.lastIndex = i;
      const j = TAG_STOP.exec(text) ? TAG_STOP.lastIndex - 1 : n;
      const b = m < order.length ? at[order[m]!]! : n;
      if (Math.min(j, b) !== i) {
        i = Math.min(j, b);
        continue;
      }
      const c = text.charCodeAt(i);
      if (c === 34 || c === 39) {
        quote = c;
        mode = 'attr';
      } else if (c === 62) {
        mode = 'text';
        if (!closing && tag && !VOID.has(tag) && text.charCodeAt(i - 1) !== 47) {
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
