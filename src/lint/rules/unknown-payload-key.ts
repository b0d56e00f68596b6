import { childKey } from '../analysis.js';
import { defineRule, didYouMean, providedPaths, siblingKeys } from '../util.js';

/** Payload values the template reads that no fixture provides: usually a typo, or a missing fixture. */
export const unknownPayloadKey = defineRule(
  { id: 'unknown-payload-key', description: 'References to payload keys that no fixture provides (with "did you mean")', defaultSeverity: 'warning', needs: 'renders', parts: 'all' },
  (c) => {
    if (!c.ast || c.email.fixtures.length === 0) return;
    const provided = providedPaths(c.renders());
    for (const u of c.analysis().uses) {
      const r = u.resolved;
      if (r.kind !== 'payload') continue;
      // the keys of the path's prefixes, each made from the one before
      let parent = '';
      for (let i = 0; i < r.path.length; i++) {
        const seg = r.path[i]!;
        const key = childKey(parent, seg);
        if (provided.has(key)) {
          parent = key;
          continue;
        }
        // a list item of a list no fixture fills says nothing about the item's keys
        if (!('key' in seg)) break;
        if (parent && !provided.has(parent)) break;
        const hint = didYouMean(seg.key, siblingKeys(provided, parent));
        const where = parent ? ` in '${parent}'` : '';
        c.report({
          message: `No fixture provides '${seg.key}'${where}${hint ? `; did you mean '${hint}'?` : ''}`,
          span: seg.span,
        });
        break;
      }
    }
  },
);
