/** Reading a JSON settings file (config, email meta) validated by its schema; errors are ConfigErrors. */
import { readFileSync } from 'node:fs';
import { ConfigError, DataError } from '../errors.js';
import { parseJson } from '../json/parse.js';
import { assertSchema } from '../json/schema.js';

/** Parse and validate `file` against `schemas/<schema>`; returns the plain value. */
export function readSettingsFile(file: string, schema: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(`Cannot read ${file}: ${(e as Error).message}`, { file }, { cause: e });
  }
  return parseSettings(text, file, schema);
}

/** Parse and validate settings `text` (of `file`, for messages) against `schemas/<schema>`. */
export function parseSettings(text: string, file: string, schema: string): Record<string, unknown> {
  try {
    const parsed = parseJson(text, { file });
    assertSchema(schema, parsed, { file, source: text, kind: 'config' });
    return parsed.value as Record<string, unknown>;
  } catch (e) {
    // a syntax error in a settings file is a configuration problem, not a data problem
    if (e instanceof DataError) {
      throw new ConfigError(e.reason, { file, line: e.line, column: e.column, source: text }, { cause: e });
    }
    throw e;
  }
}
