/**
 * Validates a SARIF log against the official SARIF 2.1.0 JSON Schema (draft-04), the copy
 * shipped in Microsoft's @microsoft/jest-sarif package, with Ajv's draft-04 build.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import AjvDraft04 from 'ajv-draft-04';

const require = createRequire(import.meta.url);
const schemaFile = join(dirname(require.resolve('@microsoft/jest-sarif/package.json')), 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json');
const schema = JSON.parse(readFileSync(schemaFile, 'utf8')) as object;

// unicodeRegExp off: the schema's language-tag pattern is not valid with the u flag
export const validateSarif = new AjvDraft04.default({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false }).compile(schema);
