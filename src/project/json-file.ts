/** Reading a JSON settings file (config, email meta) validated by its schema; errors are ConfigErrors. */
import { readFileSync } from 'node:fs';
import { ConfigError, DataError } from '../errors.js';
import { parseJson } from '../json/parse.js';
import { assertSchema } from '../json/schema.js';
import { decodeText } from '../fixtures/text.js';

/** A check of one value beyond the schema (see config-checks.ts). */
export interface ValueCheck {
  pointer: string;
  name: string;
  check(value: unknown): string | undefined;
}

/**
 * Parse and validate `file` against `schemas/<schema>`, then run `checks` on the values they
 * name; returns the plain value. Every problem is a ConfigError at its line and column.
 */
export function readSettingsFile(file: string, schema: string, checks: readonly ValueCheck[] = []): Record<string, unknown> {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new ConfigError(`Cannot read ${file}: ${(e as Error).message}`, { file }, { cause: e });
  }
  let text: string;
  try {
    text = decodeText(bytes, file);
  } catch (e) {
    throw new ConfigError((e as DataError).reason, { file });
  }
  return parseSettings(text, file, schema, checks);
}

/**
 * Parse and validate settings `text` (of `file`, for messages, e.g. an editor's unsaved text)
 * against `schemas/<schema>`, then run `checks`.
 */
export function parseSettings(
  text: string,
  file: string,
  schema: string,
  checks: readonly ValueCheck[] = [],
): Record<string, unknown> {
  try {
    const parsed = parseJson(text, { file });
    assertSchema(schema, parsed, { file, source: text, kind: 'config' });
    for (const c of checks) {
      const value = valueAt(parsed.value, c.pointer);
      const problem = value === undefined ? undefined : c.check(value);
      if (problem === undefined) continue;
      const pos = parsed.locate(c.pointer);
      throw new ConfigError(`${c.name}: ${problem}`, { file, line: pos?.line, column: pos?.column, source: text });
    }
    return parsed.value as Record<string, unknown>;
  } catch (e) {
    // a syntax error in a settings file is a configuration problem, not a data problem
    if (e instanceof DataError) {
      throw new ConfigError(e.reason, { file, line: e.line, column: e.column, source: text }, { cause: e });
    }
    throw e;
  }
}

/** The value at a JSON pointer of plain JSON (no `~` escapes needed by velvet's option names). */
function valueAt(root: unknown, pointer: string): unknown {
  let v = root;
  for (const key of pointer.split('/').slice(1)) {
    if (!v || typeof v !== 'object' || !Object.hasOwn(v, key)) return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}
