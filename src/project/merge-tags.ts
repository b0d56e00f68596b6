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

const TAG = /%(?![0-9A-Fa-f]{2}%)([A-Za-z][A-Za-z0-9_.]*)(?:\|([^%\r\n]*))?%/g;

/** Every merge tag in `text`, in order. */
export function findMergeTags(text: string): MergeTag[] {
  const out: MergeTag[] = [];
  for (const m of text.matchAll(TAG)) {
    out.push({ tag: m[0], name: m[1] ?? '', fallback: m[2], offset: m.index });
  }
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
  const values = new Map<string, string>();
  for (const [k, v] of Object.entries(contact)) values.set(k.toUpperCase(), v);
  const known = new Set<string>();
  for (const f of options.knownFields ?? []) known.add(f.toUpperCase());
  const unknown: UnknownMergeTag[] = [];
  const told = options.onReplace;
  const replaced = (offset: number, tag: string, v: string) => (told?.(offset, tag, v), v);
  const output = text.replace(TAG, (tag: string, name: string, fallback: string | undefined, offset: number) => {
    const key = name.toUpperCase();
    const value = values.get(key);
    if (value !== undefined && value !== '') return replaced(offset, tag, value);
    if (value !== undefined || known.has(key)) return replaced(offset, tag, fallback ?? '');
    unknown.push({ tag, name, offset });
    return tag;
  });
  return { output, unknown };
}
