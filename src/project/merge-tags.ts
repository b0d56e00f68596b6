/**
 * Yespo merge tags: `%FIRSTNAME%` or `%FIRSTNAME|fallback%`, substituted by Yespo from the contact
 * (not Velocity). Names are letters, digits, `_` and `.`, start with a letter and are
 * case-insensitive. The closing `%` (or `|`) must follow the name directly, which keeps `100%`,
 * `width:50%;height:20%` and `50% off` out. URL escapes such as `%E2%80%99` look like a tag named
 * `E2`, so two-hex-digit names directly followed by `%` are skipped.
 */

export interface MergeTag {
  /** The whole tag as written, e.g. `%FIRSTNAME|friend%`. */
  tag: string;
  /** Field name as written. */
  name: string;
  /** Text after `|`, when there is one (may be empty: `%FIRSTNAME|%`). */
  fallback: string | undefined;
  /** 0-based offset of the tag in the text. */
  offset: number;
}

export interface UnknownMergeTag {
  tag: string;
  name: string;
  offset: number;
}

export interface MergeTagResult {
  output: string;
  /** Tags left untouched because the field is not known. */
  unknown: UnknownMergeTag[];
}

export interface MergeTagOptions {
  /**
   * Fields known to exist (config `contactFields`). A known field without a value in `contact`
   * renders its fallback (or nothing) instead of being left as an unknown tag.
   */
  knownFields?: Iterable<string> | undefined;
  /**
   * Told of each tag replaced, in order: its offset in `text`, the tag and what replaced it
   * (for a source map of the output; tags left as written are not replaced).
   */
  onReplace?: ((offset: number, tag: string, value: string) => void) | undefined;
}

/**
 * The merge tags of `text` in order, as the pattern
 * `%(?![0-9A-Fa-f]{2}%)([A-Za-z][A-Za-z0-9_.]*)(?:\|([^%\r\n]*))?%` finds them, read with
 * `indexOf` and character tests: outputs hold many `%` (CSS widths) and few tags, and this scan
 * costs a fraction of the regular expression's.
 */
function eachTag(text: string, found: (start: number, end: number, nameEnd: number, fallbackAt: number) => void): void {
  let i = text.indexOf('%');
  while (i >= 0) {
    const start = i;
    let j = i + 1;
    // %E2%: an escape in a URL, not a tag
    if (isHex(text.charCodeAt(j)) && isHex(text.charCodeAt(j + 1)) && text.charCodeAt(j + 2) === 0x25) {
      i = text.indexOf('%', start + 1);
      continue;
    }
    if (!isLetter(text.charCodeAt(j))) {
      i = text.indexOf('%', start + 1);
      continue;
    }
    j++;
    let c = text.charCodeAt(j);
    while (isLetter(c) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === 0x2e) c = text.charCodeAt(++j);
    const nameEnd = j;
    let fallbackAt = -1;
    if (c === 0x7c) {
      let k = j + 1;
      let d = text.charCodeAt(k);
      while (k < text.length && d !== 0x25 && d !== 0x0a && d !== 0x0d) d = text.charCodeAt(++k);
      if (d === 0x25) {
        fallbackAt = j + 1;
        j = k;
        c = d;
      }
    }
    if (c !== 0x25) {
      i = text.indexOf('%', start + 1);
      continue;
    }
    found(start, j + 1, nameEnd, fallbackAt);
    i = text.indexOf('%', j + 1);
  }
}

function isLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

/** Every merge tag in `text`, in order. */
export function findMergeTags(text: string): MergeTag[] {
  const out: MergeTag[] = [];
  eachTag(text, (start, end, nameEnd, fallbackAt) => {
    out.push({
      tag: text.slice(start, end),
      name: text.slice(start + 1, nameEnd),
      fallback: fallbackAt < 0 ? undefined : text.slice(fallbackAt, end - 1),
      offset: start,
    });
  });
  return out;
}

/**
 * Substitute merge tags from `contact`. An empty value uses the fallback; a field that is neither
 * in `contact` nor in `knownFields` stays as written and is reported.
 */
export function applyMergeTags(
  text: string,
  contact: Readonly<Record<string, string>>,
  options: MergeTagOptions = {},
): MergeTagResult {
  const unknown: UnknownMergeTag[] = [];
  let values: Map<string, string> | undefined;
  let known: Set<string> | undefined;
  let output = '';
  let copied = 0;
  eachTag(text, (start, end, nameEnd, fallbackAt) => {
    if (!values) {
      values = new Map<string, string>();
      for (const [k, v] of Object.entries(contact)) values.set(k.toUpperCase(), v);
      known = new Set<string>();
      for (const f of options.knownFields ?? []) known.add(f.toUpperCase());
    }
    const name = text.slice(start + 1, nameEnd);
    const key = name.toUpperCase();
    const value = values.get(key);
    const fallback = fallbackAt < 0 ? undefined : text.slice(fallbackAt, end - 1);
    let replacement: string;
    if (value !== undefined && value !== '') replacement = value;
    else if (value !== undefined || known!.has(key)) replacement = fallback ?? '';
    else {
      unknown.push({ tag: text.slice(start, end), name, offset: start });
      return;
    }
    options.onReplace?.(start, text.slice(start, end), replacement);
    output += text.slice(copied, start) + replacement;
    copied = end;
  });
  return { output: copied === 0 ? text : output + text.slice(copied), unknown };
}
