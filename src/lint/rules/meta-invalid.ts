import { defineRule } from '../util.js';

/**
 * An email.json that cannot be read (JSON syntax, a setting its schema does not allow): the email
 * is linted without it, and this is its finding, where loading would otherwise stop the whole run.
 */
export const metaInvalid = defineRule(
  { id: 'meta-invalid', description: 'email.json files that fail to load (JSON syntax, settings the schema does not allow)', defaultSeverity: 'error' },
  (c) => {
    const e = c.email.metaError;
    if (!e) return;
    c.report({ message: `${e.reason}; the email was linted without its email.json`, loc: { file: e.file ?? c.email.metaFile ?? c.email.dir, line: e.line ?? 1, column: e.column ?? 1 } });
  },
);
