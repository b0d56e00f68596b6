/**
 * The rendered HTML of a fixture as a parsed document, shared by every output rule, parsed once
 * per rendered output. htmlparser2 parses it (fast, with the source offsets of every tag) into a
 * flat list of elements in document order, each with its parent, the end of its descendants in
 * the list and the range of its text runs: rules read the tree through `childrenOf`,
 * `descendantsOf` and `textOf`. It does not build what a browser implies (html, head, body,
 * tbody) nor move misplaced table content, so a rule about those asks `top()` for the real or
 * implied element.
 *
 * Character references are decoded only where they are: the parser hands over raw text and
 * values, an attribute value holding `&` is decoded (as htmlparser2 would, with `entities`) when
 * its tag is read, a text run when a rule asks for its text.
 *
 * An element's `index` is what `document.getElementsByTagName('*')[index]` gives in the preview
 * frame. Only findings need it: the first one asked for parses the HTML again with parse5, the
 * spec's parser with source offsets, and an element gets the index of the parse5 element whose
 * start tag is at the same offset (an element that is in one tree only gets none).
 *
 * Outlook's conditional comments (`<!--[if mso]>...<![endif]-->`) hold markup that only Outlook
 * reads; it is parsed too and listed apart (`conditional`), without a document index.
 */
import { decodeHTML, decodeHTMLAttribute } from 'entities/decode';
import { Parser } from 'htmlparser2';
import { parse, type DefaultTreeAdapterTypes as T } from 'parse5';
import { SourceLines } from '../json/positions.js';
import { ownCopy, TextMemo } from './memo.js';
import { PARSER_OPTIONS, TagParser, type TagHandler } from './output-parser.js';
import type { OutputLocation } from './types.js';

export interface OutputElement {
  /** Index in document order among the browser's elements; undefined inside a conditional comment or when the browser has no such element. */
  readonly index: number | undefined;
  /** Tag name, lower case (`v:roundrect` keeps its prefix). */
  readonly name: string;
  /** Attribute values as written (the first of a repeated name, as browsers keep); `attr` decodes them. */
  readonly rawAttribs: Readonly<Record<string, string>>;
  /** The start tag as written; '' for an element without one (implied, or opened by an end tag such as `</p>`). */
  readonly tag: string;
  readonly attrs: readonly { name: string; value: string }[];
  /** Offsets of the start tag; an implied element (no tag in the HTML) has start == end == 0. */
  readonly start: number;
  readonly end: number;
  readonly implied: boolean;
  readonly parent: OutputElement | undefined;
  /** Position in its list (`elements`, or `conditional` for those inside conditional comments); parents come before their children. */
  readonly pos: number;
  /** Whether a text run of its own (not of a child) holds more than whitespace. */
  readonly ownText: boolean;
  /** The parsed style attribute, once read (see inlineStyle in css.ts). */
  style?: Map<string, string> | undefined;
}

export interface OutputStyle {
  /** Offset of the CSS text (just after `<style ...>`). */
  start: number;
  css: string;
  /** The <style> element. */
  element: OutputElement;
}

export interface OutputDocument {
  readonly html: string;
  /** Elements of the HTML, in document order (those inside a <template> are not in the document). */
  readonly elements: readonly OutputElement[];
  /** Elements inside Outlook conditional comments. */
  readonly conditional: readonly OutputElement[];
  /** The text of each <style> element of the document, in order. */
  readonly styles: readonly OutputStyle[];
  /** The output has an `<html>` or `<body>` tag of its own: a whole email, not a fragment of one. */
  readonly whole: boolean;
  /** The first `<html>` or `<body>` element, or the one a browser implies (no attributes, at offset 0). */
  top(name: 'html' | 'body'): OutputElement;
  /** The tree parsed by parse5 with source offsets (`sourceCodeLocation` on each node), parsed on first use. */
  located(): T.Document;
  /**
   * What `make` works out from this document, made once per `key` and kept with the document (a
   * WeakMap keyed by documents would keep every document alive through young-generation
   * collections: see compiler.ts in the engine).
   */
  shared<V>(key: object, make: () => V): V;
}

/** An attribute's value, decoded, or undefined when the element does not have it. */
export function attr(el: OutputElement, name: string): string | undefined {
  const a = el.rawAttribs;
  if (!Object.hasOwn(a, name)) return undefined;
  const v = a[name]!;
  if (!v.includes('&')) return v;
  return decodedValues.get(v) ?? decodedValues.set(v, decodeHTMLAttribute(v));
}

/** Decoded attribute values holding character references (URLs with `&amp;`), shared by every rule and output (bounded). */
const decodedValues = new TextMemo<string>();

/** The descendants of an element, in document order. */
export function descendantsOf(el: OutputElement): readonly OutputElement[] {
  const e = el as Element;
  return e.list.slice(e.pos + 1, e.descEnd);
}

/** The child elements of an element, in document order. */
export function childrenOf(el: OutputElement): OutputElement[] {
  const e = el as Element;
  const out: OutputElement[] = [];
  for (let i = e.pos + 1; i < e.descEnd; ) {
    const c = e.list[i]!;
    out.push(c);
    i = c.descEnd;
  }
  return out;
}

/** The text a reader sees in an element: its text runs, whitespace collapsed, outside <style> and <script>. */
export function textOf(el: OutputElement): string {
  const e = el as Element;
  const t = e.texts;
  let out = '';
  for (let k = e.textFrom; k < e.textTo; k += 2) out += decodedText(t.html.slice(t.runs[k]!, t.runs[k + 1]!));
  return out.replace(/\s+/g, ' ').trim();
}

const decodedText = (raw: string) => (raw.includes('&') ? decodeHTML(raw) : raw);

/** Whether the raw text run [start, end) of `html` holds more than whitespace once decoded (`&nbsp;` is whitespace). */
function hasText(html: string, start: number, end: number): boolean {
  // most runs between tags are a line break and indentation: looked at in place
  let i = start;
  for (; i < end; i++) {
    const c = html.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 9 && c !== 13) break;
  }
  if (i === end) return false;
  // a printable ASCII character other than `&` is text
  const c = html.charCodeAt(i);
  if (c > 32 && c < 127 && c !== 38) return true;
  const t = html.slice(i, end).trim();
  return t !== '' && (t.charCodeAt(0) !== 38 || decodeHTML(t).trim() !== '');
}

/** The text runs of one parsed piece of HTML: start and end offsets, in pairs. */
interface Texts {
  html: string;
  runs: number[];
}

const NO_ATTRIBS: Readonly<Record<string, string>> = Object.freeze({});

/**
 * What is worked out from a start tag's text alone (its attributes, and what rules keep in a
 * TagSlot), kept once per distinct text (bounded) and shared by every element written with it,
 * so that an element is looked up by its text once, whatever number of rules ask about it.
 */
interface TagInfo {
  /** The tag's text, a copy of its own (see ownCopy): what is worked out from it keeps no output alive. */
  readonly text: string;
  readonly slots: unknown[];
}

const tagInfos = new TextMemo<TagInfo>(20_000);
let slotCount = 0;

/** A value a rule works out from a start tag's text, kept with the tag's other values (see TagInfo). */
export class TagSlot<V> {
  private readonly k = slotCount++;
  /** The value for the element's start tag: `compute` runs once per distinct text (for an element without a start tag, each time). */
  of(el: OutputElement, compute: (el: OutputElement) => V): V {
    const info = (el as Element).info;
    if (info === null) return compute(el);
    let v = info.slots[this.k] as V | undefined;
    if (v === undefined) info.slots[this.k] = v = compute(el);
    return v;
  }
  /** Replaces the value kept for the element's start tag. */
  set(el: OutputElement, value: V): void {
    const info = (el as Element).info;
    if (info !== null) info.slots[this.k] = value;
  }
}

/** The attributes of each start tag's text. */
const tagAttribs = new TagSlot<Readonly<Record<string, string>>>();

/** The attributes of a start tag's text, as htmlparser2 reads them (raw values; the first of a repeated name). */
function attribsOf(tag: string): Readonly<Record<string, string>> {
  let a = NO_ATTRIBS;
  new Parser(
    {
      onopentag(_name, attribs) {
        if (a === NO_ATTRIBS) a = attribs;
      },
    },
    PARSER_OPTIONS,
  ).end(tag);
  return a;
}

class Element implements OutputElement {
  style?: Map<string, string> | undefined;
  ownText = false;
  /** Where this element's descendants end in `list`, and its text runs in `texts.runs`. */
  descEnd = 0;
  textFrom: number;
  textTo = 0;
  private attrList?: { name: string; value: string }[];
  private attribs?: Readonly<Record<string, string>>;
  private text?: string;
  private tagInfo?: TagInfo | null;
  constructor(
    private readonly indexOf: ((el: Element) => number | undefined) | undefined,
    readonly name: string,
    readonly start: number,
    readonly end: number,
    readonly implied: boolean,
    /** False for an element the parser opened for an end tag (`</p>`, `</br>`): it has no start tag. */
    readonly tagged: boolean,
    readonly parent: Element | undefined,
    readonly list: Element[],
    readonly pos: number,
    readonly texts: Texts,
    private readonly shift: number,
  ) {
    this.textFrom = texts.runs.length;
  }
  get index(): number | undefined {
    return this.indexOf?.(this);
  }
  /** The start tag as written ('' when there is none). */
  get tag(): string {
    return (this.text ??= this.tagged && !this.implied ? this.texts.html.slice(this.start - this.shift, this.end - this.shift) : '');
  }
  /** What the start tag's text gives, shared with every element of the same text; null without a start tag. */
  get info(): TagInfo | null {
    if (this.tagInfo === undefined) {
      const tag = this.tag;
      if (tag === '') this.tagInfo = null;
      else {
        let info = tagInfos.get(tag);
        if (!info) {
          const text = ownCopy(tag);
          info = tagInfos.set(text, { text, slots: [] });
        }
        // the element's tag is from now on the kept copy: attributes, paints and findings read
        // from it are not views of this output
        this.text = info.text;
        this.tagInfo = info;
      }
    }
    return this.tagInfo;
  }
  get rawAttribs(): Readonly<Record<string, string>> {
    return (this.attribs ??= tagAttribs.of(this, (e) => (e.tag === '' ? NO_ATTRIBS : attribsOf(e.tag))));
  }
  get attrs(): readonly { name: string; value: string }[] {
    return (this.attrList ??= Object.keys(this.rawAttribs).map((name) => ({ name, value: attr(this, name)! })));
  }
}

/** Elements whose text is not a reader's (nor a tag's): no text runs are kept inside them. */
const NOT_TEXT = new Set(['style', 'script']);

/**
 * Parses `html` (at `shift` in the whole output) into `list`: elements in document order, each
 * with its start tag's offsets, text runs, descendants, and the <style> texts.
 */
function parseInto(
  html: string,
  shift: number,
  list: Element[],
  indexOf: ((el: Element) => number | undefined) | undefined,
  styles: OutputStyle[] | undefined,
  comments: { data: string; at: number }[] | undefined,
): void {
  const texts: Texts = { html, runs: [] };
  // one entry per open element; null for those inside a <template> (its content is not in the document)
  const stack: (Element | null)[] = [];
  let inert = 0;
  let quiet = 0;
  let current: Element | undefined;
  let parser: Parser;
  const handler: TagHandler = {
    onopentag(name, _attribs, isImplied) {
      if (inert > 0) {
        stack.push(null);
        if (name === 'template') inert++;
        return;
      }
      const start = parser.startIndex;
      const el = new Element(indexOf, name, start + shift, parser.endIndex + 1 + shift, false, !isImplied, current, list, list.length, texts, shift);
      list.push(el);
      stack.push(el);
      current = el;
      if (name === 'template') inert++;
      if (NOT_TEXT.has(name)) quiet++;
    },
    onclosetag(name) {
      const el = stack.pop();
      if (el === null) {
        if (name === 'template') inert--;
        return;
      }
      if (el === undefined) return;
      el.descEnd = list.length;
      el.textTo = texts.runs.length;
      if (name === 'template') inert--;
      if (NOT_TEXT.has(name)) quiet--;
      current = el.parent;
    },
    text(start, end) {
      if (inert > 0 || !current) return;
      if (current.name === 'style' && styles) {
        const css = html.slice(start, end);
        const last = styles[styles.length - 1];
        if (last?.element === current) last.css += css;
        else styles.push({ start: start + shift, css, element: current });
      }
      if (quiet > 0) return;
      texts.runs.push(start, end);
      if (!current.ownText && hasText(html, start, end)) current.ownText = true;
    },
    oncomment(data) {
      if (comments && inert === 0 && data.startsWith('[if')) comments.push({ data, at: parser.startIndex + 4 });
    },
  };
  parser = new TagParser(handler);
  parser.end(html);
}

export function parseOutput(html: string): OutputDocument {
  let located: T.Document | undefined;
  const locatedRoot = () => (located ??= parse(html, { sourceCodeLocationInfo: true }));
  let browser: { byStart: Map<number, number>; firsts: Map<string, number> } | undefined;
  const browserIndex = () => (browser ??= indexLocated(locatedRoot()));
  const indexOf = (el: Element) => (el.implied ? browserIndex().firsts.get(el.name) : browserIndex().byStart.get(el.start));
  const elements: Element[] = [];
  const conditional: Element[] = [];
  const styles: OutputStyle[] = [];
  const comments: { data: string; at: number }[] = [];
  parseInto(html, 0, elements, indexOf, styles, comments);
  for (const c of comments) {
    const m = CONDITIONAL.exec(c.data);
    if (!m || !m[1]!.includes('<')) continue;
    parseInto(m[1]!, c.at + c.data.indexOf(m[1]!), conditional, undefined, undefined, undefined);
  }
  const tops = new Map<string, OutputElement>();
  const kept = new Map<object, unknown>();
  return {
    html,
    elements,
    conditional,
    styles,
    whole: /<(?:html|body)(?=[\s/>])/i.test(html),
    top(name) {
      let el = tops.get(name) ?? elements.find((e) => e.name === name);
      el ??= new Element(indexOf, name, 0, 0, true, false, undefined, [], 0, { html: '', runs: [] }, 0);
      tops.set(name, el);
      return el;
    },
    located: locatedRoot,
    shared<V>(key: object, make: () => V): V {
      if (kept.has(key)) return kept.get(key) as V;
      const v = make();
      kept.set(key, v);
      return v;
    },
  };
}

/** Where [start, end) is in a rendered HTML, with its element when there is one (the line starts of the last HTML asked about are kept). */
export function outputLocation(html: string, start: number, end: number, element?: number): OutputLocation {
  const pos = new SourceLines(html).position(start);
  const out: OutputLocation = { start, end, line: pos.line, column: pos.column };
  if (element !== undefined) out.element = element;
  return out;
}

const CONDITIONAL = /^\[if[^\]]*\]>([\s\S]*?)(?:<!\[endif\])?$/;

/** The browser's index of each start tag's offset, and of the first element of each name (implied ones too). */
function indexLocated(root: T.Document): { byStart: Map<number, number>; firsts: Map<string, number> } {
  const byStart = new Map<number, number>();
  const firsts = new Map<string, number>();
  let i = 0;
  // a <template>'s content is kept apart from childNodes by parse5, as the browser does
  walkLocated(root, (c) => {
    if (!('tagName' in c)) return false;
    const at = c.sourceCodeLocation?.startTag?.startOffset;
    if (at !== undefined && !byStart.has(at)) byStart.set(at, i);
    if (!firsts.has(c.tagName)) firsts.set(c.tagName, i);
    i++;
    return true;
  });
  return { byStart, firsts };
}

/**
 * Visits the nodes of a parse5 tree in document order, without recursion (a template may nest
 * elements as deep as it likes); `visit` answers whether to go into the node's children.
 */
export function walkLocated(root: T.ParentNode, visit: (node: T.ChildNode) => boolean): void {
  const stack: { nodes: T.ChildNode[]; k: number }[] = [{ nodes: root.childNodes, k: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const node = top.nodes[top.k++];
    if (!node) stack.pop();
    else if (visit(node) && 'childNodes' in node) stack.push({ nodes: node.childNodes, k: 0 });
  }
}
