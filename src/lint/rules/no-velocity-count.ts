import { defineRule } from '../util.js';

const REPLACEMENT: Record<string, string> = { velocityCount: '$foreach.count', velocityHasNext: '$foreach.hasNext' };

/** `$velocityCount` / `$velocityHasNext` are Velocity 1.7 only: Velocity 2.x prints them as written. */
export const noVelocityCount = defineRule(
  { id: 'no-velocity-count', description: 'Velocity 1.7 loop variables ($velocityCount, $velocityHasNext) that Velocity 2.x prints literally', defaultSeverity: 'warning', parts: 'all' },
  (c) => {
    if (!c.ast) return;
    for (const u of c.analysis().uses) {
      const by = REPLACEMENT[u.ref.root];
      if (!by || u.resolved.kind !== 'builtin') continue;
      c.report({ message: `$${u.ref.root} is Velocity 1.7 only and prints as written on Velocity 2.x; use ${by}`, span: u.ref.span });
    }
  },
);
