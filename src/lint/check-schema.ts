/**
 * A small validator for the schemas `inferSchema` writes (type, anyOf, pattern, properties,
 * items): linting 1,000 emails must not compile 1,000 Ajv validators. The same schemas validate
 * with Ajv, as `velvet schema` users will do (see test/lint/cli.test.ts).
 */
import type { JsonSchema } from './schema.js';

export interface ValueIssue {
  /** JSON pointer of the value in the payload. */
  pointer: string;
  message: string;
}

export function checkValue(schema: JsonSchema, value: unknown, pointer = '', out: ValueIssue[] = []): ValueIssue[] {
  check(schema, value, { pointer, parent: undefined, seg: undefined }, out);
  return out;
}

/**
 * Where a value is, as a chain of segments: the pointer text is made only for a value with an
 * issue (most values of most fixtures have none).
 */
interface At {
  pointer: string | undefined;
  parent: At | undefined;
  seg: string | undefined;
}

function pointerOf(at: At): string {
  return (at.pointer ??= `${pointerOf(at.parent!)}/${at.seg!}`);
}

const patterns = new Map<string, RegExp>();

function matches(pattern: string, value: string): boolean {
  let re = patterns.get(pattern);
  if (!re) patterns.set(pattern, (re = new RegExp(pattern)));
  return re.test(value);
}

function typeOk(schema: JsonSchema, value: unknown): boolean {
  const type = schema['type'] as string | string[] | undefined;
  if (type === undefined) return true;
  const t = jsonType(value);
  return Array.isArray(type) ? type.includes(t) : type === t;
}

function check(schema: JsonSchema, value: unknown, at: At, out: ValueIssue[]): void {
  const anyOf = schema['anyOf'] as JsonSchema[] | undefined;
  if (anyOf && !anyOf.some((s) => valid(s, value))) {
    out.push({ pointer: pointerOf(at), message: 'must be a number or a numeric string: the template compares it with numbers or computes with it' });
    return;
  }
  if (!typeOk(schema, value)) {
    const type = schema['type'] as string | string[];
    const types = Array.isArray(type) ? type : [type];
    const t = types.filter((x) => x !== 'null');
    const why = t.includes('string')
      ? ': the template compares it with text or calls string methods on it'
      : t.includes('array')
        ? ': the template loops over it or indexes it'
        : ': the template reads keys from it';
    out.push({ pointer: pointerOf(at), message: `must be ${t.join(' or ')}${types.includes('null') ? ' (or null)' : ''}${why}` });
    return;
  }
  const pattern = schema['pattern'] as string | undefined;
  if (pattern !== undefined && typeof value === 'string' && !matches(pattern, value)) {
    out.push({ pointer: pointerOf(at), message: `must match ${pattern}` });
  }
  const props = schema['properties'] as Record<string, JsonSchema> | undefined;
  if (props && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    // own keys only, as Object.entries gives them: a property named __proto__ is not a key of props
    for (const k of Object.keys(props)) {
      if (Object.hasOwn(value, k)) check(props[k]!, (value as Record<string, unknown>)[k], { pointer: undefined, parent: at, seg: escape(k) }, out);
    }
  }
  const items = schema['items'] as JsonSchema | undefined;
  if (items && Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) check(items, value[i], { pointer: undefined, parent: at, seg: String(i) }, out);
  }
}

/** True when `value` has no issue against `schema` (what check would report nothing for). */
function valid(schema: JsonSchema, value: unknown): boolean {
  const anyOf = schema['anyOf'] as JsonSchema[] | undefined;
  if (anyOf && !anyOf.some((s) => valid(s, value))) return false;
  if (!typeOk(schema, value)) return false;
  const pattern = schema['pattern'] as string | undefined;
  if (pattern !== undefined && typeof value === 'string' && !matches(pattern, value)) return false;
  const props = schema['properties'] as Record<string, JsonSchema> | undefined;
  if (props && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const k of Object.keys(props)) if (Object.hasOwn(value, k) && !valid(props[k]!, (value as Record<string, unknown>)[k])) return false;
  }
  const items = schema['items'] as JsonSchema | undefined;
  if (items && Array.isArray(value)) for (const v of value) if (!valid(items, v)) return false;
  return true;
}

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v === 'object' ? 'object' : typeof v === 'bigint' ? 'number' : typeof v;
}

function escape(seg: string): string {
  return seg.includes('~') || seg.includes('/') ? seg.replace(/~/g, '~0').replace(/\//g, '~1') : seg;
}
