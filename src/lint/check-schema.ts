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
  const anyOf = schema['anyOf'] as JsonSchema[] | undefined;
  if (anyOf && !anyOf.some((s) => checkValue(s, value, pointer, []).length === 0)) {
    out.push({ pointer, message: 'must be a number or a numeric string: the template compares it with numbers or computes with it' });
    return out;
  }
  const type = schema['type'] as string | string[] | undefined;
  if (type !== undefined) {
    const types = Array.isArray(type) ? type : [type];
    if (!types.includes(jsonType(value))) {
      const t = types.filter((x) => x !== 'null');
      const why = t.includes('string')
        ? ': the template compares it with text or calls string methods on it'
        : t.includes('array')
          ? ': the template loops over it or indexes it'
          : ': the template reads keys from it';
      out.push({ pointer, message: `must be ${t.join(' or ')}${types.includes('null') ? ' (or null)' : ''}${why}` });
      return out;
    }
  }
  const pattern = schema['pattern'] as string | undefined;
  if (pattern !== undefined && typeof value === 'string' && !new RegExp(pattern).test(value)) {
    out.push({ pointer, message: `must match ${pattern}` });
  }
  const props = schema['properties'] as Record<string, JsonSchema> | undefined;
  if (props && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, s] of Object.entries(props)) {
      if (Object.hasOwn(value, k)) checkValue(s, (value as Record<string, unknown>)[k], `${pointer}/${escape(k)}`, out);
    }
  }
  const items = schema['items'] as JsonSchema | undefined;
  if (items && Array.isArray(value)) value.forEach((v, i) => checkValue(items, v, `${pointer}/${i}`, out));
  return out;
}

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v === 'object' ? 'object' : typeof v === 'bigint' ? 'number' : typeof v;
}

function escape(seg: string): string {
  return seg.replace(/~/g, '~0').replace(/\//g, '~1');
}
