/**
 * Text for the terminal that comes from the project: template lines in code frames, file and
 * folder names. A cloned project is untrusted, so terminal control characters in it are printed
 * as visible symbols (ESC as ␛, CR as ␍) and bidirectional overrides as `\u202e`: nothing it holds
 * can retitle or clear the terminal, move the cursor or hide part of a line. Line ends and tabs stay.
 */

const CONTROLS = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g;

export function visibleControls(text: string): string {
  return text.replace(CONTROLS, (c) => {
    const code = c.charCodeAt(0);
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    if (code === 0x7f) return '\u2421';
    if (code <= 0x9f) return '\ufffd';
    return `\\u${code.toString(16)}`;
  });
}
