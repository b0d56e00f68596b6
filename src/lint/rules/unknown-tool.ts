import { rootSpan } from '../analysis.js';
import { defineRule, providedPaths } from '../util.js';

/** Tool names from VelocityTools or other platforms that Yespo does not put in the context. */
const SUGGEST: Record<string, string | undefined> = {
  math: '$mathTool', number: '$numberTool', convert: '$numberTool', date: '$dateTool', dateTool2: '$dateTool',
  esc: undefined, json: undefined, display: undefined, render: undefined, link: undefined, sorter: undefined,
  alternator: undefined, text: undefined, field: undefined, loop: undefined, context: undefined, collection: undefined,
  import: undefined, cookie: undefined, params: undefined, resource: undefined, log: undefined, class: undefined,
};

export const unknownTool = defineRule(
  { id: 'unknown-tool', description: 'Tool names Yespo does not provide ($math, $esc, ...): only $mathTool, $numberTool and $dateTool exist', defaultSeverity: 'error', needs: 'renders', parts: 'all' },
  (c) => {
    if (!c.ast) return;
    let provided: Set<string> | undefined;
    for (const u of c.analysis().uses) {
      const root = u.ref.root;
      if (!(root in SUGGEST) || u.resolved.kind !== 'payload' || u.ref.parts[0]?.kind !== 'method') continue;
      const seg = u.resolved.path[0];
      if (!seg || !('key' in seg) || seg.key !== root) continue; // a #set variable of that name
      provided ??= providedPaths(c.renders());
      if (provided.has(root)) continue;
      const by = SUGGEST[root];
      c.report({
        message: by
          ? `Yespo has no $${root} tool, so '${u.ref.literal}' prints as written; use ${by}`
          : `Yespo has no $${root} tool, so '${u.ref.literal}' prints as written (Yespo provides $mathTool, $numberTool and $dateTool)`,
        span: rootSpan(u.ref),
      });
    }
  },
);
