import { Ajv, type ErrorObject } from 'ajv';
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
    const schema = inferSchema([{ ast: c.ast, file: c.file, lines: c.lines }], c.email.name);
    const validate = new Ajv({ allErrors: true, strict: false, validateFormats: false }).compile(schema);
    for (const r of c.renders()) {
      if (validate(r.variant.json)) continue;
      for (const e of pick(validate.errors ?? [])) {
        const at = e.instancePath || '/';
        c.report({ message: `${at} ${describe(e)}`, loc: fixtureLocation(r.fixture, r.variant, e.instancePath), fixture: r.label });
      }
    }
  },
);

/** One error per value: the anyOf summary when there is one. */
function pick(errors: ErrorObject[]): ErrorObject[] {
  const byPath = new Map<string, ErrorObject>();
  for (const e of errors) {
    const prev = byPath.get(e.instancePath);
    if (!prev || e.keyword === 'anyOf') byPath.set(e.instancePath, e);
  }
  return [...byPath.values()];
}

function describe(e: ErrorObject): string {
  if (e.keyword === 'anyOf') return 'must be a number or a numeric string: the template compares it with numbers or computes with it';
  if (e.keyword === 'type') {
    const t = String((e.params as { type?: unknown }).type).split(',').filter((x) => x !== 'null');
    const why = t.includes('string') ? ': the template compares it with text or calls string methods on it' : t.includes('array') ? ': the template loops over it or indexes it' : ': the template reads keys from it';
    return `must be ${t.join(' or ')} (or null)${why}`;
  }
  return e.message ?? 'does not match the inferred schema';
}
