import type { HtmlState } from '../html.js';
import { defineRule } from '../util.js';

const PLACE: Record<HtmlState['mode'], string> = {
  text: 'text',
  tag: 'a tag',
  attr: 'an attribute value',
  comment: 'an HTML comment',
  raw: 'a <style> or <script> block',
};

/**
 * A directive body must be well-formed HTML on its own: a branch that opens an element it does
 * not close (or closes one opened outside it), or that starts inside an attribute and ends
 * outside it, breaks the markup for some payloads and breaks Yespo's visual editor for all.
 */
export const directiveCrossesHtml = defineRule(
  { id: 'directive-crosses-html', description: 'Directive bodies that cut across HTML elements or attributes', defaultSeverity: 'warning' },
  (c) => {
    if (!c.ast) return;
    const map = c.html();
    if (!map.isHtml) return;
    for (const block of map.blocks) {
      for (let i = 0; i + 1 < block.tokens.length; i++) {
        const head = block.tokens[i]!;
        const a = head.after;
        const b = block.tokens[i + 1]!.before;
        const body = head.word === 'foreach' ? '#foreach body' : `#${head.word} branch`;
        if (a.mode !== b.mode) {
          c.report({ message: `The ${body} starts in ${PLACE[a.mode]} and ends in ${PLACE[b.mode]}`, span: head.span });
          continue;
        }
        let k = 0;
        while (k < a.stack.length && k < b.stack.length && a.stack[k] === b.stack[k]) k++;
        const opened = b.stack.slice(k);
        const closed = a.stack.slice(k);
        if (opened.length === 0 && closed.length === 0) continue;
        const parts: string[] = [];
        if (opened.length) parts.push(`leaves ${opened.map((t) => `<${t}>`).join(', ')} open`);
        if (closed.length) parts.push(`closes ${closed.map((t) => `</${t}>`).reverse().join(', ')} opened outside it`);
        c.report({ message: `The ${body} ${parts.join(' and ')}: keep each element inside one branch`, span: head.span });
      }
    }
  },
);
