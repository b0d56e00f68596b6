/**
 * The start tags the client-support rule reads, with offsets: those of a template's text (found
 * without slicing, for locating findings) and the attributes and inline declarations of one tag.
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

/** The start tags of a text: the k-th is [starts[k], ends[k]), in document order. */
export interface StartTags {
  starts: number[];
  ends: number[];
}

const LT = 60;
const GT = 62;
const DQUOTE = 34;
const SQUOTE = 39;

/**
 * Every start tag of `html` outside comments: `<` and a letter up to the first `>` outside
 * quotes, where quoted values may hold `>` and `<`; a `<` outside quotes, or a quote that does
 * not close, means no tag starts there, and the next `<` is tried. The text of raw-text
 * elements (<style>, <script>) is read the same way: a template's tags are only looked up by
 * their text. One pass of character codes, nothing sliced. The text is untrusted: a quote found
 * not to close is not looked for again (else each later `<` would search to the end for it).
 */
export function startTags(html: string): StartTags {
  const starts: number[] = [];
  const ends: number[] = [];
  const n = html.length;
  // no double (single) quote at or after this offset
  let noDouble = n;
  let noSingle = n;
  for (let i = html.indexOf('<'); i >= 0; ) {
    if (html.startsWith('<!--', i)) {
      const close = html.indexOf('-->', i + 4);
      if (close < 0) break;
      i = html.indexOf('<', close + 3);
      continue;
    }
    const c = html.charCodeAt(i + 1);
    let end = -1;
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) {
      for (let j = i + 2; j < n; ) {
        const ch = html.charCodeAt(j);
        if (ch === GT) {
          end = j + 1;
          break;
        }
        if (ch === LT) break;
        if (ch === DQUOTE || ch === SQUOTE) {
          const double = ch === DQUOTE;
          const q = j < (double ? noDouble : noSingle) ? html.indexOf(double ? '"' : "'", j + 1) : -1;
          if (q < 0) {
            if (double) noDouble = Math.min(noDouble, j);
            else noSingle = Math.min(noSingle, j);
            break;
          }
          j = q + 1;
        } else j++;
      }
    }
    if (end < 0) {
      i = html.indexOf('<', i + 1);
      continue;
    }
    starts.push(i);
    ends.push(end);
    i = html.indexOf('<', end);
  }
  return { starts, ends };
}

// Unambiguous on purpose, since templates and their data are untrusted: whitespace before each
// attribute, and an unquoted value cannot start with a quote (HTML forbids "'=<>` in it), so a tag
// that does not close fails in one pass instead of trying every way to split it.
const TAG = /<([a-zA-Z][\w:-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*\/?>/y;
const ATTR = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
const NAME = /<([a-zA-Z][\w:-]*)(?=[\s/>])/y;

/** The lower-case name of the start tag at `at` of `text`: '' when the name runs into other characters (`<a$b>`), then it is not a tag. */
export function tagNameAt(text: string, at: number): string {
  NAME.lastIndex = at;
  return (NAME.exec(text)?.[1] ?? '').toLowerCase();
}

/** A start tag's name, attributes and inline declarations, with offsets into `text`. */
export function parseTag(text: string): ScannedTag {
  TAG.lastIndex = 0;
  const t = TAG.exec(text);
  const name = tagNameAt(text, 0);
  const attrs = t && name ? attrsOf(t[2] ?? '', 1 + t[1]!.length) : [];
  const style = attrs.find((a) => a.name === 'style');
  return { name, text, start: 0, end: text.length, attrs, decls: style ? declsOf(text, style) : [] };
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
