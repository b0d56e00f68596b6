/**
 * The rendered HTML of a fixture as a parsed document, shared by every output rule: parse5 builds
 * the tree a browser builds (implied html, head and body included), with the source offsets of
 * each element, once per rendered output. Elements are listed in document order, so an element's
 * index is what `document.getElementsByTagName('*')[index]` gives in the preview frame.
 *
 * Outlook's conditional comments (`<!--[if mso]>...<![endif]-->`) hold markup that only Outlook
 * reads; it is parsed too and listed apart (`conditional`), without a document index.
 */
import { parse, parseFragment, type DefaultTreeAdapterTypes as T } from 'parse5';
import { SourceLines } from '../json/positions.js';
import type { OutputLocation } from './types.js';

export interface OutputElement {
  /** Index in document order among all elements; undefined inside a conditional comment. */
  index: number | undefined;
  /** Tag name, lower case (`v:roundrect` keeps its prefix). */
  name: string;
  attrs: readonly { name: string; value: string }[];
  /** Offsets of the start tag; an implied element (no tag in the HTML) has start == end == 0. */
  start: number;
  end: number;
  implied: boolean;
  parent: OutputElement | undefined;
  node: T.Element;
  /** The parsed style attribute, once read (see inlineStyle in css.ts). */
  style?: Map<string, string> | undefined;
}

export interface OutputDocument {
  html: string;
  /** Elements of the document, in document order. */
  elements: readonly OutputElement[];
  /** Elements inside Outlook conditional comments. */
  conditional: readonly OutputElement[];
  root: T.Document;
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

export function parseOutput(html: string): OutputDocument {
  const root = parse(html, { sourceCodeLocationInfo: true });
  const elements: OutputElement[] = [];
  const conditional: OutputElement[] = [];
  const comments: T.CommentNode[] = [];
  collect(root, undefined, elements, comments, true, 0);
  for (const c of comments) {
    const loc = c.sourceCodeLocation;
    const m = /^\[if[^\]]*\]>([\s\S]*?)(?:<!\[endif\])?$/.exec(c.data);
    if (!loc || !m || !m[1]!.includes('<')) continue;
    const shift = loc.startOffset + 4 + c.data.indexOf(m[1]!);
    const frag = parseFragment(m[1]!, { sourceCodeLocationInfo: true });
    collect(frag, undefined, conditional, [], false, shift);
  }
  let lines: SourceLines | undefined;
  return {
    html,
    elements,
    conditional,
    root,
    location(start, end, element) {
      const pos = (lines ??= new SourceLines(html)).position(start);
      const out: OutputLocation = { start, end, line: pos.line, column: pos.column };
      if (element !== undefined) out.element = element;
      return out;
    },
  };
}

function collect(node: T.ParentNode, parent: OutputElement | undefined, into: OutputElement[], comments: T.CommentNode[], indexed: boolean, shift: number): void {
  for (const c of node.childNodes) {
    if (c.nodeName === '#comment') {
      const data = (c as T.CommentNode).data;
      if (data.startsWith('[if')) comments.push(c as T.CommentNode);
      continue;
    }
    if (!('tagName' in c)) continue;
    const loc = c.sourceCodeLocation;
    const tag = loc?.startTag;
    const el: OutputElement = {
      index: indexed ? into.length : undefined,
      name: c.tagName,
      attrs: c.attrs,
      start: tag ? tag.startOffset + shift : 0,
      end: tag ? tag.endOffset + shift : 0,
      implied: !tag,
      parent,
      node: c,
    };
    into.push(el);
    // a <template>'s content is not in the document (getElementsByTagName skips it)
    collect(c, el, into, comments, indexed, shift);
  }
}
