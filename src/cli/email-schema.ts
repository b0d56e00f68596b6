/** The payload schema of a loaded email (body, subject, preheader), and a fixture payload made from it. */
import { toPayload } from '../engine/index.js';
import { SourceLines } from '../json/positions.js';
import { inferSchema, type JsonSchema } from '../lint/index.js';
import { refinePayload, synthesizePayload } from '../project/fixture-synth.js';
import { renderEmail, type Email, type ResolvedConfig } from '../project/index.js';
import { emailSources, parseNamed } from './parse-errors.js';
import { findLeftoverVelocity } from '../yespo/leftover.js';

/**
 * The schema names the parts `email.html`, `email.json#subject`, ...; a syntax error names the
 * real file (`templateFile`, `metaFile`), so it reads as file:line:column from where velvet runs.
 */
export function emailSchema(email: Email): JsonSchema {
  return inferSchema(
    emailSources(email).map((p) => ({
      ast: parseNamed(p.source, p.name),
      file: p.part === 'body' ? 'email.html' : `email.json#${p.part}`,
      lines: new SourceLines(p.source),
    })),
    `Payload of ${email.name}`,
  );
}

/** A payload for `email` from its schema, checked by rendering it: values a tool needs as numbers become numbers. */
export function synthesizeFor(email: Email, config: ResolvedConfig | undefined): Record<string, unknown> {
  return refinePayload(synthesizePayload(emailSchema(email)), (json) => {
    const variant = { name: 'synthesised', payload: toPayload(JSON.stringify(json)), json, contact: {} };
    try {
      const r = renderEmail(email, { variant, config });
      return [r.html, r.subject ?? '', r.preheader ?? ''].flatMap((part) => findLeftoverVelocity(part).map((f) => part.slice(f.offset, f.offset + 300).split('\n')[0] ?? ''));
    } catch {
      return [];
    }
  });
}
