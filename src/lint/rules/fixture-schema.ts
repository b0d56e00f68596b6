import { checkValue } from '../check-schema.js';
import { fixtureLocation } from '../fixture-location.js';
import { inferSchema } from '../schema.js';
import { defineRule } from '../util.js';

/**
 * Each fixture against the payload schema inferred from the template (see `velvet schema`): a
 * fixture whose value has a type the template does not expect shows a payload the backend should
 * not send, or a template that expects the wrong type.
 */
export const fixtureSchema = defineRule(
  { id: 'fixture-schema', description: 'Fixtures that do not match the payload schema inferred from the template', defaultSeverity: 'warning', needs: 'renders' },
  (c) => {
    if (!c.ast || c.email.fixtures.length === 0) return;
    const schema = inferSchema([{ ast: c.ast, analysis: c.analysis(), file: c.file, lines: c.lines }], c.email.name, { describe: false });
    for (const r of c.renders()) {
      for (const issue of checkValue(schema, r.variant.json)) {
        c.report({ message: `${issue.pointer || '/'} ${issue.message}`, loc: fixtureLocation(r.fixture, r.variant, issue.pointer), fixture: r.label });
      }
    }
  },
);
