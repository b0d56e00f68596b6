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

const patterns = new Map<string, RegExp>();

/** TAG restricted to the given names, sticky: it is tried only where such a tag starts. */
function tagPattern(names: ReadonlySet<string>): RegExp {
  const key = [...names].sort().join('|');
  let re = patterns.get(key);
  if (!re) {
    const alt = [...names].map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
    re = new RegExp(`<(${alt})(?=[\\s/>])${TAG.source.slice(TAG.source.indexOf(')') + 1)}`, 'iy');
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

/**
 * Tags of the given names (lower case) in `html`, outside HTML comments. The text is walked
 * from `<` to `<` with indexOf; the tag pattern runs only where one of the names starts.
 */
export function tagsOf(html: string, names: ReadonlySet<string>): Tag[] {
  const out: Tag[] = [];
  const re = tagPattern(names);
  const n = html.length;
  let i = html.indexOf('<');
  while (i >= 0) {
    if (html.charCodeAt(i + 1) === 33 && html.startsWith('<!--', i)) {
      // an HTML comment hides its tags, except Outlook's conditional comments, which hold markup
      if (html.startsWith('[if', i + 4)) {
        i = html.indexOf('<', i + 4);
        continue;
      }
      const end = html.indexOf('-->', i + 4);
      if (end < 0) break;
      i = html.indexOf('<', end + 3);
      continue;
    }
    let j = i + 1;
    while (j < n && isNameChar(html.charCodeAt(j))) j++;
    const c = html.charCodeAt(j);
    if (j > i + 1 && isLetter(html.charCodeAt(i + 1)) && (c === 47 || c === 62 || isSpace(c))) {
      const name = html.slice(i + 1, j).toLowerCase();
      if (names.has(name)) {
        re.lastIndex = i;
        const m = re.exec(html);
        if (m) {
          const attrs = new Map<string, string>();
          if (m[2]) for (const a of m[2].matchAll(ATTR)) attrs.set(a[1]!.toLowerCase(), a[2] ?? a[3] ?? a[4] ?? '');
          out.push({ name, attrs, offset: i, length: m[0].length });
          i = html.indexOf('<', i + m[0].length);
          continue;
        }
      }
    }
    i = html.indexOf('<', i + 1);
  }
  return out;
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** `[\w:-]` */
function isNameChar(c: number): boolean {
  return isLetter(c) || (c >= 48 && c <= 57) || c === 95 || c === 58 || c === 45;
}

/** `\s` as far as tags go: space, tab, line ends, form feed. */
function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11 || c === 160;
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
