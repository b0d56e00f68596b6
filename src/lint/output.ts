/**
 * Pointing a finding in the rendered output back at the template. The render's source map says
 * which template span wrote the output range; when there is no map (a render that gave other
 * output the second time), an output element is matched to the template tag of the same name
 * whose attributes agree best (equal static values, Velocity code where the output has a value).
 */
import type { Span } from '../engine/index.js';
import type { OutputElement } from './output-doc.js';
import type { VariantRender } from './render.js';

/**
 * The template span behind output [start, end) of a render: from its source map, else (a render
 * that cannot be repeated has none) the template tag that best matches `element`, the element the
 * finding is about.
 */
export function outputSpan(render: VariantRender, source: string, start: number, end: number, element?: OutputElement): Span {
  const mapped = render.map()?.spanOf(start, end);
  // a macro defined by #evaluate text has spans in that text, not in the template
  if (mapped && mapped.end <= source.length) return mapped;
  return (element && locatorOf(source)(element)) ?? { start: 0, end: 0 };
}

interface Attribute {
  name: string;
  value: string;
}

interface TemplateTag {
  /** Each name once, with its last value (as the template's regex read gives them). */
  attrs: Attribute[];
  offset: number;
  length: number;
}

const TAG_REST = String.raw`((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*\/?>`;
const ATTR = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;

let last: { source: string; locate: (el: OutputElement) => Span | undefined } | undefined;

function locatorOf(source: string): (el: OutputElement) => Span | undefined {
  if (last?.source !== source) last = { source, locate: tagLocator(source) };
  return last.locate;
}

/** Finds, for output elements, the template tag they most likely come from. */
export function tagLocator(source: string): (el: OutputElement) => Span | undefined {
  const cache = new Map<string, TemplateTag[]>();
  return (el) => {
    let tags = cache.get(el.name);
    if (!tags) cache.set(el.name, (tags = templateTags(source, el.name)));
    let best: TemplateTag | undefined;
    let bestScore = Number.NEGATIVE_INFINITY;
    for (const t of tags) {
      const score = attributeAgreement(t.attrs, el.attrs);
      if (score > bestScore) {
        best = t;
        bestScore = score;
      }
    }
    return best && { start: best.offset, end: best.offset + best.length };
  };
}

/**
 * How well a template tag's attributes agree with those of an output tag (higher is better):
 * an equal static value counts most, Velocity code where the output has a value counts too,
 * an attribute on one side only or a different static value counts against. An output
 * attribute given twice counts by its first value.
 */
export function attributeAgreement(template: readonly Attribute[], output: readonly Attribute[]): number {
  let score = 0;
  for (const a of template) {
    const out = output.find((x) => x.name === a.name)?.value;
    if (out === undefined) score -= 1;
    else if (out === a.value) score += 2;
    else if (/[$#]/.test(a.value)) score += 1;
    else score -= 2;
  }
  for (const a of output) if (!template.some((x) => x.name === a.name)) score -= 1;
  return score;
}

/** The `<name ...>` tags of a template's text (its HTML, read as text: the template is not HTML yet). */
function templateTags(source: string, name: string): TemplateTag[] {
  const esc = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`<${esc}(?=[\\s/>])${TAG_REST}`, 'gi');
  const out: TemplateTag[] = [];
  for (const m of source.matchAll(re)) {
    const attrs = new Map<string, string>();
    ATTR.lastIndex = 0;
    const text = m[1] ?? '';
    for (let a = ATTR.exec(text); a; a = ATTR.exec(text)) attrs.set(a[1]!.toLowerCase(), a[2] ?? a[3] ?? a[4] ?? '');
    out.push({ attrs: [...attrs].map(([name, value]) => ({ name, value })), offset: m.index, length: m[0].length });
  }
  return out;
}
