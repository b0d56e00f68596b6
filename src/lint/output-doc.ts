/**
 * The rendered HTML of a fixture as a parsed document, shared by every output rule: parse5 builds
 * the tree a browser builds (implied html, head and body included), once per rendered output.
 * Elements are listed in document order, so an element's index is what
 * `document.getElementsByTagName('*')[index]` gives in the preview frame.
 *
 * Source offsets cost parse5 about a third more time, and only findings need them: the rules
 * read a parse without them, and the first offset asked for parses the HTML again with them
 * (the same parser on the same text builds the same tree, so element i is element i).
 *
 * Outlook's conditional comments (`<!--[if mso]>...<![endif]-->`) hold markup that only Outlook
 * reads; it is parsed too and listed apart (`conditional`), without a document index.
 */
import { parse, parseFragment, type DefaultTreeAdapterTypes as T } from 'parse5';
import { SourceLines } from '../json/positions.js';
import type { OutputLocation } from './types.js';

export interface OutputElement {
  /** Index in document order among all elements; undefined inside a conditional comment. */
  readonly index: number | undefined;
  /** Tag name, lower case (`v:roundrect` keeps its prefix). */
  readonly name: string;
  readonly attrs: readonly { name: string; value: string }[];
  /** Offsets of the start tag; an implied element (no tag in the HTML) has start == end == 0. */
  readonly start: number;
  readonly end: number;
  readonly implied: boolean;
  readonly parent: OutputElement | undefined;
  readonly node: T.Element;
  /** The parsed style attribute, once read (see inlineStyle in css.ts). */
  style?: Map<string, string> | undefined;
}

export interface OutputDocument {
  readonly html: string;
  /** Elements of the document, in document order. */
  readonly elements: readonly OutputElement[];
  /** Elements inside Outlook conditional comments. */
  readonly conditional: readonly OutputElement[];
  /** The output has an `<html>` or `<body>` tag of its own: a whole email, not a fragment of one. */
  readonly whole: boolean;
  /** The parsed tree (without source offsets). */
  readonly root: T.Document;
  /** The tree parsed with source offsets (`sourceCodeLocation` on each node), parsed on first use. */
  located(): T.Document;
  /** Where [start, end) is in the rendered HTML, with its element when there is one. */
  location(start: number, end: number, element?: number): OutputLocation;
}

/** An attribute's value, or undefined when the element does not have it. */
export function attr(el: OutputElement, name: string): string | undefined {
  for (const a of el.attrs) if (a.name === name) return a.value;
  return undefined;
}

/** The text a reader sees in an element: its text nodes, whitespace collapsed, outside <style> and <script>. */
export function textOf(node: T.ParentNode): string {
  let out = '';
  const walk = (n: T.ParentNode) => {
    for (const c of n.childNodes) {
      if (c.nodeName === '#text') out += (c as T.TextNode).value;
      else if ('childNodes' in c && c.nodeName !== 'style' && c.nodeName !== 'script') walk(c);
    }
  };
  walk(node);
  return out.replace(/\s+/g, ' ').trim();
}

const memo = new WeakMap<object, OutputDocument>();

/** The parsed document of `html`, parsed once per `owner` (a render result). */
export function outputDocument(html: string, owner?: object): OutputDocument {
  let doc = owner && memo.get(owner);
  if (!doc || doc.html !== html) {
    doc = parseOutput(html);
    if (owner) memo.set(owner, doc);
  }
  return doc;
}

interface Place {
  start: number;
  end: number;
  implied: boolean;
}

class Element implements OutputElement {
  style?: Map<string, string> | undefined;
  constructor(
    private readonly places: () => Place[],
    private readonly at: number,
    readonly index: number | undefined,
    readonly node: T.Element,
    readonly parent: OutputElement | undefined,
  ) {}
  get name(): string {
    return this.node.tagName;
  }
  get attrs(): readonly { name: string; value: string }[] {
    return this.node.attrs;
  }
  get start(): number {
    return this.places()[this.at]?.start ?? 0;
  }
  get end(): number {
    return this.places()[this.at]?.end ?? 0;
  }
  get implied(): boolean {
    return this.places()[this.at]?.implied ?? true;
  }
}

export function parseOutput(html: string): OutputDocument {
  const root = parse(html);
  let places: { elements: Place[]; conditional: Place[] } | undefined;
  let locatedRoot: T.Document | undefined;
  const located = () => (locatedRoot ??= parse(html, { sourceCodeLocationInfo: true }));
  const placesOf = () => {
    if (places) return places;
    const elements: Place[] = [];
    const conditional: Place[] = [];
    walk(located(), html, (node, _parent, inConditional, shift) => {
      const tag = node.sourceCodeLocation?.startTag;
      (inConditional ? conditional : elements).push({ start: tag ? tag.startOffset + shift : 0, end: tag ? tag.endOffset + shift : 0, implied: !tag });
      return undefined;
    });
    return (places = { elements, conditional });
  };
  const elements: Element[] = [];
  const conditional: Element[] = [];
  walk(root, undefined, (node, parent, inConditional) => {
    const list = inConditional ? conditional : elements;
    const el = new Element(inConditional ? () => placesOf().conditional : () => placesOf().elements, list.length, inConditional ? undefined : list.length, node, parent as Element | undefined);
    list.push(el);
    return el;
  });
  let lines: SourceLines | undefined;
  return {
    html,
    elements,
    conditional,
    whole: /<(?:html|body)(?=[\s/>])/i.test(html),
    root,
    located,
    location(start, end, element) {
      const pos = (lines ??= new SourceLines(html)).position(start);
      const out: OutputLocation = { start, end, line: pos.line, column: pos.column };
      if (element !== undefined) out.element = element;
      return out;
    },
  };
}

const CONDITIONAL = /^\[if[^\]]*\]>([\s\S]*?)(?:<!\[endif\])?$/;

/**
 * Visits the elements of a parsed document in document order, then those of its conditional
 * comments in output order. `html` is given for a located tree (then the fragments of
 * conditional comments are parsed with offsets too, shifted to the whole output's).
 */
function walk<E>(root: T.Document, html: string | undefined, visit: (node: T.Element, parent: E | undefined, inConditional: boolean, shift: number) => E | undefined): void {
  const comments: T.CommentNode[] = [];
  const down = (node: T.ParentNode, parent: E | undefined, inConditional: boolean, shift: number) => {
    for (const c of node.childNodes) {
      if (c.nodeName === '#comment') {
        if (!inConditional && (c as T.CommentNode).data.startsWith('[if')) comments.push(c as T.CommentNode);
        continue;
      }
      if (!('tagName' in c)) continue;
      // a <template>'s content is not in the document (getElementsByTagName skips it): parse5
      // keeps it apart from childNodes
      down(c, visit(c, parent, inConditional, shift), inConditional, shift);
    }
  };
  down(root, undefined, false, 0);
  for (const c of comments) {
    const m = CONDITIONAL.exec(c.data);
    if (!m || !m[1]!.includes('<')) continue;
    const loc = c.sourceCodeLocation;
    const shift = html !== undefined && loc ? loc.startOffset + 4 + c.data.indexOf(m[1]!) : 0;
    down(parseFragment(m[1]!, { sourceCodeLocationInfo: html !== undefined }), undefined, true, shift);
  }
}
