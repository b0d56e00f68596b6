/**
 * A starter fixture from an email's payload schema (the one `velvet schema` infers): every key
 * the templates read gets a value of the shape they use, so the email renders with no leftover
 * code before any real payload exists. Strings say what they are ("First name"), links and
 * addresses look like links and addresses, images are inline placeholders (no broken images
 * offline), numbers are numbers, lists have two items, maps nest.
 */
import { join } from 'node:path';
import { ConfigError } from '../errors.js';
import { DATA_DIR, DEFAULT_FIXTURE } from './email.js';
import { taken, writeNew } from './safe-write.js';

export type JsonSchema = Record<string, unknown>;

export const SYNTH_FORMATS = ['event-v2', 'smartsend', 'plain'] as const;
export type SynthFormat = (typeof SYNTH_FORMATS)[number];

/** Depth beyond which a schema is not followed (the inferred ones are shallow; this guards the rest). */
const MAX_DEPTH = 12;

const IMAGE = /(image|img|picture|photo|logo|banner|thumb|icon|avatar)/i;
const URL_KEY = /(url|link|href)$/i;
const EMAIL = /(^|_)e?mail(address)?$|Email$/i;
const MONEY = /(price|cost|amount|total|sum|subtotal|shipping|tax|taxes|fee)/i;
const DATE = /(date|day|since|until)$/i;
/** Keys whose name says they count something: numbers even when the template does not compute with them. */
const COUNT = /(quantity|qty|count|points|number|amount|rating|stock)$/i;
/**
 * Keys whose name ends in a money word: numbers too, since a quiet `$!numberTool.format(fmt,
 * $p.price)` prints nothing for text and so leaves no leftover code for the refinement to find.
 */
const MONEY_KEY = /(price|cost|amount|total|subtotal|shipping|tax|fee)$/i;

/** "firstName" → "First name", "promo_code" → "Promo code". */
export function humanize(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_\-.]+/g, ' ')
    .trim()
    .toLowerCase();
  return words ? words[0]!.toUpperCase() + words.slice(1) : 'Value';
}

function placeholderImage(label: string): string {
  const text = label.replace(/[^A-Za-z0-9 ]/g, '').slice(0, 24);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300" viewBox="0 0 400 300">` +
    `<rect width="400" height="300" fill="#e4e1da"/>` +
    `<text x="200" y="158" font-family="Arial,sans-serif" font-size="22" fill="#6b675f" text-anchor="middle">${text}</text></svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}

function kebab(s: string): string {
  return humanize(s).toLowerCase().replace(/\s+/g, '-');
}

function types(schema: JsonSchema): string[] {
  const t = schema['type'];
  return typeof t === 'string' ? [t] : Array.isArray(t) ? t.filter((x): x is string => typeof x === 'string') : [];
}

function isNumeric(schema: JsonSchema): boolean {
  if (types(schema).some((t) => t === 'number' || t === 'integer')) return true;
  const any = schema['anyOf'];
  return Array.isArray(any) && any.some((s) => s && typeof s === 'object' && isNumeric(s as JsonSchema));
}

/** A value for `schema` under `key`; `n` numbers items of a list (1, 2). */
function valueFor(schema: JsonSchema, key: string, n: number, depth: number): unknown {
  const t = types(schema);
  const props = schema['properties'];
  if (props && typeof props === 'object' && depth < MAX_DEPTH) return objectFor(props as Record<string, JsonSchema>, n, depth + 1);
  if (t.includes('object')) return {};
  if (t.includes('array')) {
    const items = schema['items'];
    if (depth >= MAX_DEPTH) return [];
    const item = items && typeof items === 'object' ? (items as JsonSchema) : {};
    const single = key.endsWith('s') && key.length > 1 ? key.slice(0, -1) : key;
    return [1, 2].map((i) => valueFor(item, single, i, depth + 1));
  }
  if (isNumeric(schema) || ((COUNT.test(key) || MONEY_KEY.test(key)) && !t.includes('string'))) return MONEY.test(key) ? 20 * n + 4.5 : n + 1;
  const suffix = n > 0 ? ` ${n}` : '';
  if (IMAGE.test(key)) return placeholderImage(humanize(key) + suffix);
  if (URL_KEY.test(key)) return `https://example.com/${kebab(key.replace(URL_KEY, '') || 'page')}${n > 0 ? `-${n}` : ''}`;
  if (EMAIL.test(key)) return `customer${n > 0 ? n : ''}@example.com`;
  if (DATE.test(key)) return `2026-03-${String(14 + n).padStart(2, '0')}`;
  return humanize(key) + suffix;
}

function objectFor(props: Record<string, JsonSchema>, n: number, depth: number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, s] of Object.entries(props)) out[k] = valueFor(s && typeof s === 'object' ? s : {}, k, n, depth);
  return out;
}

/** The payload (`$data`) for an inferred schema: one value for every key it lists. */
export function synthesizePayload(schema: JsonSchema): Record<string, unknown> {
  const props = schema['properties'];
  return props && typeof props === 'object' ? objectFor(props as Record<string, JsonSchema>, 0, 0) : {};
}

/** A Unix time in milliseconds (2026-03-15 09:30 UTC), for date tools that take one. */
const EPOCH_MILLIS = 1773567000000;

/** Every key name a piece of leftover code reads: `$a.b` and `$a.get('b')` give a and b. */
function namesIn(code: string): Set<string> {
  const names = new Set<string>();
  for (const m of code.matchAll(/\$!?\{?([A-Za-z_]\w*)((?:\.\w+(?:\([^()]*\))?)*)/g)) {
    names.add(m[1]!);
    for (const p of (m[2] ?? '').matchAll(/\.(\w+)(\(\s*'([^']*)'\s*\))?/g)) names.add(p[1] === 'get' && p[3] ? p[3] : p[1]!);
  }
  for (const m of code.matchAll(/get\(\s*'([^']+)'\s*\)/g)) names.add(m[1]!);
  return names;
}

/** Turns the string values under `names` into numbers (dates into epoch millis); true when any changed. */
function numbersFor(value: unknown, names: Set<string>, depth = 0): boolean {
  if (depth > MAX_DEPTH || !value || typeof value !== 'object') return false;
  let changed = false;
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  for (const [k, v] of entries) {
    if (typeof k === 'string' && typeof v === 'string' && names.has(k)) {
      (value as Record<string, unknown>)[k] = DATE.test(k) ? EPOCH_MILLIS : MONEY.test(k) ? 24.5 : 1250;
      changed = true;
    } else if (v && typeof v === 'object') changed = numbersFor(v, names, depth + 1) || changed;
  }
  return changed;
}

/**
 * Improves a synthesised payload where the schema could not tell: a value a tool needs as a
 * number (`$numberTool.format('#,##0', $points)`, `$dateTool.formatDate(fmt, $since)`) shows up
 * as leftover code when given text. `leftovers` renders the payload and returns the leftover code
 * found; the string values those pieces read become numbers, for a few rounds.
 */
export function refinePayload(payload: Record<string, unknown>, leftovers: (payload: Record<string, unknown>) => string[]): Record<string, unknown> {
  const out = structuredClone(payload);
  for (let round = 0; round < 4; round++) {
    const found = leftovers(out);
    if (found.length === 0) break;
    const names = new Set<string>();
    for (const code of found) for (const n of namesIn(code)) names.add(n);
    if (!numbersFor(out, names)) break;
  }
  return out;
}

export interface FixtureFileOptions {
  format: SynthFormat;
  /** Event type key of an event fixture (usually the email's name). */
  eventTypeKey: string;
  /** `$schema` of the file, relative to where it is written. */
  schemaRef?: string | undefined;
  description?: string | undefined;
}

/** The fixture file for `payload`: a request body in the chosen Yespo format, as JSON text. */
export function fixtureFile(payload: Record<string, unknown>, o: FixtureFileOptions): string {
  const head: Record<string, unknown> = {};
  if (o.schemaRef) head['$schema'] = o.schemaRef;
  const description = o.description ?? 'Synthesised by velvet fixture from what the template reads; replace the values with real ones';
  const body: Record<string, unknown> =
    o.format === 'plain'
      ? { ...head, $velvet: { description, format: 'plain' }, ...payload }
      : o.format === 'event-v2'
        ? {
            ...head,
            $velvet: { description, format: 'event-v2' },
            eventTypeKey: o.eventTypeKey.replace(/[^A-Za-z0-9_.-]+/g, '_').slice(0, 100) || 'event',
            keyValue: 'customer@example.com',
            params: Object.entries(payload).map(([name, value]) => ({ name, value })),
          }
        : {
            ...head,
            $velvet: { description, format: 'smartsend' },
            recipients: [{ locator: 'customer@example.com', jsonParam: JSON.stringify(payload) }],
            email: true,
            fromName: null,
          };
  return JSON.stringify(body, null, 2) + '\n';
}

const FIXTURE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/**
 * Writes data/NAME.json of an email, never over an existing file. Without a name: `default`,
 * or `synthesised`, `synthesised-2`, ... when that is taken. Returns the file written, or throws
 * a ConfigError when the name is not usable or taken.
 */
export function writeNewFixture(root: string, emailDir: string, text: string, name?: string): string {
  const dataDir = join(emailDir, DATA_DIR);
  if (name !== undefined) {
    if (!FIXTURE_NAME.test(name)) throw new ConfigError(`'${name}' is not a fixture name: use letters, digits, '.', '_' and '-'`);
    const file = join(dataDir, `${name}.json`);
    if (!writeNew(root, file, text)) throw new ConfigError(`the fixture ${name}.json exists already; nothing was written (choose another --name)`, { file });
    return file;
  }
  for (let i = 1; i < 1000; i++) {
    const candidate = i === 1 ? DEFAULT_FIXTURE : i === 2 ? 'synthesised' : `synthesised-${i - 1}`;
    const file = join(dataDir, `${candidate}.json`);
    if (taken(file)) continue;
    if (writeNew(root, file, text)) return file;
  }
  throw new ConfigError('no free fixture name found; give one with --name');
}
