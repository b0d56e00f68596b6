import { attr, TagSlot, type OutputElement } from '../output-doc.js';
import { contrast, hex, inlineStyle, ownBackground, parseColor, type Rgb } from '../css.js';
import { eachOutput } from '../output-report.js';
import { defineRule } from '../util.js';

const HIDDEN = /(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden|opacity\s*:\s*0(?:\.0*)?\s*(?:[;!]|$)|mso-hide\s*:\s*all|font-size\s*:\s*(?:[01](?:\.\d*)?|\.\d+)px)/i;

/** Hidden text (a preheader, an Outlook-only part) is not read, whatever its colours. */
function hidden(el: OutputElement): boolean {
  const style = attr(el, 'style');
  return style !== undefined && HIDDEN.test(style);
}

type Colour = Rgb | 'unknown';

/**
 * What a start tag says itself: its text colour from inline styles (or a <font color>), and its
 * background; `null` when it says nothing, 'unknown' when it cannot be known.
 */
interface Paint {
  readonly color: Colour | null;
  readonly background: Colour | null;
}

const NO_PAINT: Paint = { color: null, background: null };

/**
 * Whether a start tag can set a colour or a background at all (a name or value with `color` or
 * `background`, or a character reference that may spell one): most tags do not, and then their
 * attributes need not be read. This test is quicker than looking the tag up by its text.
 */
export const COLOURS = /color|background|&/i;

/**
 * True at least wherever COLOURS matches, quicker: substring searches for parts of the lower-case
 * words, and the pattern only for a tag with an upper-case letter (HTML names are
 * case-insensitive, emails write them in lower case). A case-insensitive alternation costs more
 * than three searches. A tag it lets through without a colour gets no paint from readPaint.
 */
export function mayPaint(tag: string): boolean {
  if (tag.includes('olor') || tag.includes('ackground') || tag.includes('&')) return true;
  return UPPER.test(tag) && COLOURS.test(tag);
}

const UPPER = /[A-Z]/;

/**
 * Paints of the tags, kept with the tag's text (TagSlot): the text decides the element's name and
 * attributes, and most tags of an email repeat in every fixture and email. Only tags that pass
 * mayPaint have their attributes read.
 */
const paints = new TagSlot<Paint>();

const paintOf = (e: OutputElement): Paint => paints.of(e, tagPaint);

function tagPaint(e: OutputElement): Paint {
  const tag = e.tag;
  return tag === '' || !mayPaint(tag) ? NO_PAINT : readPaint(e);
}

function readPaint(e: OutputElement): Paint {
  const style = attr(e, 'style');
  const v = (style?.includes('color') ? inlineStyle(e).get('color') : undefined) ?? (e.name === 'font' ? attr(e, 'color') : undefined);
  const color = v === undefined ? null : (parseColor(v) ?? 'unknown');
  const background = ownBackground(e) ?? null;
  return color === null && background === null ? NO_PAINT : { color, background };
}

const known = (c: Colour | undefined): Rgb | undefined => (c === 'unknown' ? undefined : c);

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
      // what each element inherits from the nearest element (itself first) that sets it, in one
      // pass in document order (parents come first). A link does not inherit the text colour:
      // mail clients colour links themselves unless the link sets its colour.
      const n = elements.length;
      const colors = new Array<Colour | undefined>(n);
      const backgrounds = new Array<Colour | undefined>(n);
      for (let i = 0; i < n; i++) {
        const e = elements[i]!;
        const p = paintOf(e);
        const up = e.parent;
        colors[i] = p.color !== null ? p.color : e.name === 'a' || !up ? undefined : colors[up.pos];
        backgrounds[i] = p.background !== null ? p.background : !up ? undefined : backgrounds[up.pos];
      }
      for (let i = 0; i < n; i++) {
        const el = elements[i]!;
        if (!el.ownText) continue;
        const fg = known(colors[i]);
        const bg = fg && known(backgrounds[i]);
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
