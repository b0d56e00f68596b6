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

const memo = new Map<string, Tag[]>();

const patterns = new Map<string, RegExp>();

/** TAG restricted to the given names, so the scan skips every other tag quickly. */
function tagPattern(names: ReadonlySet<string>): RegExp {
  const key = [...names].sort().join('|');
  let re = patterns.get(key);
  if (!re) {
    const alt = [...names].map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
    re = new RegExp(`<(${alt})(?=[\\s/>])${TAG.source.slice(TAG.source.indexOf(')') + 1)}`, 'gi');
    if (patterns.size < 256) patterns.set(key, re);
  }
  return re;
}

/** Link and image tags of a rendered output; the output rules share one scan per output. */
export function linkTags(html: string): Tag[] {
  let tags = memo.get(html);
  if (!tags) {
    if (memo.size > 64) memo.clear();
    tags = tagsOf(html, LINK_TAGS);
    memo.set(html, tags);
  }
  return tags;
}

export const LINK_TAGS: ReadonlySet<string> = new Set(['a', 'img', 'link', 'area', 'v:roundrect', 'source']);

/** Tags of the given names (lower case) in `html`, outside HTML comments. */
export function tagsOf(html: string, names: ReadonlySet<string>): Tag[] {
  const out: Tag[] = [];
  const comments = commentRanges(html);
  let c = 0;
  for (const m of html.matchAll(tagPattern(names))) {
    const name = m[1]!.toLowerCase();
    if (!names.has(name)) continue;
    // skip tags inside HTML comments (matches and comments both come in order)
    while (c < comments.length && comments[c]![1] <= m.index) c++;
    if (c < comments.length && comments[c]![0] <= m.index) continue;
    const attrs = new Map<string, string>();
    for (const a of (m[2] ?? '').matchAll(ATTR)) attrs.set(a[1]!.toLowerCase(), a[2] ?? a[3] ?? a[4] ?? '');
    out.push({ name, attrs, offset: m.index, length: m[0].length });
  }
  return out;
}

/**
 * [start, end) of the HTML comments in `html`, except Outlook's conditional comments, which hold
 * markup. Found with indexOf so that no copy of a large output is made.
 */
function commentRanges(html: string): [number, number][] {
  const out: [number, number][] = [];
  let i = html.indexOf('<!--');
  while (i >= 0) {
    const end = html.indexOf('-->', i + 4);
    const stop = end < 0 ? html.length : end + 3;
    if (!html.startsWith('[if', i + 4)) out.push([i, stop]);
    i = html.indexOf('<!--', stop);
  }
  return out;
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
