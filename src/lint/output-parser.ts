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

/** What the document builder is told: htmlparser2's tag callbacks, and text runs as offsets. */
export interface TagHandler extends Partial<Pick<Handler, 'onopentag' | 'onclosetag' | 'oncomment'>> {
  /** A run of text (raw, character references as written) at [start, end) of the input. */
  text(start: number, end: number): void;
}

/** htmlparser2's options for rendered output: references as written, the tokenizer above (also for reading one tag's attributes). */
export const PARSER_OPTIONS: ParserOptions = { decodeEntities: false, ...(hooked ? { Tokenizer: IndexOfTokenizer } : {}) };

export class TagParser extends Parser {
  constructor(private readonly tags: TagHandler) {
    super(tags, PARSER_OPTIONS);
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
