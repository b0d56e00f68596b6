import { defineRule } from '../util.js';

const WRAPPED = new Set(['if', 'elseif', 'else', 'end', 'foreach', 'break', 'stop']);

/**
 * In email HTML Yespo wants control directives wrapped in comments, `<!--#if(...)-->`, so the
 * visual editor keeps them. Directives inside a tag or an attribute cannot be wrapped and are
 * left alone; `#set` needs no wrapping.
 */
export const directiveNotWrapped = defineRule(
  { id: 'directive-not-wrapped', description: 'Directives in email HTML not wrapped as <!--#...--> comments', defaultSeverity: 'warning' },
  (c) => {
    if (!c.ast) return;
    const map = c.html();
    if (!map.isHtml) return;
    for (const t of map.tokens) {
      if (!WRAPPED.has(t.word) || t.wrapped || t.before.mode !== 'text') continue;
      const head = c.source.slice(t.span.start, t.span.end);
      c.report({ message: `Wrap '${head}' as '<!--${head}-->': Yespo's email editor needs directives in HTML comments`, span: t.span });
    }
  },
);
