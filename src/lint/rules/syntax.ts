import { parseWithRecovery } from '../recover.js';
import { defineRule } from '../util.js';

/** Every parse error of the body, subject and preheader templates, found with recovery. */
export const syntax = defineRule(
  { id: 'syntax', description: 'Velocity syntax errors (all of them, not only the first)', defaultSeverity: 'error' },
  (c) => {
    for (const p of c.syntax) c.report({ message: p.message, span: { start: p.offset, end: p.offset } });
    for (const part of ['subject', 'preheader'] as const) {
      const text = part === 'subject' ? c.email.subjectSource : c.email.preheaderSource;
      if (text === undefined) continue;
      const { problems } = parseWithRecovery(text, `${c.email.metaFile ?? 'email.json'}#${part}`);
      const loc = c.metaLocation(`/${part}`);
      for (const p of problems) {
        c.report({ message: `${part}: ${p.message} (character ${p.offset + 1} of the ${part})`, loc, span: loc ? undefined : { start: 0, end: 0 } });
      }
    }
  },
);
