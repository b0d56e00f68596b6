/**
 * Where each character of a JSON string value sits in the JSON text: `"Say \"hi\" \u0041 $x"`
 * decodes to `Say "hi" A $x`, and a finding at `$x` must point at the `$` in the file, after
 * the two- and six-character escapes.
 */

/**
 * Offsets in `text` of every UTF-16 unit of the string literal whose opening quote is at
 * `quote`, plus one entry for the closing quote. Undefined when no string starts there.
 */
export function stringOffsets(text: string, quote: number): number[] | undefined {
  if (text.charCodeAt(quote) !== 34) return undefined;
  const out: number[] = [];
  let i = quote + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 34) break;
    out.push(i);
    // `\uXXXX` is one unit (a surrogate pair is two such escapes); other escapes are two characters
    i += c !== 92 ? 1 : text.charCodeAt(i + 1) === 117 ? 6 : 2;
  }
  out.push(Math.min(i, text.length));
  return out;
}

/** 0-based offset of a 1-based line and column (line ends as in SourceLines: LF, CRLF, CR). */
export function offsetAt(text: string, line: number, column: number): number {
  let at = 0;
  for (let l = 1; l < line && at < text.length; l++) {
    const lf = text.indexOf('\n', at);
    const cr = text.indexOf('\r', at);
    if (lf < 0 && cr < 0) return text.length;
    if (cr >= 0 && (lf < 0 || cr < lf)) at = text.charCodeAt(cr + 1) === 10 ? cr + 2 : cr + 1;
    else at = lf + 1;
  }
  return Math.min(at + column - 1, text.length);
}
