/** 1-based position in a text. */
export interface Position {
  line: number;
  column: number;
}

/**
 * Offset → line/column with the line starts computed once, so reporting many errors in a large
 * file stays cheap. Line ends match positionAt in errors.ts: LF, CRLF and a lone CR.
 */
export class SourceLines {
  private starts: number[] | undefined;

  constructor(readonly text: string) {}

  position(offset: number): Position {
    const starts = (this.starts ??= cachedLineStarts(this.text));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (starts[lo] ?? 0) + 1 };
  }
}

/** The line starts of the last text asked about: callers often make a SourceLines per lookup. */
let lastText: string | undefined;
let lastStarts: number[] = [];

function cachedLineStarts(text: string): number[] {
  if (text !== lastText) {
    lastStarts = lineStarts(text);
    lastText = text;
  }
  return lastStarts;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  if (text.indexOf('\r') < 0) {
    // LF only, the common case: indexOf finds each line end much faster than a loop over characters
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    return starts;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}
