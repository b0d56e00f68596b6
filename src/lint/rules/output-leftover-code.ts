import type { DefaultTreeAdapterTypes as T } from 'parse5';
import { walkLocated } from '../output-doc.js';
import type { Analysis } from '../analysis.js';
import { defineRule } from '../util.js';

export const LEFTOVER = /\$!?\{?[A-Za-z][\w-]*(?:\.[A-Za-z]\w*(?:\([^()\n]*\))?)*\}?|#\{?(?:if|elseif|else|end|foreach|set|break|stop|macro|parse|include|evaluate|define)\b\}?/g;

/** LEFTOVER's directive names by their first letter (a `#` before anything else, as in colours, is skipped at once). */
const DIRECTIVES = new Map<number, string[]>();
for (const d of ['if', 'elseif', 'else', 'end', 'foreach', 'set', 'break', 'stop', 'macro', 'parse', 'include', 'evaluate', 'define']) {
  const c = d.charCodeAt(0);
  DIRECTIVES.set(c, [...(DIRECTIVES.get(c) ?? []), d]);
}

const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isWord = (c: number) => isLetter(c) || (c >= 48 && c <= 57) || c === 95;

/**
 * Whether LEFTOVER matches somewhere in `html`, by `indexOf` and character tests (most outputs
 * hold no code, and this is asked of every one): a `$`, an optional `!` and `{`, then a letter;
 * or a `#`, an optional `{`, then a directive's name that ends a word.
 */
export function mayHoldCode(html: string): boolean {
  for (let i = html.indexOf('$'); i >= 0; i = html.indexOf('$', i + 1)) {
    let k = i + 1;
    if (html.charCodeAt(k) === 33) k++;
    if (html.charCodeAt(k) === 123) k++;
    if (isLetter(html.charCodeAt(k))) return true;
  }
  for (let i = html.indexOf('#'); i >= 0; i = html.indexOf('#', i + 1)) {
    let k = i + 1;
    if (html.charCodeAt(k) === 123) k++;
    const names = DIRECTIVES.get(html.charCodeAt(k));
    if (names === undefined) continue;
    for (const d of names) {
      if (html.startsWith(d, k) && !isWord(html.charCodeAt(k + d.length))) return true;
    }
  }
  return false;
}

/** A piece of text of the output as a reader (or Outlook) gets it, with its place in the HTML. */
interface Piece {
  text: string;
  /** Offset of `text` in the HTML when it is there as written, else of the node holding it. */
  at: number;
  exact: boolean;
}

/**
 * Velocity code left in the rendered output of a fixture: a loud reference to a missing value,
 * a method Velocity could not call, or a directive the engine took for text. The reader sees it.
 * Text, attribute values and comments of the parsed output are read; CSS in <style> blocks is
 * not (`#if` cannot be there, `#end` may be an id selector).
 */
export const outputLeftoverCode = defineRule(
  { id: 'output-leftover-code', description: 'Velocity code ($, ${, #) left in the rendered output of a fixture', defaultSeverity: 'error', needs: 'renders', parts: 'all' },
  (c) => {
    if (!c.ast) return;
    // the template's loud references, read only when an output holds code
    let loud: Analysis['uses'] | undefined;
    for (const r of c.renders()) {
      const html = r.result.html;
      // most outputs hold no code at all (colours such as #e07a2f are not): no need to walk the tree
      if (html === undefined || !mayHoldCode(html)) continue;
      const uses = (loud ??= c.analysis().uses.filter((u) => u.inText && !u.ref.quiet));
      for (const p of pieces(r.document()!.located(), html)) {
        for (const m of p.text.matchAll(LEFTOVER)) {
          const found = m[0];
          const use = uses.find((u) => u.ref.literal === found) ?? uses.find((u) => found.startsWith(u.ref.literal) || u.ref.literal.startsWith(found));
          // with no fixtures, every loud reference to payload data prints itself; loud-reference
          // reports those already
          if (r.empty && use?.resolved.kind === 'payload') continue;
          const at = use ? use.ref.span.start : c.source.indexOf(found);
          const span = at >= 0 ? { start: at, end: at + (use?.ref.literal.length ?? found.length) } : { start: 0, end: 0 };
          const start = p.exact ? p.at + m.index : p.at;
          c.report({ message: `The output shows Velocity code '${found}'`, span, fixture: r.label, output: { start, end: p.exact ? start + found.length : start } });
        }
      }
    }
  },
);

function pieces(root: T.ParentNode, html: string): Piece[] {
  const out: Piece[] = [];
  const add = (text: string, start: number | undefined, end: number | undefined, inner = 0) => {
    if (start === undefined || end === undefined) return out.push({ text, at: 0, exact: false });
    const raw = html.slice(start + inner, end - (inner ? 3 : 0));
    out.push({ text, at: start + inner, exact: raw === text });
  };
  walkLocated(root, (ch) => {
    const loc = ch.sourceCodeLocation;
    if (ch.nodeName === '#text') add((ch as T.TextNode).value, loc?.startOffset, loc?.endOffset);
    else if (ch.nodeName === '#comment') add((ch as T.CommentNode).data, loc?.startOffset, loc?.endOffset, 4);
    else if ('tagName' in ch) {
      for (const a of ch.attrs) {
        const l = ch.sourceCodeLocation?.attrs?.[a.name];
        const raw = l ? html.slice(l.startOffset, l.endOffset) : '';
        const i = raw.lastIndexOf(a.value);
        out.push({ text: a.value, at: l ? l.startOffset + Math.max(0, i) : 0, exact: i >= 0 });
      }
      return ch.nodeName !== 'style';
    }
    return false;
  });
  return out;
}
