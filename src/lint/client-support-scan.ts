/**
 * What of a rendered HTML the client-support rule checks, with offsets: every start tag outside
 * comments (Outlook's `<!--[if mso]>` blocks included: only Outlook for Windows reads them, as
 * caniemail's own parser skips them), its attributes, the declarations of its `style=`, and the
 * text of each `<style>` block. One linear pass; the text inside raw-text elements (script,
 * style, title, textarea) is not read as tags.
 */

export interface ScannedAttr {
  name: string;
  value: string;
  /** Offsets of the whole attribute (`name="value"`) in the HTML. */
  start: number;
  end: number;
}

export interface ScannedDecl {
  property: string;
  value: string;
  start: number;
  end: number;
}

export interface ScannedTag {
  name: string;
  /** The start tag as written. */
  text: string;
  start: number;
  end: number;
  attrs: ScannedAttr[];
  decls: ScannedDecl[];
}

export interface ScannedStyle {
  /** Offset of the CSS text (just after `<style ...>`). */
  start: number;
  css: string;
}

// A comment start, or a whole start tag whose quoted values may hold `>` and `<`. The classes
// are disjoint, so the pattern runs in one pass; a `<` that starts no tag costs the text up to
// the next `<` or `>`.
const FIND = /<!--|<[a-zA-Z][^<>"']*(?:(?:"[^"]*"|'[^']*')[^<>"']*)*>/g;
// Unambiguous on purpose, since templates and their data are untrusted: whitespace before each
// attribute, and an unquoted value cannot start with a quote (HTML forbids "'=<>` in it), so a tag
// that does not close fails in one pass instead of trying every way to split it.
const TAG = /<([a-zA-Z][\w:-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/y;
const ATTR = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
const RAW_TEXT = new Set(['script', 'style', 'title', 'textarea', 'xmp', 'noembed', 'noframes', 'iframe']);

/**
 * Walks the start tags and style blocks of `html`: `onTag` gets each start tag's text and offset
 * and answers its lower-case name (the caller knows it from its memo of tags), `onStyle` each
 * style block. Nothing is kept, so a render costs one pass of one pattern and little garbage.
 */
export function scanHtml(html: string, onTag: (text: string, start: number) => string, onStyle: (style: ScannedStyle) => void): void {
  FIND.lastIndex = 0;
  for (let m = FIND.exec(html); m; m = FIND.exec(html)) {
    const i = m.index;
    const text = m[0];
    if (text === '<!--') {
      const end = html.indexOf('-->', i + 4);
      if (end < 0) break;
      FIND.lastIndex = end + 3;
      continue;
    }
    const name = onTag(text, i);
    const end = i + text.length;
    if (RAW_TEXT.has(name) && !text.endsWith('/>')) {
      const close = closer(name);
      close.lastIndex = end;
      const stop = close.exec(html)?.index ?? html.length;
      if (name === 'style') onStyle({ start: end, css: html.slice(end, stop) });
      FIND.lastIndex = stop;
    }
  }
}

const NAME = /^<([a-zA-Z][\w:-]*)(?=[\s/>])/;

/** A start tag's name, attributes and inline declarations, with offsets into `text`. */
export function parseTag(text: string): ScannedTag {
  TAG.lastIndex = 0;
  const t = TAG.exec(text);
  // not a tag when the name runs into other characters (`<a$b>`): name ''
  const name = (NAME.exec(text)?.[1] ?? '').toLowerCase();
  const attrs = t && name ? attrsOf(t[2] ?? '', 1 + t[1]!.length) : [];
  const style = attrs.find((a) => a.name === 'style');
  return { name, text, start: 0, end: text.length, attrs, decls: style ? declsOf(text, style) : [] };
}

const closers = new Map<string, RegExp>();
function closer(name: string): RegExp {
  let re = closers.get(name);
  if (!re) closers.set(name, (re = new RegExp(`</${name}`, 'gi')));
  return re;
}

function attrsOf(text: string, base: number): ScannedAttr[] {
  const out: ScannedAttr[] = [];
  ATTR.lastIndex = 0;
  for (let a = ATTR.exec(text); a; a = ATTR.exec(text)) {
    const start = base + a.index;
    out.push({ name: a[1]!.toLowerCase(), value: a[2] ?? a[3] ?? a[4] ?? '', start, end: start + a[0].length });
  }
  return out;
}

/** The declarations of a style attribute, split at `;` outside quotes and parentheses. */
function declsOf(html: string, attr: ScannedAttr): ScannedDecl[] {
  const out: ScannedDecl[] = [];
  const text = html.slice(attr.start, attr.end);
  const eq = text.indexOf('=');
  let from = eq + 1;
  while (from < text.length && /[\s"']/.test(text[from]!)) from++;
  const valueStart = attr.start + from;
  const v = attr.value;
  let depth = 0;
  let quote = '';
  let begin = 0;
  for (let k = 0; k <= v.length; k++) {
    const ch = v[k];
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')') depth = Math.max(0, depth - 1);
    else if ((ch === ';' && depth === 0) || ch === undefined) {
      const part = v.slice(begin, k);
      const colon = part.indexOf(':');
      if (colon > 0) {
        const lead = part.length - part.trimStart().length;
        const trail = part.trimEnd().length;
        out.push({
          property: part.slice(0, colon).trim().toLowerCase(),
          value: part.slice(colon + 1).trim(),
          start: valueStart + begin + lead,
          end: valueStart + begin + trail,
        });
      }
      begin = k + 1;
    }
  }
  return out;
}
