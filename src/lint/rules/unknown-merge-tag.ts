import { findMergeTags } from '../../project/index.js';
import type { Report } from '../types.js';
import { defineRule, didYouMean } from '../util.js';

/** Merge tags (`%FIELD%`) naming no contact field of the account (config `contactFields`). */
export const unknownMergeTag = defineRule(
  { id: 'unknown-merge-tag', description: 'Merge tags that are not known contact fields (when contactFields is configured)', defaultSeverity: 'warning' },
  (c) => {
    const fields = c.config.contactFields;
    if (fields.length === 0) return;
    const known = new Set(fields.map((f) => f.toUpperCase()));
    const check = (text: string, at: (offset: number, length: number) => Omit<Report, 'message'>) => {
      for (const t of findMergeTags(text)) {
        if (known.has(t.name.toUpperCase())) continue;
        const hint = didYouMean(t.name.toUpperCase(), known);
        c.report({ message: `%${t.name}% is not a known contact field${hint ? `; did you mean %${hint}%?` : ''}`, ...at(t.offset, t.tag.length) });
      }
    };
    check(c.source, (offset, length) => ({ span: { start: offset, end: offset + length } }));
    for (const part of ['subject', 'preheader'] as const) {
      const text = part === 'subject' ? c.email.subjectSource : c.email.preheaderSource;
      if (text !== undefined) check(text, () => ({ loc: c.metaLocation(`/${part}`), span: { start: 0, end: 0 } }));
    }
  },
);
