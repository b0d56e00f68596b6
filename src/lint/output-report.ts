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
      element: (el, message) => c.report({ message, fixture: r.label, output: elementPlace(el) }),
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
 * The link and image elements (LINK_TAGS) of the document, then those of Outlook's conditional
 * comments (not sorted by offset: offsets are only worked out for findings, and the runner sorts
 * those). Every output rule about links or images walks this one list, made once per document,
 * and skips the names it does not check.
 */
export function linksAndImages(doc: OutputDocument): readonly OutputElement[] {
  return doc.shared(linksAndImages, () => {
    const out = doc.elements.filter((e) => LINK_TAGS.has(e.name));
    for (const e of doc.conditional) if (LINK_TAGS.has(e.name)) out.push(e);
    return out;
  });
}

/**
 * Where a finding on an element is in the output (Report.output): the element's index in the
 * browser's document is read only when the finding is kept. A class, not an object literal with
 * a getter: V8 keeps a literal's getter in a pair allocated straight in the old generation, which
 * held the element, and through it the whole parsed output, until the next full collection.
 */
class ElementPlace {
  readonly start: number;
  readonly end: number;
  readonly #el: OutputElement;
  constructor(el: OutputElement) {
    this.#el = el;
    this.start = el.start;
    this.end = el.end;
  }
  get element(): number | undefined {
    return this.#el.index;
  }
  static elementOf(place: ElementPlace): OutputElement {
    return place.#el;
  }
}

/** The element a finding's place (Report.output) is about, when it was made by `elementPlace`. */
export function placedElement(place: unknown): OutputElement | undefined {
  return place instanceof ElementPlace ? ElementPlace.elementOf(place) : undefined;
}

/** The place of a finding on `el` (see ElementPlace). */
export function elementPlace(el: OutputElement): { start: number; end: number; readonly element: number | undefined } {
  return new ElementPlace(el);
}

/** Tags that carry a link or an image URL in `href` or `src`. */
export const LINK_TAGS: ReadonlySet<string> = new Set(['a', 'img', 'link', 'area', 'v:roundrect', 'v:imagedata', 'v:fill', 'source']);
