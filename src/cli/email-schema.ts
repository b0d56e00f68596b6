/** The payload schema of a loaded email (body, subject, preheader), and a fixture payload made from it. */
import { parse, toPayload } from '../engine/index.js';
import { SourceLines } from '../json/positions.js';
import { inferSchema, type JsonSchema } from '../lint/index.js';
import { refinePayload, synthesizePayload } from '../project/fixture-synth.js';
import { renderEmail, type Email, type ResolvedConfig } from '../project/index.js';
import { findLeftoverVelocity } from '../yespo/leftover.js';

export function emailSchema(email: Pick<Email, 'name' | 'source' | 'subjectSource' | 'preheaderSource'>): JsonSchema {
  const parts: { text: string; file: string }[] = [{ text: email.source, file: 'email.html' }];
  if (email.subjectSource !== undefined) parts.push({ text: email.subjectSource, file: 'email.json#subject' });
  if (email.preheaderSource !== undefined) parts.push({ text: email.preheaderSource, file: 'email.json#preheader' });
  return inferSchema(
    parts.map((p) => ({ ast: parse(p.text, { name: p.file }), file: p.file, lines: new SourceLines(p.text) })),
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
