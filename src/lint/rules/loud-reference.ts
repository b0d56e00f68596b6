import type { RefUse } from '../analysis.js';
import { pathKey } from '../analysis.js';
import { refsIn } from '../walk.js';
import { defineRule, quietForm } from '../util.js';

/** True when a condition around the use names the same payload value, a part of it or a parent. */
export function guarded(use: RefUse, key: string): boolean {
  return use.guardPaths.some((g) => g === key || key.startsWith(`${g}.`) || key.startsWith(`${g}[]`) || g.startsWith(`${key}.`) || g.startsWith(`${key}[]`));
}

/**
 * A loud reference (`$x`, not `$!x`) to payload data prints itself, Velocity code, to the reader
 * when the value is missing. Uses inside an `#if` that tests the same value are fine.
 */
export const loudReference = defineRule(
  { id: 'loud-reference', description: 'Loud references to payload values that print Velocity code when the value is missing', defaultSeverity: 'warning', parts: 'all' },
  (c) => {
    if (!c.ast) return;
    const uses = c.analysis().uses;
    const byRef = new Map(uses.map((u) => [u.ref, u]));
    for (const u of uses) {
      if (!u.inText || u.ref.quiet || u.ref.alt || u.ref.backslashes > 0) continue;
      const r = u.resolved;
      let unguarded: string | undefined;
      if (r.kind === 'payload') {
        const key = pathKey(r.path);
        if (!r.fallback && !guarded(u, key)) unguarded = key;
      } else if (r.kind === 'tool') {
        // a tool call prints itself when an argument is missing
        for (const p of u.ref.parts) {
          if (p.kind !== 'method') continue;
          for (const a of p.args) {
            for (const ar of refsIn(a)) {
              const au = byRef.get(ar);
              if (au?.resolved.kind !== 'payload' || au.resolved.fallback) continue;
              const key = pathKey(au.resolved.path);
              if (!guarded(u, key)) unguarded ??= key;
            }
          }
        }
      }
      if (unguarded === undefined) continue;
      c.report({
        message: `'${u.ref.literal}' prints as written when '${unguarded}' is missing; write '${quietForm(u.ref.literal)}' or give a fallback`,
        span: u.ref.span,
      });
    }
  },
);
