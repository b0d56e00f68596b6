/**
 * Text a server sent, made safe to print: terminal control sequences (ESC/CSI/OSC, C0 and C1
 * controls) are removed from everything Yespo answers, after the key is redacted, so an answer
 * cannot rewrite the terminal. Messages printed on one line also lose bidirectional overrides
 * and line ends (`oneLine`), so they cannot hide what they say; template text pulled from Yespo
 * keeps those, as right-to-left emails need them.
 */

/** CSI and OSC sequences, whole; then any remaining control character. */
const SEQUENCES = /\x1b\[[0-?]*[ -/]*[@-~]?|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x9b[0-?]*[ -/]*[@-~]?|\x1b[@-_]?/g;
const CONTROLS = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/g;
const BIDI = /[\u202a-\u202e\u2066-\u2069]/g;

/** `text` without terminal control sequences; newlines, tabs and carriage returns stay. */
export function stripControls(text: string): string {
  return text.replace(SEQUENCES, '').replace(CONTROLS, '');
}

/** Deepest nesting of arrays and objects read in an answer (Yespo's messages nest a few levels). */
export const MAX_ANSWER_DEPTH = 1000;

/** An answer nested deeper than MAX_ANSWER_DEPTH: refused instead of exhausting the stack. */
export class AnswerTooDeep extends Error {
  constructor() {
    super(`the answer is nested deeper than ${MAX_ANSWER_DEPTH} levels`);
  }
}

/** Every string in a parsed JSON value (keys too) passed through `clean`; AnswerTooDeep past MAX_ANSWER_DEPTH. */
export function cleanStrings(value: unknown, clean: (s: string) => string, depth = 0): unknown {
  if (typeof value === 'string') return clean(value);
  if (!value || typeof value !== 'object') return value;
  if (depth >= MAX_ANSWER_DEPTH) throw new AnswerTooDeep();
  if (Array.isArray(value)) return value.map((v) => cleanStrings(v, clean, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    Object.defineProperty(out, clean(k), { value: cleanStrings(v, clean, depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** A server's message for one line of output: no controls or bidi overrides, each run of whitespace (CR, LF) one space. */
export function oneLine(text: string): string {
  return stripControls(text).replace(BIDI, '').replace(/\s+/g, ' ').trim();
}
