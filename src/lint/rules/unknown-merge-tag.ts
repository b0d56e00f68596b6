import { findMergeTags } from '../../project/index.js';
import { defineRule, didYouMean } from '../util.js';

/** Merge tags (`%FIELD%`) naming no contact field of the account (config `contactFields`). */
export const unknownMergeTag = defineRule(
  { id: 'unknown-merge-tag', description: 'Merge tags that are not known contact fields (when contactFields is configured)', defaultSeverity: 'warning', parts: 'all' },
  (c) => {
    const fields = c.config.contactFields;
    if (fields.length === 0) return;
    const known = new Set(fields.map((f) => f.toUpperCase()));
    for (const t of findMergeTags(c.source)) {
      if (known.has(t.name.toUpperCase())) continue;
      const hint = didYouMean(t.name.toUpperCase(), known);
      c.report({ message: `%${t.name}% is not a known contact field${hint ? `; did you mean %${hint}%?` : ''}`, span: { start: t.offset, end: t.offset + t.tag.length } });
    }
  },
);
