/**
 * Checks on config values that the JSON Schema cannot express (a real time zone, a locale the
 * engine can format numbers for, a date that parses). One row per option: add a row for a new
 * option. A failed check is a ConfigError at the value's line and column in velvet.config.json.
 */
import { isAbsolute, posix, win32 } from 'node:path';
import { clientsProblem } from './config-clients.js';

/** A check gives the problem with a value, or undefined when the value is fine. */
export interface ConfigCheck {
  /** JSON pointer of the option, e.g. `/engine/timeZone`. */
  pointer: string;
  /** Name shown in messages, e.g. `engine.timeZone`. */
  name: string;
  check(value: unknown): string | undefined;
}

/** The largest epoch millis a JavaScript Date (and so a fixed "now") can hold. */
const MAX_DATE_MS = 8.64e15;

export const CONFIG_CHECKS: readonly ConfigCheck[] = [
  { pointer: '/engine/now', name: 'engine.now', check: nowProblem },
  { pointer: '/engine/timeZone', name: 'engine.timeZone', check: (v) => (typeof v === 'string' ? timeZoneProblem(v) : undefined) },
  { pointer: '/engine/locale', name: 'engine.locale', check: (v) => (typeof v === 'string' ? localeProblem(v) : undefined) },
  { pointer: '/lint/unsubscribePattern', name: 'lint.unsubscribePattern', check: (v) => (typeof v === 'string' ? patternProblem(v) : undefined) },
  { pointer: '/lint/clients', name: 'lint.clients', check: clientsProblem },
  { pointer: '/emails', name: 'emails', check: insideProblem },
  { pointer: '/preview/assetsDir', name: 'preview.assetsDir', check: insideProblem },
];

/**
 * A folder given relative to velvet.config.json that stays inside the project folder: a config
 * comes with a repository, and velvet reads nothing outside the project it was cloned into.
 */
export function insideProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const rel = posix.normalize(value.replace(/\\/g, '/'));
  if (isAbsolute(value) || win32.isAbsolute(value) || /^[A-Za-z]:/.test(value) || rel === '..' || rel.startsWith('../')) {
    return `'${value}' must be a folder inside the project folder (relative to velvet.config.json, never above it)`;
  }
  return undefined;
}

/** A regular expression JavaScript can compile (with the `i` flag). */
export function patternProblem(source: string): string | undefined {
  try {
    new RegExp(source, 'i');
    return undefined;
  } catch (e) {
    return `'${source}' is not a regular expression (${(e as Error).message})`;
  }
}

/** `now` as ISO text or epoch millis. */
export function nowProblem(value: unknown): string | undefined {
  if (typeof value === 'number') {
    return Math.abs(value) > MAX_DATE_MS ? `${value} is outside the dates JavaScript and Java can hold (at most ±${MAX_DATE_MS})` : undefined;
  }
  if (typeof value !== 'string') return undefined;
  return Number.isFinite(Date.parse(value)) ? undefined : `'${value}' is not an ISO date-time (such as 2026-03-15T09:30:00Z) or epoch millis`;
}

/** An IANA zone Intl knows, or an offset such as GMT+3 / UTC-05:30 (Yespo accepts those). */
export function timeZoneProblem(tz: string): string | undefined {
  if (/^(GMT|UTC)([+-]\d{1,2}(:?\d{2})?)?$/.test(tz)) return undefined;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return undefined;
  } catch {
    return `unknown time zone '${tz}' (an IANA name such as Europe/Kyiv, or GMT+3)`;
  }
}

const regions = new Intl.DisplayNames('en', { type: 'region', fallback: 'none' });

/**
 * A locale the number tools can format for: `language` or `language_REGION` / `language-REGION`
 * (the forms a Java Locale is written in), with a language and region Intl has data for.
 */
export function localeProblem(locale: string): string | undefined {
  const m = /^([a-zA-Z]{2,3})(?:[-_]([a-zA-Z]{2}|\d{3}))?$/.exec(locale.trim());
  if (!m) return `'${locale}' is not a locale written as language or language_REGION (such as en_US, uk-UA, de)`;
  const lang = (m[1] ?? '').toLowerCase();
  const region = m[2]?.toUpperCase();
  let known = false;
  try {
    known = Intl.NumberFormat.supportedLocalesOf(lang).length > 0;
    if (known && region !== undefined) known = region !== 'ZZ' && regions.of(region) !== undefined;
  } catch {
    known = false;
  }
  return known ? undefined : `unknown locale '${locale}' (numbers would print with placeholder symbols such as ¤)`;
}
