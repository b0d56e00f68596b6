/**
 * What output rules share: the parsed output of each rendered fixture, and reporting a finding
 * on an element (its start tag) or on a range of the output. The runner turns the output range
 * into a template position through the render's source map (see Report.output).
 */
import { type OutputDocument, type OutputElement } from './output-doc.js';
import type { RenderedVariant, RuleContext } from './types.js';

export interface OutputReporter {
  doc: OutputDocument;
  render: RenderedVariant;
  /** A finding on an element, placed at its start tag (an implied element: at the start). */
  element(el: OutputElement, message: string): void;
  range(start: number, end: number, message: string): void;
}

/**
 * Runs `check` on the parsed output of every fixture that rendered (body rules), and `done`
 * after the last one. In the runner's contexts the checks of all rules run fixture by fixture
 * after the rules' own code (see RuleContext.eachDocument): a rule must not expect the checks to
 * have run when eachOutput returns, only in `done`.
 */
export function eachOutput(c: RuleContext, check: (o: OutputReporter) => void, done?: () => void): void {
  if (!c.ast) return;
  const visit = (r: RenderedVariant, doc: OutputDocument) =>
    check({
      doc,
      render: r,
      // the index is read only for a finding that is kept (see OutputDocument)
      element: (el, message) => c.report({ message, fixture: r.label, output: { start: el.start, end: el.end, get element() { return el.index; } } }),
      range: (start, end, message) => c.report({ message, fixture: r.label, output: { start, end } }),
    });
  if (c.eachDocument) return c.eachDocument(visit, done);
  for (const r of c.renders()) {
    const doc = r.document();
    if (doc) visit(r, doc);
  }
  done?.();
}

/**
 * Elements named `names` of the document, then those of Outlook's conditional comments (not
 * sorted by offset: offsets are only worked out for findings, and the runner sorts those).
 */
export function elementsNamed(doc: OutputDocument, names: ReadonlySet<string>): readonly OutputElement[] {
  // rules that look at the same names share the list (by the identity of their set)
  let bySet = named.get(doc);
  if (!bySet) named.set(doc, (bySet = new Map()));
  let out = bySet.get(names);
  if (!out) {
    out = doc.elements.filter((e) => names.has(e.name));
    for (const e of doc.conditional) if (names.has(e.name)) out.push(e);
    bySet.set(names, out);
  }
  return out;
}

const named = new WeakMap<OutputDocument, Map<ReadonlySet<string>, OutputElement[]>>();

/** Tags that carry a link or an image URL in `href` or `src`. */
export const LINK_TAGS: ReadonlySet<string> = new Set(['a', 'img', 'link', 'area', 'v:roundrect', 'v:imagedata', 'v:fill', 'source']);
