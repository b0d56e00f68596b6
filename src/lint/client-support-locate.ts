/**
 * Where in the template a finding on rendered output belongs: the template tag the output tag
 * comes from (the same text, or else the tag of that name whose attributes agree best), narrowed
 * to the attribute, declaration or CSS text concerned when the template has it literally.
 */
import type { Span } from '../engine/index.js';
import type { Occurrence } from './client-support-check.js';
import { parseTag, scanHtml, type ScannedTag } from './client-support-scan.js';
import { TextMemo } from './memo.js';
import { attributeAgreement } from './output.js';

/**
 * The template span of a finding: the template tag the output tag comes from, narrowed to the
 * attribute, declaration or CSS text concerned when the template has it literally.
 */
export function templateLocator(source: string): (tag: ScannedTag, what: Occurrence['what']) => Span {
  const byTag = new Map<string, Span | undefined>();
  const narrowed = new Map<string, Span>();
  let template: TemplateTags | undefined;
  return (tag, what) => {
    let span = byTag.get(tag.text);
    if (!byTag.has(tag.text)) {
      template ??= templateTags(source);
      // most tags are static template text: found as they are; the others are matched by their attributes
      const exact = template.literal.get(tag.text);
      span = exact !== undefined ? { start: exact, end: exact + tag.text.length } : bestMatch(byName(template).get(tag.name) ?? [], tag);
      byTag.set(tag.text, span);
    }
    if (!span) return { start: 0, end: 0 };
    if (what.kind === 'element') return span;
    const needle = what.kind === 'attribute' ? what.name : what.kind === 'declaration' ? what.property : what.text;
    const key = `${span.start}\0${what.kind}\0${needle}`;
    let found = narrowed.get(key);
    if (!found) {
      found = narrow(source, span, what.kind, needle);
      narrowed.set(key, found);
    }
    return found;
  };
}

interface TemplateTag {
  at: number;
  tag: ScannedTag;
}

interface TemplateTags {
  /** Each start tag's text at its first offset. */
  literal: Map<string, number>;
  /** Parsed, by name: made only when an output tag is not in the template as it is. */
  byName?: Map<string, TemplateTag[]>;
}

/** Parsed template tags, shared by every email and kept for the process (bounded). */
const parsed = new TextMemo<ScannedTag>(20_000);

/** The template's start tags by text. */
function templateTags(source: string): TemplateTags {
  const literal = new Map<string, number>();
  scanHtml(
    source,
    (text, at) => {
      if (!literal.has(text)) literal.set(text, at);
      return '';
    },
    () => {},
  );
  return { literal };
}

function byName(t: TemplateTags): Map<string, TemplateTag[]> {
  if (t.byName) return t.byName;
  const out = new Map<string, TemplateTag[]>();
  for (const [text, at] of t.literal) {
    const tag = parsed.get(text) ?? parsed.set(text, parseTag(text));
    let list = out.get(tag.name);
    if (!list) out.set(tag.name, (list = []));
    list.push({ at, tag });
  }
  // the first of equal scores wins: keep template order
  for (const list of out.values()) list.sort((a, b) => a.at - b.at);
  return (t.byName = out);
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
  return best && { start: best.at, end: best.at + best.tag.text.length };
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
  const m = finder(kind, needle).exec(text);
  if (!m) return span;
  const start = span.start + m.index + m[0].indexOf(m[1]!);
  const end = kind === 'attribute' ? start + attrLength(text, m.index + m[0].length) + m[1]!.length : span.start + m.index + m[0].trimEnd().length;
  return { start, end: Math.max(start, end) };
}

const STYLE_END = /<\/style/gi;
const finders = new Map<string, RegExp>();

/** The pattern of an attribute name or a declaration's property inside a tag's text. */
function finder(kind: Occurrence['what']['kind'], needle: string): RegExp {
  const key = `${kind}\0${needle}`;
  let re = finders.get(key);
  if (!re) {
    const escaped = needle.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    re = kind === 'attribute' ? new RegExp(`\\s(${escaped})(?=[\\s=/>])`, 'i') : new RegExp(`(?<=[\\s;"'])(${escaped})\\s*:[^;"']*`, 'i');
    if (finders.size < 4096) finders.set(key, re);
  }
  return re;
}

/** Length of an attribute's `="value"` part starting at `i` of a tag's text (0 when it has none). */
function attrLength(text: string, i: number): number {
  const m = /^\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+)/.exec(text.slice(i));
  return m ? m[0].length : 0;
}
