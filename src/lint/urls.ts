/**
 * What a URL in rendered output is: one only known at send time (a Yespo merge tag or a
 * placeholder left for the platform), a fragment, a relative path, a local address, or a
 * script. Rules decide what each means for a link or an image.
 */
import { TextMemo } from './memo.js';

/** Starts with a merge tag (`%LINK%`, `%FIELD|fallback%`) or a `${...}`, `{{...}}`, `[[...]]` placeholder. */
const PLACEHOLDER = /^(?:%[A-Za-z][A-Za-z0-9_.]*(?:\|[^%\r\n]*)?%|\$!?\{|\{\{|\[\[)/;
const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;
const LOCAL_HOST = /^(?:localhost|.*\.localhost|127(?:\.\d{1,3}){3}|0\.0\.0\.0|\[::1?\]|10(?:\.\d{1,3}){3}|192\.168(?:\.\d{1,3}){2}|172\.(?:1[6-9]|2\d|3[01])(?:\.\d{1,3}){2})$/i;

export type UrlKind =
  | { kind: 'placeholder' }
  | { kind: 'fragment'; fragment: string }
  | { kind: 'relative' }
  | { kind: 'scheme-relative' }
  | { kind: 'scheme'; scheme: string }
  | { kind: 'web'; scheme: 'http' | 'https'; host: string; local: boolean };

/** Classifies a URL as an attribute gives it (leading and trailing spaces are ignored, as browsers do). */
export function urlKind(value: string): UrlKind {
  return kinds.get(value) ?? kinds.set(value, classify(value));
}

/** URLs classified, shared by every rule and output that has the same one (bounded). */
const kinds = new TextMemo<UrlKind>();

function classify(value: string): UrlKind {
  // browsers drop tabs and newlines inside URLs: `java\nscript:` is still a script
  const v = value.trim().replace(/[\t\n\r]/g, '');
  if (PLACEHOLDER.test(v)) return { kind: 'placeholder' };
  if (v.startsWith('#')) return { kind: 'fragment', fragment: v.slice(1) };
  if (v.startsWith('//')) return { kind: 'scheme-relative' };
  const m = SCHEME.exec(v);
  if (!m) return { kind: 'relative' };
  const scheme = m[1]!.toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') return { kind: 'scheme', scheme };
  const host = hostOf(v);
  return { kind: 'web', scheme, host, local: LOCAL_HOST.test(host) };
}

/** The host of an http(s) URL, lower case, without user info or port ('' when there is none). */
export function hostOf(url: string): string {
  const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^/?#@]*@)?(\[[^\]]*\]|[^/?#:]*)/i.exec(url.trim());
  return (m?.[1] ?? '').toLowerCase();
}
