import { pathKey } from '../analysis.js';
import { defineRule } from '../util.js';

/**
 * `.get(N)` / `[N]` with a constant index on a payload list: Yespo fails the send when the list is
 * shorter. Fine inside an `#if` that checks the list's size (or, for index 0, that the list is
 * not empty, since Velocity 2.x treats an empty list as false).
 */
export const constantIndex = defineRule(
  { id: 'constant-index', description: '.get(N) with a constant index on a list without a size check', defaultSeverity: 'warning', parts: 'all' },
  (c) => {
    if (!c.ast) return;
    for (const u of c.analysis().uses) {
      const r = u.resolved;
      if (r.kind !== 'payload') continue;
      r.path.forEach((seg, i) => {
        if ('key' in seg || seg.index === undefined) return;
        const list = pathKey(r.path.slice(0, i));
        if (u.sizeGuards.includes(list)) return;
        if (seg.index === 0 && u.guardPaths.some((g) => g === list || g.startsWith(`${list}[]`))) return;
        const part = u.ref.parts.find((p) => p.span.start <= seg.span.start && seg.span.start < p.span.end);
        const written = c.source.slice(u.ref.span.start + u.ref.backslashes, part?.span.start ?? seg.span.start).replace(/^\$!?\{?/, '$');
        c.report({
          message: `Index ${seg.index} of '${list}' fails the send when the list has ${seg.index === 0 ? 'no items' : `only ${seg.index} item${seg.index === 1 ? '' : 's'}`}; guard it with #if(${written}.size() > ${seg.index}) or use #foreach`,
          span: seg.span,
        });
      });
    }
  },
);
