/**
 * A starter fixture from an email's payload schema (the one `velvet schema` infers): every key
 * the templates read gets a value of the shape they use, so the email renders with no leftover
 * code before any real payload exists. Strings say what they are ("First name"), links and
 * addresses look like links and addresses, images are inline placeholders (no broken images
 * offline), numbers are numbers, lists have two items, maps nest.
 */
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
  if (isNumeric(schema)) return MONEY.test(key) ? 20 * n + 4.5 : n + 1;
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
