import { defineRule } from '../util.js';

/** Every parse error of the body, subject and preheader templates, found with recovery. */
export const syntax = defineRule(
  { id: 'syntax', description: 'Velocity syntax errors (all of them, not only the first)', defaultSeverity: 'error', parts: 'all' },
  (c) => {
    for (const p of c.syntax) c.report({ message: p.message, span: { start: p.offset, end: p.offset } });
  },
);
