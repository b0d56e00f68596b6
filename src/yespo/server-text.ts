/**
 * Text a server sent, made safe to print: terminal control sequences (ESC/CSI/OSC, C0 and C1
 * controls, bidirectional overrides) are removed, so an answer can neither rewrite the terminal
 * nor hide what it says. Used on everything Yespo answers, after the key is redacted.
 */

/** CSI and OSC sequences, whole; then any remaining control or bidi-override character. */
const SEQUENCES = /\x1b\[[0-?]*[ -/]*[@-~]?|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x9b[0-?]*[ -/]*[@-~]?|\x1b[@-_]?/g;
const CONTROLS = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g;

/** `text` without terminal control sequences; newlines and tabs stay (a carriage return could overwrite a line). */
export function stripControls(text: string): string {
  return text.replace(SEQUENCES, '').replace(CONTROLS, '');
}

/** Every string in a parsed JSON value (keys too) passed through `clean`. */
export function cleanStrings(value: unknown, clean: (s: string) => string): unknown {
  if (typeof value === 'string') return clean(value);
  if (Array.isArray(value)) return value.map((v) => cleanStrings(v, clean));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      Object.defineProperty(out, clean(k), { value: cleanStrings(v, clean), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}
