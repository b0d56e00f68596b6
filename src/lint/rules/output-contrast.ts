import { isText } from 'domhandler';
import { attr, type OutputElement, type OutputNode } from '../output-doc.js';
import { contrast, hex, inlineStyle, ownBackground, parseColor, type Rgb } from '../css.js';
import { eachOutput } from '../output-report.js';
import { defineRule } from '../util.js';

const HIDDEN = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden|opacity\s*:\s*0(?:\.0*)?\s*(?:[;!]|$)|mso-hide\s*:\s*all|font-size\s*:\s*(?:[01](?:\.\d*)?|\.\d+)px)/i;

/** Hidden text (a preheader, an Outlook-only part) is not read, whatever its colours. */
function hidden(el: OutputElement): boolean {
  const style = attr(el, 'style');
  return style !== undefined && HIDDEN.test(style);
}

const hasOwnText = (node: OutputNode) => node.children.some((n) => isText(n) && n.data.trim() !== '');

/**
 * The text colour of an element from inline styles (or a <font color>): its own or the nearest
 * ancestor's, undefined when none says or it cannot be known. A link does not inherit: mail
 * clients colour links themselves unless the link sets its colour.
 */
function textColor(el: OutputElement): Rgb | undefined {
  for (let e: OutputElement | undefined = el; e; e = e.parent) {
    const style = attr(e, 'style');
    const v = (style?.includes('color') ? inlineStyle(e).get('color') : undefined) ?? (e.name === 'font' ? attr(e, 'color') : undefined);
    if (v !== undefined) {
      const c = parseColor(v);
      return c === 'unknown' ? undefined : c;
    }
    if (e.name === 'a') return undefined;
  }
  return undefined;
}

function background(el: OutputElement): Rgb | undefined {
  for (let e: OutputElement | undefined = el; e; e = e.parent) {
    const c = ownBackground(e);
    if (c !== undefined) return c === 'unknown' ? undefined : c;
  }
  return undefined;
}

export const outputContrast = defineRule(
  {
    id: 'output-contrast',
    description: 'Text whose inline colour has very low contrast with the inline background under it (below lint.minContrast)',
    defaultSeverity: 'warning',
    needs: 'renders',
  },
  (c) => {
    const min = c.config.lint.minContrast;
    eachOutput(c, (o) => {
      for (const el of o.doc.elements) {
        if (!hasOwnText(el.node)) continue;
        const fg = textColor(el);
        const bg = fg && background(el);
        if (!fg || !bg) continue;
        const ratio = contrast(fg, bg);
        if (ratio >= min) continue;
        let shown = true;
        for (let e: OutputElement | undefined = el; e && shown; e = e.parent) shown = !hidden(e);
        if (shown) {
          o.element(el, `Text colour ${hex(fg)} on background ${hex(bg)} has a contrast of ${ratio.toFixed(2)}:1, below ${min}:1 (WCAG asks 4.5:1 for body text)`);
        }
      }
    });
  },
);
