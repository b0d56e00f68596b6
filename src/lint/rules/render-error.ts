import { LimitError, type VelvetError } from '../../errors.js';
import type { RuleContext } from '../types.js';
import { defineRule } from '../util.js';

function reportError(c: RuleContext, e: VelvetError, label: string): void {
  const part = /#(subject|preheader)$/.exec(e.file ?? '')?.[1];
  if (part) {
    c.report({ message: `${part}: ${e.reason}`, loc: c.metaLocation(`/${part}`), span: { start: 0, end: 0 }, fixture: label });
  } else if (e.line !== undefined && (e.file === undefined || e.file === c.file)) {
    c.report({ message: e.reason, loc: { file: c.file, line: e.line, column: e.column ?? 1 }, fixture: label });
  } else {
    c.report({ message: e.reason, span: { start: 0, end: 0 }, fixture: label });
  }
}

/** A fixture the email fails to render with (a method threw, `.get(5)` on a short list, ...). */
export const renderError = defineRule(
  { id: 'render-error', description: 'Render errors for any fixture', defaultSeverity: 'error', needs: 'renders' },
  (c) => {
    for (const r of c.renders()) {
      for (const e of [r.result.error, r.result.metaError]) if (e && !(e instanceof LimitError)) reportError(c, e, r.label);
    }
  },
);

/** A fixture that makes the email hit a render limit (loop iterations, output size, time, depth). */
export const renderLimit = defineRule(
  { id: 'render-limit', description: 'Render limits (iterations, output size, time, depth) hit by any fixture', defaultSeverity: 'error', needs: 'renders' },
  (c) => {
    for (const r of c.renders()) {
      for (const e of [r.result.error, r.result.metaError]) if (e instanceof LimitError) reportError(c, e, r.label);
    }
  },
);
