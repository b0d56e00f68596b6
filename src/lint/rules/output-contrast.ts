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
  if (!mayColour(e)) return null;
  const style = attr(e, 'style');
  const v = (style?.includes('color') ? inlineStyle(e).get('color') : undefined) ?? (e.name === 'font' ? attr(e, 'color') : undefined);
  return v === undefined ? null : (parseColor(v) ?? 'unknown');
}

/**
 * Whether an element's start tag can set a colour or a background at all (a name or value with
 * `color` or `background`, or a character reference that may spell one): most tags do not, and
 * then their attributes need not be read.
 */
const COLOURS = /color|background|&/i;
const mayColour = (e: OutputElement) => e.tag !== '' && COLOURS.test(e.tag);

/**
 * The value each element of a document inherits from the nearest element (itself first) that
 * sets one, in one pass in document order (parents come first): `own` gives an element's own
 * value, or null to take its parent's; `stop` ends the inheritance at an element that sets none.
 */
function inherited<V>(elements: readonly OutputElement[], own: (e: OutputElement) => V | null, stop: (e: OutputElement) => boolean): (V | undefined)[] {
  const out = new Array<V | undefined>(elements.length);
  for (let i = 0; i < elements.length; i++) {
    const e = elements[i]!;
    const v = own(e);
    out[i] = v !== null ? v : stop(e) || !e.parent ? undefined : out[e.parent.pos];
  }
  return out;
}

const known = <V>(c: V | 'unknown' | undefined): V | undefined => (c === 'unknown' ? undefined : c);

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
      const elements = o.doc.elements;
      if (!elements.some((e) => e.ownText)) return;
      // the text colour of an element: its own or the nearest ancestor's; a link does not
      // inherit: mail clients colour links themselves unless the link sets its colour
      const colors = inherited(elements, ownColor, (e) => e.name === 'a');
      const backgrounds = inherited(elements, (e) => (mayColour(e) ? (ownBackground(e) ?? null) : null), () => false);
      for (const el of elements) {
        if (!el.ownText) continue;
        const fg = known(colors[el.pos]);
        const bg = fg && known(backgrounds[el.pos]);
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
