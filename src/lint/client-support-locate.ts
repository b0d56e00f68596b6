/**
 * Where in the template a finding on rendered output belongs: the template tag the output tag
 * comes from (the same text, or else the tag of that name whose attributes agree best), narrowed
 * to the attribute, declaration or CSS text concerned when the template has it literally.
 */
import type { Span } from '../engine/index.js';
import type { Occurrence } from './client-support-check.js';
import { parseTag, startTags, tagNameAt, type ScannedTag, type StartTags } from './client-support-scan.js';
import { TextMemo } from './memo.js';
import { attributeAgreement } from './output.js';

/**
 * The template span of a finding: the template tag the output tag comes from, narrowed to the
 * attribute, declaration or CSS text concerned when the template has it literally.
 */
export function templateLocator(source: string, budget = MATCH_BUDGET): (tag: ScannedTag, what: Occurrence['what']) => Span {
  const byTag = new Map<ScannedTag, Span | undefined>();
  let left = budget;
  // each output tag is compared with every template tag of its name: untrusted templates get a
  // budget of comparisons, past which a tag is placed at the first template tag of its name
  const match = (candidates: readonly TemplateTag[], out: ScannedTag): Span | undefined => {
    if (candidates.length > left) return candidates[0] && spanOf(candidates[0]);
    left -= candidates.length;
    return bestMatch(candidates, out);
  };
  // by the tag's span, then by the `what` of the occurrence (shared by every place of a tag)
  const narrowed = new Map<Span, Map<Occurrence['what'], Span>>();
  let template: TemplateTags | undefined;
  return (tag, what) => {
    let span = byTag.get(tag);
    if (span === undefined && !byTag.has(tag)) {
      template ??= templateTags(source);
      // most tags are static template text: found as they are; the others are matched by their attributes
      const exact = literalAt(template, tag.text);
      span = exact !== undefined ? { start: exact, end: exact + tag.text.length } : match(named(template, tag.name), tag);
      byTag.set(tag, span);
    }
    if (!span) return { start: 0, end: 0 };
    if (what.kind === 'element') return span;
    let forSpan = narrowed.get(span);
    if (!forSpan) narrowed.set(span, (forSpan = new Map()));
    let found = forSpan.get(what);
    if (!found) {
      found = narrow(source, span, what.kind, what.kind === 'attribute' ? what.name : what.kind === 'declaration' ? what.property : what.text);
      forSpan.set(what, found);
    }
    return found;
  };
}

/** Attribute comparisons of output tags with template tags for one template's lint (see templateLocator). */
export const MATCH_BUDGET = 200_000;

interface TemplateTag {
  at: number;
  tag: ScannedTag;
}

const spanOf = (t: TemplateTag): Span => ({ start: t.at, end: t.at + t.tag.text.length });

/**
 * A template's start tags by offset. A tag is looked up by its text through the tags of the
 * same length (a chain through `sameLength`), so that the template's tags are neither cut out
 * nor hashed: a template has a hundred or so, and only those with findings are looked up.
 */
interface TemplateTags {
  source: string;
  tags: StartTags;
  /** The first tag of each length, and after each tag the next one of its length (-1: none). */
  firstOfLength: Map<number, number>;
  sameLength: Int32Array;
  /** Tag offsets by text, for lengths that many tags share (see literalAt). */
  byText?: Map<number, Map<string, number>>;
  /** Each name's tags (their k), read when an output tag is first not found as written. */
  byName?: Map<string, number[]>;
  /** Parsed tags of a name, in template order, made for the first output tag of that name that needs them. */
  parsedByName: Map<string, TemplateTag[]>;
}

/** Parsed template tags, shared by every email and kept for the process (bounded). */
const parsed = new TextMemo<ScannedTag>(20_000);

function templateTags(source: string): TemplateTags {
  const tags = startTags(source);
  const { starts, ends } = tags;
  const firstOfLength = new Map<number, number>();
  const sameLength = new Int32Array(starts.length);
  for (let k = starts.length - 1; k >= 0; k--) {
    const length = ends[k]! - starts[k]!;
    sameLength[k] = firstOfLength.get(length) ?? -1;
    firstOfLength.set(length, k);
  }
  return { source, tags, firstOfLength, sameLength, parsedByName: new Map() };
}

/** Tags of one length compared one by one at most; more are looked up by their text. */
const CHAIN = 16;

/** The offset of the first template tag written as `text`, if any. */
function literalAt(t: TemplateTags, text: string): number | undefined {
  const long = t.byText?.get(text.length);
  if (long) return long.get(text);
  let steps = 0;
  for (let k = t.firstOfLength.get(text.length) ?? -1; k >= 0; k = t.sameLength[k]!) {
    // the template is untrusted: a long run of tags of one length gets a map of their texts
    if (++steps > CHAIN) return textsOfLength(t, text.length).get(text);
    const at = t.tags.starts[k]!;
    if (t.source.startsWith(text, at)) return at;
  }
  return undefined;
}

/** The first offset of each text among the template tags of one length. */
function textsOfLength(t: TemplateTags, length: number): Map<string, number> {
  const out = new Map<string, number>();
  for (let k = t.firstOfLength.get(length) ?? -1; k >= 0; k = t.sameLength[k]!) {
    const at = t.tags.starts[k]!;
    const text = t.source.slice(at, at + length);
    if (!out.has(text)) out.set(text, at);
  }
  (t.byText ??= new Map()).set(length, out);
  return out;
}

/**
 * The template's tags named `name`, parsed, in template order. The first call reads every tag's
 * name once (the offsets by name); a name's tags are parsed when it is first asked for.
 */
function named(t: TemplateTags, name: string): readonly TemplateTag[] {
  let list = t.parsedByName.get(name);
  if (list) return list;
  if (!t.byName) {
    t.byName = new Map();
    for (let k = 0; k < t.tags.starts.length; k++) {
      const n = tagNameAt(t.source, t.tags.starts[k]!);
      const ks = t.byName.get(n);
      if (ks) ks.push(k);
      else t.byName.set(n, [k]);
    }
  }
  list = (t.byName.get(name) ?? []).map((k) => {
    const text = t.source.slice(t.tags.starts[k], t.tags.ends[k]);
    return { at: t.tags.starts[k]!, tag: parsed.get(text) ?? parsed.set(text, parseTag(text)) };
  });
  t.parsedByName.set(name, list);
  return list;
}

/** The template tag an output tag most likely comes from (the first of equal scores wins). */
function bestMatch(candidates: readonly TemplateTag[], out: ScannedTag): Span | undefined {
  let best: TemplateTag | undefined;
  let bestScore = Number.NEGATIVE_INFINITY;
  for (const c of candidates) {
    const score = attributeAgreement(c.tag.attrs, out.attrs);
    if (score > bestScore) {
      best = c;
      bestScore = score;
    }
  }
  return best && spanOf(best);
}
function narrow(source: string, span: Span, kind: Occurrence['what']['kind'], needle: string): Span {
  if (kind === 'css') {
    // the style block's text follows its tag; it is usually static in the template
    const at = source.indexOf(needle, span.end);
    STYLE_END.lastIndex = span.end;
    const close = STYLE_END.exec(source)?.index ?? -1;
    return at >= 0 && (close < 0 || at < close) ? { start: at, end: at + needle.length } : span;
  }
  const text = source.slice(span.start, span.end);
  const m = finder(kind === 'attribute' ? kind : 'declaration', needle).exec(text);
  if (!m) return span;
  const start = span.start + m.index + m[0].indexOf(m[1]!);
  const end = kind === 'attribute' ? start + attrLength(text, m.index + m[0].length) + m[1]!.length : span.start + m.index + m[0].trimEnd().length;
  return { start, end: Math.max(start, end) };
}

const STYLE_END = /<\/style/gi;
const finders = { attribute: new Map<string, RegExp>(), declaration: new Map<string, RegExp>() };

/** The pattern of an attribute name or a declaration's property inside a tag's text. */
function finder(kind: 'attribute' | 'declaration', needle: string): RegExp {
  const known = finders[kind];
  let re = known.get(needle);
  if (!re) {
    const escaped = needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    re = kind === 'attribute' ? new RegExp(`\\s(${escaped})(?=[\\s=/>])`, 'i') : new RegExp(`(?<=[\\s;"'])(${escaped})\\s*:[^;"']*`, 'i');
    if (known.size < 2048) known.set(needle, re);
  }
  return re;
}

const VALUE = /\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)/y;

/** Length of an attribute's `="value"` part starting at `i` of a tag's text (0 when it has none). */
function attrLength(text: string, i: number): number {
  VALUE.lastIndex = i;
  const m = VALUE.exec(text);
  return m ? m[0].length : 0;
}
