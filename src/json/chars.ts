/** Letters, digits, `_` and `$`: characters that make up a bare word like `undefined`. */
export function isWordChar(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === 0x24
  );
}

/** A character for an error message: `'}'`, or `U+0009` for invisible ones. */
export function describeChar(text: string, at: number): string {
  const cp = text.codePointAt(at) ?? 0;
  if (cp < 0x20 || cp === 0x7f || (cp >= 0x80 && cp < 0xa0) || cp === 0xfeff) {
    return 'U+' + cp.toString(16).toUpperCase().padStart(4, '0');
  }
  return `'${String.fromCodePoint(cp)}'`;
}
