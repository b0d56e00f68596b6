/**
 * The rendered HTML of a fixture as a parsed document, shared by every output rule, parsed once
 * per rendered output. The rules read a tree built by htmlparser2 (fast, with the source offsets
 * of every tag); it does not build what a browser implies (html, head, body, tbody) nor move
 * misplaced table content, so a rule about those asks `top()` for the real or implied element.
 *
 * An element's `index` is what `document.getElementsByTagName('*')[index]` gives in the preview
 * frame. Only findings need it: the first one asked for parses the HTML again with parse5, the
 * spec's parser with source offsets, and an element gets the index of the parse5 element whose
 * start tag is at the same offset (an element that is in one tree only gets none).
 *
 * Outlook's conditional comments (`<!--[if mso]>...<![endif]-->`) hold markup that only Outlook
 * reads; it is parsed too and listed apart (`conditional`), without a document index.
 */
import { DomHandler, Element as DomElement, isTag, isText, type AnyNode, type Element as Node, type ParentNode } from 'domhandler';
import { Parser } from 'htmlparser2';
import { parse, type DefaultTreeAdapterTypes as T } from 'parse5';
import { SourceLines } from '../json/positions.js';
import type { OutputLocation } from './types.js';

export type OutputNode = Node;

export interface OutputElement {
  /** Index in document order among the browser's elements; undefined inside a conditional comment or when the browser has no such element. */
  readonly index: number | undefined;
  /** Tag name, lower case (`v:roundrect` keeps its prefix). */
  readonly name: string;
  readonly attrs: readonly { name: string; value: string }[];
  /** Offsets of the start tag; an implied element (no tag in the HTML) has start == end == 0. */
  readonly start: number;
  readonly end: number;
  readonly implied: boolean;
  readonly parent: OutputElement | undefined;
  /** The element in htmlparser2's tree (domhandler), for rules that read its children. */
  readonly node: OutputNode;
  /** The parsed style attribute, once read (see inlineStyle in css.ts). */
  style?: Map<string, string> | undefined;
}

export interface OutputDocument {
  readonly html: string;
  /** Elements of the HTML, in document order. */
  readonly elements: readonly OutputElement[];
  /** Elements inside Outlook conditional comments. */
  readonly conditional: readonly OutputElement[];
  /** The output has an `<html>` or `<body>` tag of its own: a whole email, not a fragment of one. */
  readonly whole: boolean;
  /** The first `<html>` or `<body>` element, or the one a browser implies (no attributes, at offset 0). */
  top(name: 'html' | 'body'): OutputElement;
  /** The tree parsed by parse5 with source offsets (`sourceCodeLocation` on each node), parsed on first use. */
  located(): T.Document;
  /** Where [start, end) is in the rendered HTML, with its element when there is one. */
  location(start: number, end: number, element?: number): OutputLocation;
}

/** An attribute's value, or undefined when the element does not have it. */
export function attr(el: OutputElement, name: string): string | undefined {
  const a = el.node.attribs;
  return Object.hasOwn(a, name) ? a[name] : undefined;
}

/** The text a reader sees in an element: its text nodes, whitespace collapsed, outside <style> and <script>. */
export function textOf(node: ParentNode): string {
  let out = '';
  const walk = (n: ParentNode) => {
    for (const c of n.children) {
      if (isText(c)) out += c.data;
      else if (isTag(c) && c.name !== 'style' && c.name !== 'script') walk(c);
    }
  };
  walk(node);
  return out.replace(/\s+/g, ' ').trim();
}

/** Whether a node is an element (for rules walking `node.children`). */
export const isElement = (n: AnyNode): n is Node => isTag(n);

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

class Element implements OutputElement {
  style?: Map<string, string> | undefined;
  private list?: { name: string; value: string }[];
  constructor(
    private readonly indexOf: ((el: Element) => number | undefined) | undefined,
    readonly node: OutputNode,
    readonly start: number,
    readonly end: number,
    readonly implied: boolean,
    readonly parent: OutputElement | undefined,
  ) {}
  get index(): number | undefined {
    return this.indexOf?.(this);
  }
  get name(): string {
    return this.node.name;
  }
  get attrs(): readonly { name: string; value: string }[] {
    return (this.list ??= Object.entries(this.node.attribs).map(([name, value]) => ({ name, value })));
  }
}

/** htmlparser2's tree of `html`, with the end offset of every start tag. */
function tree(html: string): { roots: AnyNode[]; ends: Map<Node, number> } {
  const ends = new Map<Node, number>();
  let parser: Parser | undefined;
  class Handler extends DomHandler {
    override onopentag(name: string, attribs: Record<string, string>): void {
      super.onopentag(name, attribs);
      ends.set(this.tagStack[this.tagStack.length - 1] as Node, parser!.endIndex + 1);
    }
  }
  const handler = new Handler(undefined, { withStartIndices: true });
  parser = new Parser(handler);
  parser.end(html);
  return { roots: handler.root.children, ends };
}

export function parseOutput(html: string): OutputDocument {
  let located: T.Document | undefined;
  const locatedRoot = () => (located ??= parse(html, { sourceCodeLocationInfo: true }));
  let browser: { byStart: Map<number, number>; firsts: Map<string, number> } | undefined;
  const browserIndex = () => (browser ??= indexLocated(locatedRoot()));
  const indexOf = (el: Element) => (el.implied ? browserIndex().firsts.get(el.name) : browserIndex().byStart.get(el.start));
  const elements: Element[] = [];
  const conditional: Element[] = [];
  const comments: { data: string; at: number }[] = [];
  const down = (nodes: AnyNode[], ends: Map<Node, number>, parent: Element | undefined, shift: number, inConditional: boolean) => {
    for (const n of nodes) {
      if (n.type === 'comment') {
        if (!inConditional && n.data.startsWith('[if')) comments.push({ data: n.data, at: (n.startIndex ?? 0) + 4 });
      } else if (isTag(n)) {
        const start = (n.startIndex ?? 0) + shift;
        const el = new Element(inConditional ? undefined : indexOf, n, start, (ends.get(n) ?? 0) + shift, false, parent);
        (inConditional ? conditional : elements).push(el);
        // a <template>'s content is not in the document (getElementsByTagName skips it)
        if (n.name !== 'template') down(n.children, ends, el, shift, inConditional);
      } else if ('children' in n) down(n.children, ends, parent, shift, inConditional);
    }
  };
  const main = tree(html);
  down(main.roots, main.ends, undefined, 0, false);
  for (const c of comments) {
    const m = CONDITIONAL.exec(c.data);
    if (!m || !m[1]!.includes('<')) continue;
    const part = tree(m[1]!);
    down(part.roots, part.ends, undefined, c.at + c.data.indexOf(m[1]!), true);
  }
  const tops = new Map<string, OutputElement>();
  let lines: SourceLines | undefined;
  return {
    html,
    elements,
    conditional,
    whole: /<(?:html|body)(?=[\s/>])/i.test(html),
    top(name) {
      let el = tops.get(name) ?? elements.find((e) => e.name === name);
      el ??= new Element(indexOf, new DomElement(name, {}), 0, 0, true, undefined);
      tops.set(name, el);
      return el;
    },
    located: locatedRoot,
    location(start, end, element) {
      const pos = (lines ??= new SourceLines(html)).position(start);
      const out: OutputLocation = { start, end, line: pos.line, column: pos.column };
      if (element !== undefined) out.element = element;
      return out;
    },
  };
}

const CONDITIONAL = /^\[if[^\]]*\]>([\s\S]*?)(?:<!\[endif\])?$/;

/** The browser's index of each start tag's offset, and of the first element of each name (implied ones too). */
function indexLocated(root: T.Document): { byStart: Map<number, number>; firsts: Map<string, number> } {
  const byStart = new Map<number, number>();
  const firsts = new Map<string, number>();
  let i = 0;
  const down = (node: T.ParentNode) => {
    // a <template>'s content is kept apart from childNodes by parse5, as the browser does
    for (const c of node.childNodes) {
      if (!('tagName' in c)) continue;
      const at = c.sourceCodeLocation?.startTag?.startOffset;
      if (at !== undefined && !byStart.has(at)) byStart.set(at, i);
      if (!firsts.has(c.tagName)) firsts.set(c.tagName, i);
      i++;
      down(c);
    }
  };
  down(root);
  return { byStart, firsts };
}
