/**
 * htmlparser2's parser as the output document reads rendered HTML with it: the tree and the
 * offsets of start tags and text runs, nothing else.
 *
 * - No attribute values: a tag's attributes are read from its text when a rule asks
 *   (`attribsOf` in output-doc.ts), once per distinct text. Most tags of an email are the same
 *   in every fixture and every email made from one design, so few are ever read.
 * - No text copied: a text run is reported as its offsets (`text(start, end)`), and the reader
 *   slices what it needs (a style sheet) or looks at its characters in place.
 * - The tokenizer finds the `<`, `>` or quote it waits for with `indexOf` (native) instead of a
 *   loop over character codes: text, style sheets and attribute values are most of an email.
 * - A start tag's attributes are passed over in one loop (`skipAttributes`), not one call of a
 *   state method per character: nothing is reported about them until the tag's `>`.
 *
 * The tokenizer's loop is htmlparser2's own (`fastForwardTo` is its hook for this, not a public
 * one): when a release no longer has it, the stock tokenizer is used. A test compares what this
 * parser reports with what htmlparser2's stock parser reports on the samples' outputs and on
 * generated markup.
 */
import { Parser, Tokenizer, type Handler, type ParserOptions } from 'htmlparser2';

type TokenizerState = { buffer: string; index: number; offset: number };

/** Same as Tokenizer.fastForwardTo: moves `index` to the next `c` (true), or to the last character of the buffer (false). */
function fastForwardTo(this: TokenizerState, c: number): boolean {
  const at = this.buffer.indexOf(String.fromCharCode(c), this.index + 1 - this.offset);
  if (at >= 0) {
    this.index = at + this.offset;
    return true;
  }
  this.index = this.buffer.length + this.offset - 1;
  return false;
}

class IndexOfTokenizer extends Tokenizer {}
const hooked = typeof (Tokenizer.prototype as unknown as Record<string, unknown>)['fastForwardTo'] === 'function';
if (hooked) Object.defineProperty(IndexOfTokenizer.prototype, 'fastForwardTo', { value: fastForwardTo, writable: true, configurable: true });

/**
 * The tokenizer states a start tag's attributes go through, read from htmlparser2's tokenizer
 * itself (its state numbers are not exported): undefined when they are not what this file expects,
 * and then the stock states are used.
 */
const ATTRIBUTE_STATES = probeStates();

function probeStates() {
  const proto = Tokenizer.prototype as unknown as Record<string, unknown>;
  for (const m of ['stateBeforeAttributeName', 'stateInSelfClosingTag']) if (typeof proto[m] !== 'function') return undefined;
  const noop = () => {};
  const callbacks = new Proxy({}, { get: () => noop }) as ConstructorParameters<typeof Tokenizer>[1];
  const after = (html: string): unknown => {
    const t = new Tokenizer({ decodeEntities: false }, callbacks);
    t.write(html);
    return (t as unknown as { state: unknown }).state;
  };
  const s = {
    text: after('<a>'),
    before: after('<a '),
    name: after('<a b'),
    afterName: after('<a b '),
    beforeValue: after('<a b='),
    dq: after('<a b="'),
    sq: after("<a b='"),
    nq: after('<a b=c'),
    selfClosing: after('<a /'),
  };
  const values = Object.values(s);
  if (!values.every((v) => typeof v === 'number') || new Set(values).size !== values.length) return undefined;
  return s as { [K in keyof typeof s]: number };
}

type AttributeTokenizer = TokenizerState & { state: number; sectionStart: number };

/**
 * htmlparser2's attribute states (before, in and after a name, before and in a value, in `/`) run
 * as one loop over the tag's characters, with no callback until the `>` that ends it: the output
 * document skips attribute values and names (TagParser leaves their callbacks empty), and the
 * states change exactly as the stock methods change them. The `>` itself is handed to the stock
 * method, which ends the tag; a tag that the input ends is left in the state it reached.
 * Whitespace (HTML's: space, LF, tab, CR, FF) is tested in place: `velvet lint` runs without
 * inlining (see lightOptimizer), so a helper would be a call per character.
 */
function skipAttributes(this: AttributeTokenizer, first: number): void {
  const S = ATTRIBUTE_STATES!;
  const buf = this.buffer;
  const off = this.offset;
  const n = buf.length;
  let i = this.index - off;
  let c = first;
  let state = S.before;
  let sectionStart = this.sectionStart;
  // the stock method that ends the tag at its `>`; none when the input ends inside the tag
  let end: StateMethod | undefined;
  for (;;) {
    if (state === S.before) {
      if (c === 62) {
        end = stockBefore;
        break;
      }
      if (c === 47) state = S.selfClosing;
      else if (!(c === 32 || c === 10 || c === 9 || c === 13 || c === 12)) {
        state = S.name;
        sectionStart = i + off;
      }
    } else if (state === S.name) {
      if (c === 61 || c === 47 || c === 62 || (c === 32 || c === 10 || c === 9 || c === 13 || c === 12)) {
        sectionStart = i + off;
        state = S.afterName;
        continue;
      }
    } else if (state === S.dq || state === S.sq) {
      const quote = state === S.dq ? '"' : "'";
      const at = c === quote.charCodeAt(0) ? i : buf.indexOf(quote, i + 1);
      if (at < 0) i = n - 1;
      else {
        i = at;
        sectionStart = -1;
        state = S.before;
      }
    } else if (state === S.afterName) {
      if (c === 61) state = S.beforeValue;
      else if (c === 47 || c === 62) {
        sectionStart = -1;
        state = S.before;
        continue;
      } else if (!(c === 32 || c === 10 || c === 9 || c === 13 || c === 12)) {
        state = S.name;
        sectionStart = i + off;
      }
    } else if (state === S.beforeValue) {
      if (c === 34) {
        state = S.dq;
        sectionStart = i + 1 + off;
      } else if (c === 39) {
        state = S.sq;
        sectionStart = i + 1 + off;
      } else if (!(c === 32 || c === 10 || c === 9 || c === 13 || c === 12)) {
        sectionStart = i + off;
        state = S.nq;
        continue;
      }
    } else if (state === S.nq) {
      if (c === 62 || (c === 32 || c === 10 || c === 9 || c === 13 || c === 12)) {
        sectionStart = -1;
        state = S.before;
        continue;
      }
    } else {
      // after `/`
      if (c === 62) {
        end = stockSelfClosing;
        break;
      }
      if (!(c === 32 || c === 10 || c === 9 || c === 13 || c === 12)) {
        state = S.before;
        continue;
      }
    }
    if (++i >= n) {
      // the input ends inside the tag: the parse loop ends where the stock states would have left it
      i = n - 1;
      break;
    }
    c = buf.charCodeAt(i);
  }
  this.index = i + off;
  this.sectionStart = sectionStart;
  this.state = state;
  end?.call(this, c);
}

type StateMethod = (this: AttributeTokenizer, c: number) => void;

const stockBefore = (Tokenizer.prototype as unknown as Record<string, StateMethod>)['stateBeforeAttributeName']!;
const stockSelfClosing = (Tokenizer.prototype as unknown as Record<string, StateMethod>)['stateInSelfClosingTag']!;

/** Whether TagParser's tokenizer skips attributes in one loop (else it runs the stock states). */
export const SKIPS_ATTRIBUTES = ATTRIBUTE_STATES !== undefined;

/** The tokenizer of TagParser: skips attributes in one loop (see skipAttributes). */
class SkipAttributesTokenizer extends IndexOfTokenizer {}
if (ATTRIBUTE_STATES) Object.defineProperty(SkipAttributesTokenizer.prototype, 'stateBeforeAttributeName', { value: skipAttributes, writable: true, configurable: true });

/** What the document builder is told: htmlparser2's tag callbacks, and text runs as offsets. */
export interface TagHandler extends Partial<Pick<Handler, 'onopentag' | 'onclosetag' | 'oncomment'>> {
  /** A run of text (raw, character references as written) at [start, end) of the input. */
  text(start: number, end: number): void;
}

/** htmlparser2's options for rendered output: references as written, the tokenizer above (also for reading one tag's attributes). */
export const PARSER_OPTIONS: ParserOptions = { decodeEntities: false, ...(hooked ? { Tokenizer: IndexOfTokenizer } : {}) };

export class TagParser extends Parser {
  constructor(private readonly tags: TagHandler) {
    super(tags, { ...PARSER_OPTIONS, Tokenizer: SkipAttributesTokenizer });
  }
  override onattribname(): void {}
  override onattribdata(): void {}
  override onattribentity(): void {}
  override onattribend(): void {}
  /** As Parser.ontext, without the slice (the input is given whole, to `end`). */
  override ontext(start: number, endIndex: number): void {
    this.endIndex = endIndex - 1;
    // the tokenizer can end the input with a text from -1 (after `<?x` in foreign content, say):
    // the stock parser's slice counts that from the end, and so does this
    this.tags.text(start < 0 ? Math.max(0, endIndex + start) : start, endIndex);
    this.startIndex = endIndex;
  }
}
