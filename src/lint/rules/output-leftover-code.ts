import { defineRule } from '../util.js';

const LEFTOVER = /\$!?\{?[A-Za-z][\w-]*(?:\.[A-Za-z]\w*(?:\([^()\n]*\))?)*\}?|#\{?(?:if|elseif|else|end|foreach|set|break|stop|macro|parse|include|evaluate|define)\b\}?/g;

/**
 * Velocity code left in the rendered output of a fixture: a loud reference to a missing value,
 * a method Velocity could not call, or a directive the engine took for text. The reader sees it.
 */
export const outputLeftoverCode = defineRule(
  { id: 'output-leftover-code', description: 'Velocity code ($, ${, #) left in the rendered output of a fixture', defaultSeverity: 'error', needs: 'renders', parts: 'all' },
  (c) => {
    if (!c.ast) return;
    const loud = c.analysis().uses.filter((u) => u.inText && !u.ref.quiet);
    for (const r of c.renders()) {
      const html = r.result.html;
      if (html === undefined) continue;
      const styles = styleRanges(html);
      let k = 0;
      for (const m of html.matchAll(LEFTOVER)) {
        // CSS in <style> blocks (`#if` cannot be there, `#end` may be an id selector) is skipped
        while (k < styles.length && styles[k]![1] <= m.index) k++;
        if (k < styles.length && styles[k]![0] <= m.index) continue;
        const found = m[0];
        const use = loud.find((u) => u.ref.literal === found) ?? loud.find((u) => found.startsWith(u.ref.literal) || u.ref.literal.startsWith(found));
        // with no fixtures, every loud reference to payload data prints itself; loud-reference
        // reports those already
        if (r.empty && use?.resolved.kind === 'payload') continue;
        const at = use ? use.ref.span.start : c.source.indexOf(found);
        const span = at >= 0 ? { start: at, end: at + (use?.ref.literal.length ?? found.length) } : { start: 0, end: 0 };
        c.report({ message: `The output shows Velocity code '${found}'`, span, fixture: r.label });
      }
    }
  },
);

const STYLE = /<style[\s\S]*?<\/style>/gi;

/** [start, end) of the <style> blocks of an output, found without copying it. */
function styleRanges(html: string): [number, number][] {
  const out: [number, number][] = [];
  if (!/<style/i.test(html)) return out;
  for (const m of html.matchAll(STYLE)) out.push([m.index, m.index + m[0].length]);
  return out;
}
