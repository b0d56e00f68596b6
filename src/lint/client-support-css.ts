/** Positions in CSS text for the client-support checks: caniemail's line/column positions as offsets, at-rules, functions. */
import { cssFunctions } from './client-support-data.js';

/** caniemail's titles of CSS properties: `margin`, `height property`, `font shorthand`. */
export const PROPERTY_TITLE = /^([a-z-]+)(?: (property|shorthand))?$/;

/** `name(` in a value or in CSS text; `var(--x)` too. */
export const FUNCTION = /(?<![\w-])([a-zA-Z-]+)\(/g;

/** The function features a declaration's value uses. */
export function functionsIn(value: string): string[] {
  if (!value.includes('(')) return [];
  const out: string[] = [];
  for (const m of value.matchAll(FUNCTION)) {
    const title = cssFunctions().get(m[1]!.toLowerCase());
    if (title !== undefined && !out.includes(title)) out.push(title);
  }
  return out;
}

export function lineStarts(text: string): number[] {
  const out = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) out.push(i + 1);
  return out;
}

/** A caniemail position (1-based line and column) as offsets; a rule's range is cut to its selector. */
export function placeOf(
  css: string,
  lines: number[],
  pos: { start: { line: number; column: number }; end: { line: number; column: number } },
  title: string,
): { start: number; end: number } {
  const at = (p: { line: number; column: number }) => Math.min(css.length, (lines[p.line - 1] ?? css.length) + p.column - 1);
  const start = at(pos.start);
  let end = Math.max(start, at(pos.end));
  const brace = css.indexOf('{', start);
  if (brace >= 0 && brace < end && !PROPERTY_TITLE.test(title)) end = brace;
  const text = css.slice(start, end);
  return { start, end: start + text.trimEnd().length };
}

/** Each `@name` of an at-rule title in the CSS (caniemail gives at-rules no position). */
export function atRules(css: string, title: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const re = new RegExp(`${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w-])`, 'gi');
  for (let m = re.exec(css); m; m = re.exec(css)) out.push({ start: m.index, end: m.index + m[0].length });
  return out;
}
