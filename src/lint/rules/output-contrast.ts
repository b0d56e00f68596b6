import { attr, type OutputElement } from '../output-doc.js';
import { contrast, hex, inlineStyle, ownBackground, parseColor, type Rgb } from '../css.js';
import { eachOutput } from '../output-report.js';
import { defineRule } from '../util.js';

const HIDDEN = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden|opacity\s*:\s*0(?:\.0*)?\s*(?:[;!]|$)|mso-hide\s*:\s*all|font-size\s*:\s*(?:[01](?:\.\d*)?|\.\d+)px)/i;

/** Hidden text (a preheader, an Outlook-only part) is not read, whatever its colours. */
function hidden(el: OutputElement): boolean {
  const style = attr(el, 'style');
  return style !== undefined && HIDDEN.test(style);
}

/**
 * What an element says itself: its text colour from inline styles (or a <font color>), and its
 * background; `null` when it says nothing, 'unknown' when it cannot be known.
 */
function ownColor(e: OutputElement): Rgb | 'unknown' | null {
  const style = attr(e, 'style');
  const v = (style?.includes('color') ? inlineStyle(e).get('color') : undefined) ?? (e.name === 'font' ? attr(e, 'color') : undefined);
  return v === undefined ? null : (parseColor(v) ?? 'unknown');
}

/**
 * A value an element inherits from its nearest ancestor that sets one, worked out once per
 * element: `own` gives an element's own value, or null to take the parent's; `stop` ends the
 * inheritance at an element that sets none.
 */
function inherited<V>(own: (e: OutputElement) => V | null, stop: (e: OutputElement) => boolean): (el: OutputElement) => V | undefined {
  const memo = new Map<OutputElement, V | undefined>();
  return (el) => {
    const chain: OutputElement[] = [];
    let found: V | undefined;
    for (let e: OutputElement | undefined = el; e; e = e.parent) {
      if (memo.has(e)) {
        found = memo.get(e);
        break;
      }
      chain.push(e);
      const v = own(e);
      if (v !== null) {
        found = v;
        break;
      }
      if (stop(e)) break;
    }
    for (const e of chain) memo.set(e, found);
    return found;
  };
}

/**
 * The text colour of an element: its own or the nearest ancestor's, undefined when none says or
 * it cannot be known. A link does not inherit: mail clients colour links themselves unless the
 * link sets its colour.
 */
const textColors = () => {
  const of = inherited(ownColor, (e) => e.name === 'a');
  return (el: OutputElement): Rgb | undefined => {
    const c = of(el);
    return c === 'unknown' ? undefined : c;
  };
};

const backgrounds = () => {
  const of = inherited((e) => ownBackground(e) ?? null, () => false);
  return (el: OutputElement): Rgb | undefined => {
    const c = of(el);
    return c === 'unknown' ? undefined : c;
  };
};

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
      const textColor = textColors();
      const background = backgrounds();
      for (const el of o.doc.elements) {
        if (!el.ownText) continue;
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
