/** The payload schema of a loaded email (body, subject, preheader), and a fixture payload made from it. */
import { join } from 'node:path';
import { parse, toPayload } from '../engine/index.js';
import { SourceLines } from '../json/positions.js';
import { inferSchema, type JsonSchema } from '../lint/index.js';
import { refinePayload, synthesizePayload } from '../project/fixture-synth.js';
import { renderEmail, type Email, type ResolvedConfig } from '../project/index.js';
import { atOpener } from './parse-errors.js';
import { findLeftoverVelocity } from '../yespo/leftover.js';

/**
 * The schema names the parts `email.html`, `email.json#subject`, ...; a syntax error names the
 * real file (`templateFile`, `metaFile`), so it reads as file:line:column from where velvet runs.
 */
export function emailSchema(email: Pick<Email, 'name' | 'source' | 'subjectSource' | 'preheaderSource'> & Partial<Pick<Email, 'templateFile' | 'metaFile' | 'dir'>>): JsonSchema {
  const meta = email.metaFile ?? (email.dir === undefined ? 'email.json' : join(email.dir, 'email.json'));
  const parts: { text: string; file: string; name: string }[] = [{ text: email.source, file: 'email.html', name: email.templateFile ?? 'email.html' }];
  if (email.subjectSource !== undefined) parts.push({ text: email.subjectSource, file: 'email.json#subject', name: `${meta}#subject` });
  if (email.preheaderSource !== undefined) parts.push({ text: email.preheaderSource, file: 'email.json#preheader', name: `${meta}#preheader` });
  return inferSchema(
    parts.map((p) => {
      try {
        return { ast: parse(p.text, { name: p.name }), file: p.file, lines: new SourceLines(p.text) };
      } catch (err) {
        throw atOpener(err, [{ name: p.name, source: p.text }]);
      }
    }),
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
