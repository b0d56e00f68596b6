/**
 * JSON Schema validation (Ajv, draft-07) of parsed JSON, turning the first relevant Ajv error into
 * a located error: file:line:column, code frame and JSON pointer. The schemas live in the
 * package's `schemas/` folder so editors can use the same files through `$schema`; the validators
 * are Ajv's code for them, generated ahead of time (scripts/build-validators.ts), since loading
 * Ajv and compiling the schemas took longer than checking the files of a large project.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { ConfigError, DataError } from '../errors.js';
import type { ParsedJson } from './parse.js';
import { VALIDATORS } from './validators.generated.js';

export interface SchemaIssue {
  /** JSON pointer of the offending value (or property, for unknown ones). */
  pointer: string;
  message: string;
  /** Point at the property name rather than the value. */
  atKey: boolean;
}

/** The `schemas/` folder: found by walking up from this module (works from src/ and dist/). */
export function schemasDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'schemas');
    if (existsSync(join(candidate, 'fixture.schema.json'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('velvet: the schemas folder was not found');
    dir = parent;
  }
}

/**
 * The compiled validator of a schema file in `schemas/`, e.g. "config.schema.json" (compiled
 * with `allErrors` and `verbose`: errors carry their parent schema, used to list the allowed
 * property names).
 */
export function validator(name: string): ValidateFunction {
  const v = Object.hasOwn(VALIDATORS, name) ? (VALIDATORS as Record<string, unknown>)[name] : undefined;
  if (!v) throw new Error(`velvet: unknown schema ${name}`);
  return v as ValidateFunction;
}

/** Validate `value`; the most specific problems first (deepest pointer), empty when valid. */
export function schemaIssues(name: string, value: unknown): SchemaIssue[] {
  const v = validator(name);
  if (v(value)) return [];
  const errors = (v.errors ?? []).filter((e) => !['anyOf', 'oneOf', 'if', '$ref'].includes(e.keyword));
  const issues = dedupe((errors.length > 0 ? errors : (v.errors ?? [])).map(toIssue));
  // stable sort: deeper pointers are more specific than their parents
  return issues
    .map((issue, i) => ({ issue, i }))
    .sort((a, b) => depth(b.issue.pointer) - depth(a.issue.pointer) || a.i - b.i)
    .map((x) => x.issue);
}

/**
 * Validate parsed JSON against a schema and throw the first problem as a located error:
 * DataError (with `pointer`) for fixtures, ConfigError for config and meta files.
 */
export function assertSchema(
  name: string,
  parsed: ParsedJson,
  loc: { file: string; source: string; kind: 'data' | 'config' },
): void {
  const issue = schemaIssues(name, parsed.value)[0];
  if (issue) throw locatedError(issue, parsed, loc);
}

/** Build the error for one issue, positioned at its pointer. */
export function locatedError(
  issue: SchemaIssue,
  parsed: ParsedJson,
  loc: { file: string; source: string; kind: 'data' | 'config' },
): DataError | ConfigError {
  const pos = parsed.locate(issue.pointer, issue.atKey ? 'key' : 'value') ?? parsed.locate('');
  const where = { file: loc.file, source: loc.source, line: pos?.line, column: pos?.column };
  if (loc.kind === 'config') return new ConfigError(issue.message, where);
  const err = new DataError(issue.message, where);
  err.pointer = issue.pointer;
  return err;
}

/** propertyNames reports a bad key twice (the pattern and the propertyNames keyword). */
function dedupe(issues: SchemaIssue[]): SchemaIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const k = `${i.pointer}\n${i.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function depth(pointer: string): number {
  return pointer === '' ? 0 : pointer.split('/').length;
}

function label(pointer: string): string {
  return pointer === '' ? 'The top level' : `'${pointer}'`;
}

function toIssue(e: ErrorObject): SchemaIssue {
  const at = e.instancePath;
  const p = e.params as Record<string, unknown>;
  // errors inside `propertyNames` are about a key, which Ajv names in `propertyName`
  const badKey = (e as { propertyName?: string }).propertyName;
  if (badKey !== undefined) {
    const rule = e.keyword === 'pattern' ? ` (must match ${String(p['pattern'])})` : '';
    return { pointer: `${at}/${escape(badKey)}`, message: `Invalid property name '${badKey}'${rule}`, atKey: true };
  }
  switch (e.keyword) {
    case 'additionalProperties': {
      const prop = String(p['additionalProperty']);
      const allowed = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const hint = allowed.length > 0 ? ` (expected one of: ${allowed.join(', ')})` : '';
      return { pointer: `${at}/${escape(prop)}`, message: `Unknown property '${prop}'${hint}`, atKey: true };
    }
    case 'required':
      return { pointer: at, message: `${label(at)} is missing the required property '${String(p['missingProperty'])}'`, atKey: false };
    case 'type': {
      // the schema's description says what is expected there, e.g. v1's escaped JSON strings
      const doc = at === '' ? undefined : docOf(e);
      const message = `${label(at)} must be ${article(String(p['type']))}, not ${describe(e.data)}`;
      return { pointer: at, message: doc ? `${message}. ${doc}` : message, atKey: false };
    }
    case 'enum': {
      const allowed = (p['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ');
      return { pointer: at, message: `${label(at)} must be one of ${allowed}, not ${JSON.stringify(e.data)}`, atKey: false };
    }
    case 'pattern': {
      const doc = docOf(e);
      return { pointer: at, message: doc ? `${label(at)} is invalid: ${doc}` : `${label(at)} ${e.message ?? 'is invalid'}`, atKey: false };
    }
    case 'propertyNames':
      return { pointer: at, message: `${label(at)} has an invalid property name '${String(p['propertyName'])}'`, atKey: false };
    default:
      return { pointer: at, message: `${label(at)} ${e.message ?? 'is invalid'}`, atKey: false };
  }
}

function docOf(e: ErrorObject): string | undefined {
  return (e.parentSchema as { description?: string } | undefined)?.description;
}

function escape(seg: string): string {
  return seg.replace(/~/g, '~0').replace(/\//g, '~1');
}

function article(types: string): string {
  const words = types.split(',').map((t) => (t === 'null' ? 'null' : /^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`));
  const last = words.pop() ?? '';
  return words.length > 0 ? `${words.join(', ')} or ${last}` : last;
}

/** JSON type of a value for messages: "a string", "an array", "null". */
export function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'number') return Number.isInteger(v) ? 'an integer' : 'a number';
  return `a ${typeof v}`;
}
