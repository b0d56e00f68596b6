/**
 * Reading rendered HTML for the output rules, and pointing a finding in the output back at the
 * template: an output tag is matched to the template tag of the same name whose attributes agree
 * best (equal static values, Velocity code where the output has a value).
 */
import type { Span } from '../engine/index.js';

export interface Tag {
  name: string;
  attrs: Map<string, string>;
  offset: number;
  length: number;
}

const TAG = /<([a-zA-Z][\w:-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*\/?>/g;
const ATTR = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;

const patterns = new Map<string, { find: RegExp; tag: RegExp }>();

/**
 * For the given names: `find` stops at each comment start and each start of such a tag (the
 * regex engine skips the text between fast), `tag` (sticky) reads the whole tag there.
 */
function tagPatterns(names: ReadonlySet<string>): { find: RegExp; tag: RegExp } {
  const key = [...names].sort().join('|');
  let re = patterns.get(key);
  if (!re) {
    const alt = [...names].map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
    re = {
      find: new RegExp(`<!--|<(?:${alt})(?=[\\s/>])`, 'gi'),
      tag: new RegExp(`<(${alt})(?=[\\s/>])${TAG.source.slice(TAG.source.indexOf(')') + 1)}`, 'iy'),
    };
    if (patterns.size < 256) patterns.set(key, re);
  }
  return re;
}

/** Link and image tags of a rendered output; the output rules share one scan per output. */
const memo = new WeakMap<object, Tag[]>();

/** Link and image tags of `html`, scanned once per `owner` (a render result). */
export function linkTags(html: string, owner?: object): Tag[] {
  let tags = owner && memo.get(owner);
  if (!tags) {
    tags = tagsOf(html, LINK_TAGS);
    if (owner) memo.set(owner, tags);
  }
  return tags;
}

export const LINK_TAGS: ReadonlySet<string> = new Set(['a', 'img', 'link', 'area', 'v:roundrect', 'source']);

/** Tags of the given names (lower case) in `html`, outside HTML comments. */
export function tagsOf(html: string, names: ReadonlySet<string>): Tag[] {
  const out: Tag[] = [];
  const { find, tag } = tagPatterns(names);
  find.lastIndex = 0;
  for (let m = find.exec(html); m; m = find.exec(html)) {
    const i = m.index;
    if (m[0] === '<!--') {
      // an HTML comment hides its tags, except Outlook's conditional comments, which hold markup
      if (html.startsWith('[if', i + 4)) continue;
      const end = html.indexOf('-->', i + 4);
      if (end < 0) break;
      find.lastIndex = end + 3;
      continue;
    }
    tag.lastIndex = i;
    const t = tag.exec(html);
    if (!t) continue;
    const attrs = t[2] ? attrsOf(t[2]) : new Map<string, string>();
    out.push({ name: t[1]!.toLowerCase(), attrs, offset: i, length: t[0].length });
    find.lastIndex = i + t[0].length;
  }
  return out;
}

/** Attribute names (lower case) and values of a tag's attribute text. */
function attrsOf(text: string): Map<string, string> {
  const attrs = new Map<string, string>();
  // exec on the shared pattern: matchAll would copy the regex for every tag
  ATTR.lastIndex = 0;
  for (let a = ATTR.exec(text); a; a = ATTR.exec(text)) attrs.set(a[1]!.toLowerCase(), a[2] ?? a[3] ?? a[4] ?? '');
  return attrs;
}

/** Finds, for output tags, the template tag they most likely come from. */
export function tagLocator(source: string): (tag: Tag) => Span | undefined {
  const cache = new Map<string, Tag[]>();
  const names = new Set<string>();
  return (tag) => {
    if (!cache.has(tag.name)) {
      names.add(tag.name);
      cache.set(tag.name, tagsOf(source, new Set([tag.name])));
    }
    let best: Tag | undefined;
    let bestScore = Number.NEGATIVE_INFINITY;
    for (const t of cache.get(tag.name)!) {
      let score = 0;
      for (const [k, v] of t.attrs) {
        const out = tag.attrs.get(k);
        if (out === undefined) score -= 1;
        else if (out === v) score += 2;
        else if (/[$#]/.test(v)) score += 1;
        else score -= 2;
      }
      for (const k of tag.attrs.keys()) if (!t.attrs.has(k)) score -= 1;
      if (score > bestScore) {
        best = t;
        bestScore = score;
      }
    }
    return best && { start: best.offset, end: best.offset + best.length };
  };
}
