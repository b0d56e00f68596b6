/** The template text htmlMap scans: its literal HTML only, at the same offsets. */
import type { Span } from '../engine/index.js';

const SPACES = ' '.repeat(1024);
/** A character that does not fit in one byte (Latin-1). */
const WIDE = /[^\x00-\xff]/;

/**
 * The template's literal text with everything else (references, directives, the `<!--` `-->`
 * around wrapped directives) replaced by spaces, offsets unchanged.
 */
export function masked(source: string, texts: Span[], blanks: Span[]): string {
  texts.sort((a, b) => a.start - b.start);
  blanks.sort((a, b) => a.start - b.start);
  // the literal pieces kept, as start and end offsets, in order and apart
  const kept: number[] = [];
  let at = 0;
  let b = 0;
  for (const t of texts) {
    let from = Math.max(t.start, at);
    while (b < blanks.length && blanks[b]!.end <= from) b++;
    for (let k = b; k < blanks.length && blanks[k]!.start < t.end; k++) {
      const blank = blanks[k]!;
      if (blank.start > from) {
        kept.push(from, blank.start);
        at = blank.start;
      }
      from = Math.max(from, blank.end);
    }
    if (from < t.end) {
      kept.push(from, t.end);
      at = t.end;
    }
  }
  if (!WIDE.test(source)) {
    // one byte a character: a copy of the text with each gap filled by one native call
    const buf = Buffer.from(source, 'latin1');
    let end = 0;
    for (let k = 0; k < kept.length; k += 2) {
      if (kept[k]! > end) buf.fill(0x20, end, kept[k]!);
      end = kept[k + 1]!;
    }
    if (end < buf.length) buf.fill(0x20, end);
    return buf.toString('latin1');
  }
  const pieces: string[] = [];
  let end = 0;
  const pad = (to: number) => {
    for (let n = to - end; n > 0; n -= SPACES.length) pieces.push(n >= SPACES.length ? SPACES : SPACES.slice(0, n));
  };
  for (let k = 0; k < kept.length; k += 2) {
    pad(kept[k]!);
    pieces.push(source.slice(kept[k], kept[k + 1]));
    end = kept[k + 1]!;
  }
  pad(source.length);
  return pieces.join('');
}
