import { LimitError, type VelvetError } from '../../errors.js';
import { offsetAt } from '../json-string.js';
import type { RuleContext } from '../types.js';
import { defineRule } from '../util.js';

/** The error at its place in the part's text (engine positions are line and column of that text). */
function reportError(c: RuleContext, e: VelvetError, label: string): void {
  if (e.line !== undefined) {
    const at = offsetAt(c.source, e.line, e.column ?? 1);
    c.report({ message: e.reason, span: { start: at, end: at }, fixture: label });
  } else {
    c.report({ message: e.reason, span: { start: 0, end: 0 }, fixture: label });
  }
}

/** A fixture the email fails to render with (a method threw, `.get(5)` on a short list, ...). */
export const renderError = defineRule(
  { id: 'render-error', description: 'Render errors for any fixture', defaultSeverity: 'error', needs: 'renders', parts: 'all' },
  (c) => {
    for (const r of c.renders()) {
      const e = r.result.error;
      if (e && !(e instanceof LimitError)) reportError(c, e, r.label);
    }
  },
);

/** A fixture that makes the email hit a render limit (loop iterations, output size, time, depth). */
export const renderLimit = defineRule(
  { id: 'render-limit', description: 'Render limits (iterations, output size, time, depth) hit by any fixture', defaultSeverity: 'error', needs: 'renders', parts: 'all' },
  (c) => {
    for (const r of c.renders()) {
      const e = r.result.error;
      if (e instanceof LimitError) reportError(c, e, r.label);
    }
  },
);
