/**
 * Scrubbing the API key from text. Every string that leaves the client (errors, dry runs, CLI
 * output) passes through a redactor, so a key echoed back by a server, embedded in a URL or
 * present as its Basic-auth base64 form never reaches a terminal, a log or a file.
 */
export const REDACTED = '***';

/** The forms in which a key can appear in text: raw, URL-encoded and inside Basic credentials. */
export function secretForms(key: string): string[] {
  if (!key) return [];
  const forms = new Set<string>([key, encodeURIComponent(key)]);
  for (const user of ['', 'user', 'velvet', 'anyvalue']) {
    forms.add(Buffer.from(`${user}:${key}`, 'utf8').toString('base64'));
  }
  // Without its padding too, in case something trimmed it.
  for (const f of [...forms]) forms.add(f.replace(/=+$/, ''));
  // Longest first so a form containing another is replaced whole.
  return [...forms].filter((f) => f.length >= 4).sort((a, b) => b.length - a.length);
}

/** Whitespace a server may break a key with: real line ends and spaces, and their JSON escapes. */
const GAP = String.raw`(?:\s|\\[nrt])*`;

/** A pattern matching `form` with any whitespace between its characters. */
function tolerant(form: string): RegExp {
  return new RegExp([...form].map((c) => c.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&')).join(GAP), 'g');
}

/**
 * Returns a function that replaces every form of every given key in a text by `***`, also when
 * the text breaks the key with line ends or spaces (a wrapped error page, a JSON `\n`).
 */
export function createRedactor(...keys: Array<string | undefined>): (text: string) => string {
  const only = createKeyRedactor(...keys);
  // Any Basic credentials, even for a key we were not told about.
  return (text: string) => only(text).replace(/(Basic\s+)[A-Za-z0-9+/=_-]{4,}/g, `$1${REDACTED}`);
}

/**
 * Like createRedactor, but replaces only the forms of the given keys: for content that is kept
 * byte for byte (a message's HTML, where "Basic plan" is ordinary text), never for what is printed.
 */
export function createKeyRedactor(...keys: Array<string | undefined>): (text: string) => string {
  const forms = keys.flatMap((k) => (k ? secretForms(k) : [])).map(tolerant);
  return (text: string) => {
    let out = text;
    for (const f of forms) out = out.replace(f, REDACTED);
    return out;
  };
}

/** Redacts `text` for one key (convenience form of createRedactor). */
export function redact(text: string, key: string | undefined): string {
  return createRedactor(key)(text);
}
