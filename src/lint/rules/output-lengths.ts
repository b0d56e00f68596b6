import type { RuleContext } from '../types.js';
import { defineRule } from '../util.js';

/**
 * Characters clients pad a preheader with so that body text does not follow it into the inbox
 * line (zero-width and combining joiners, figure and no-break spaces, soft hyphens): not text.
 */
const PADDING = /[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\u3164\ufeff]/g;

/** A rendered subject or preheader as the inbox shows it: padding dropped, spaces collapsed; length in characters. */
export function visibleText(text: string): { text: string; length: number } {
  const t = text.replace(PADDING, ' ').replace(/\s+/g, ' ').trim();
  return { text: t, length: codePoints(t) };
}

/** The number of code points of `t` (as `[...t].length`, without the array): a surrogate pair is one. */
function codePoints(t: string): number {
  let n = t.length;
  for (let i = 0; i < t.length - 1; i++) {
    const c = t.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = t.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

function eachPartRender(c: RuleContext, part: 'subject' | 'preheader', check: (length: number) => string | undefined): void {
  if (c.part !== part || !c.ast) return;
  for (const r of c.renders()) {
    if (r.result.html === undefined) continue;
    const message = check(visibleText(r.result.html).length);
    if (message) c.report({ message, span: { start: 0, end: 0 }, fixture: r.label });
  }
}

export const outputSubjectLength = defineRule(
  { id: 'output-subject-length', description: 'Rendered subjects longer than lint.subjectMaxLength characters (default 70)', defaultSeverity: 'warning', needs: 'renders', parts: 'all' },
  (c) => {
    const max = c.config.lint.subjectMaxLength;
    eachPartRender(c, 'subject', (n) => (n > max ? `The subject renders ${n} characters, more than ${max}: inboxes cut it off` : undefined));
  },
);

export const outputPreheaderLength = defineRule(
  {
    id: 'output-preheader-length',
    description: 'Rendered preheaders shorter than lint.preheaderMinLength (30) or longer than lint.preheaderMaxLength (140) characters',
    defaultSeverity: 'warning',
    needs: 'renders',
    parts: 'all',
  },
  (c) => {
    const { preheaderMinLength: min, preheaderMaxLength: max } = c.config.lint;
    eachPartRender(c, 'preheader', (n) =>
      n < min
        ? `The preheader renders ${n} characters, fewer than ${min}: clients fill the rest of the inbox line with the start of the body`
        : n > max
          ? `The preheader renders ${n} characters, more than ${max}: inboxes show only the start`
          : undefined,
    );
  },
);
