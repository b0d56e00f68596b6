import { defineRule } from '../util.js';

/** Fixture files that cannot be read: bad JSON, or not a payload format velvet knows. */
export const fixtureInvalid = defineRule(
  { id: 'fixture-invalid', description: 'Fixture files that fail to load (JSON syntax, payload format)', defaultSeverity: 'error' },
  (c) => {
    for (const e of c.email.fixtureErrors) {
      const file = e.file ?? c.email.dir;
      c.report({ message: e.reason, loc: { file, line: e.line ?? 1, column: e.column ?? 1 } });
    }
  },
);
