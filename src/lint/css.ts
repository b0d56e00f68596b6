/**
 * Inline CSS as the output rules need it: an element's `style` declarations, and colours with
 * their WCAG relative luminance. Only what can be decided from the HTML itself: a colour with
 * transparency, a gradient or an image background is "unknown", never a guess.
 */
import { TextMemo } from './memo.js';
import { attr, type OutputElement } from './output-doc.js';

/** The declarations of an element's style attribute (property names and values lower case, !important dropped). */
const NONE: ReadonlyMap<string, string> = new Map();

export function inlineStyle(el: OutputElement): ReadonlyMap<string, string> {
  const text = attr(el, 'style');
  if (!text) return NONE;
  return (el.style ??= styleOf(text));
}

/** Parsed style texts, shared by every element and output that writes the same style (bounded). */
const styles = new TextMemo<Map<string, string>>();

function styleOf(text: string): Map<string, string> {
  let s = styles.get(text);
  if (s) return s;
  s = new Map();
  for (const decl of text.split(';')) {
    const i = decl.indexOf(':');
    if (i < 0) continue;
    const prop = decl.slice(0, i).trim().toLowerCase();
    const value = decl.slice(i + 1).replace(/!\s*important/i, '').trim().toLowerCase();
    if (prop && value) s.set(prop, value);
  }
  return styles.set(text, s);
}

export type Rgb = [number, number, number];

const NAMED: Record<string, Rgb> = {
  black: [0, 0, 0], white: [255, 255, 255], red: [255, 0, 0], green: [0, 128, 0], blue: [0, 0, 255],
  yellow: [255, 255, 0], gray: [128, 128, 128], grey: [128, 128, 128], silver: [192, 192, 192],
  navy: [0, 0, 128], orange: [255, 165, 0], purple: [128, 0, 128], maroon: [128, 0, 0], teal: [0, 128, 128],
  lime: [0, 255, 0], aqua: [0, 255, 255], cyan: [0, 255, 255], fuchsia: [255, 0, 255], magenta: [255, 0, 255],
  olive: [128, 128, 0], whitesmoke: [245, 245, 245], gainsboro: [220, 220, 220], lightgray: [211, 211, 211],
  lightgrey: [211, 211, 211], darkgray: [169, 169, 169], darkgrey: [169, 169, 169],
};

/** An opaque colour, or 'unknown' (transparency, currentColor, a keyword not listed), or undefined when `v` is not a colour. */
export function parseColor(v: string): Rgb | 'unknown' | undefined {
  return colors.has(v) ? colors.get(v) : colors.set(v, readColor(v));
}

const colors = new TextMemo<Rgb | 'unknown' | undefined>(10_000, 256);

function readColor(v: string): Rgb | 'unknown' | undefined {
  const s = v.trim().toLowerCase();
  let m = /^#([0-9a-f]{3,8})$/.exec(s);
  if (m) {
    const h = m[1]!;
    if (h.length === 3 || h.length === 4) {
      if (h.length === 4 && h[3] !== 'f') return 'unknown';
      return [parseInt(h[0]! + h[0], 16), parseInt(h[1]! + h[1], 16), parseInt(h[2]! + h[2], 16)];
    }
    if (h.length === 6 || h.length === 8) {
      if (h.length === 8 && h.slice(6) !== 'ff') return 'unknown';
      return [parseInt(h.slice(0, 2), 16), parseInt(h.slice(2, 4), 16), parseInt(h.slice(4, 6), 16)];
    }
    return undefined;
  }
  m = /^rgba?\(\s*(\d{1,3})[\s,]+(\d{1,3})[\s,]+(\d{1,3})\s*(?:[,/]\s*([\d.]+%?)\s*)?\)$/.exec(s);
  if (m) {
    if (m[4] !== undefined && !(m[4] === '1' || m[4] === '100%' || Number(m[4]) === 1)) return 'unknown';
    const c = [Number(m[1]), Number(m[2]), Number(m[3])] as Rgb;
    return c.every((x) => x <= 255) ? c : undefined;
  }
  if (NAMED[s]) return NAMED[s];
  if (/^[a-z]+$/.test(s) || /^(?:rgb|hsl)a?\(/.test(s)) return 'unknown';
  return undefined;
}

/** The background colour an element sets itself: a colour, 'unknown' (an image, a gradient, transparency), or undefined for none. */
export function ownBackground(el: OutputElement): Rgb | 'unknown' | undefined {
  const style = attr(el, 'style');
  const st = style?.includes('background') ? inlineStyle(el) : undefined;
  if (!st) {
    const attrBg = attr(el, 'bgcolor');
    if (attrBg !== undefined) return parseColor(attrBg) ?? 'unknown';
    return attr(el, 'background') !== undefined ? 'unknown' : undefined;
  }
  const bc = st.get('background-color');
  if (bc !== undefined) return parseColor(bc) ?? 'unknown';
  const bg = st.get('background');
  if (bg !== undefined) {
    if (/url\(|gradient\(/.test(bg)) return 'unknown';
    for (const token of bg.match(/#[0-9a-f]+|rgba?\([^)]*\)|[a-z]+/g) ?? []) {
      const c = parseColor(token);
      if (c) return c;
    }
    return bg === 'none' ? undefined : 'unknown';
  }
  if (st.has('background-image')) return 'unknown';
  const attrBg = attr(el, 'bgcolor');
  if (attrBg !== undefined) return parseColor(attrBg) ?? 'unknown';
  if (attr(el, 'background') !== undefined) return 'unknown';
  return undefined;
}

/** WCAG 2 relative luminance. */
export function luminance([r, g, b]: Rgb): number {
  return 0.2126 * CHANNEL[r]! + 0.7152 * CHANNEL[g]! + 0.0722 * CHANNEL[b]!;
}

/** A channel's linear value for each of its 256 values (WCAG 2). */
const CHANNEL = Array.from({ length: 256 }, (_, v) => {
  const c = v / 255;
  return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
});

/** WCAG contrast ratio of two colours, 1 to 21. */
export function contrast(a: Rgb, b: Rgb): number {
  const x = luminance(a);
  const y = luminance(b);
  return x > y ? (x + 0.05) / (y + 0.05) : (y + 0.05) / (x + 0.05);
}

export const hex = (c: Rgb) => `#${c.map((x) => x.toString(16).padStart(2, '0')).join('')}`;
