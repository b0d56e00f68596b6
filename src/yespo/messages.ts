/**
 * The wire format of Yespo's email messages (templates), in one place.
 *
 * Yespo documents the paths (`/v1/messages/email…`) but not the bodies; what follows is known
 * from client libraries only, and every assumption is listed so that a first run against a real
 * account can confirm it (docs/sync.md repeats the list):
 *
 * 1. `GET /v1/messages/email/{id}` answers one JSON object with at least `id`, `name`, `from`,
 *    `subject`, `htmlText` (strings) and `tags` (an array of strings). Any other member (css,
 *    plain text, editor data…) is foreign: velvet never interprets it.
 * 2. `PUT /v1/messages/email/{id}` takes the whole object. velvet sends back the text of the GET
 *    with only its managed members replaced, so foreign members are kept byte for byte.
 * 3. `POST /v1/messages/email` takes the managed fields and answers `{"id": N}`.
 * 4. `PUT /v1/messages/email/{id}/{language}` takes `{"subject", "htmlText"}` of one translation.
 *    No GET of a translation is documented, so a translation cannot be read back or verified.
 * 5. `GET /v1/messages/email` (search) takes `startindex` (1-based) and `maxrows` and answers a
 *    JSON array of message objects (an object wrapping one array is accepted too); velvet reads
 *    only their `id` and `name` and GETs each message it pulls.
 * 6. Unknown ids answer 404. Nothing here ever sends DELETE.
 */
import type { YespoClient } from './client.js';
import { YespoApiError } from './errors.js';
import { replaceMembers } from './json-members.js';
import { oneLine } from './server-text.js';

/** The members velvet manages; all others belong to Yespo and pass through untouched. */
export const MANAGED_FIELDS = ['name', 'from', 'subject', 'htmlText', 'tags'] as const;
export type ManagedField = (typeof MANAGED_FIELDS)[number];

/** Managed values; a missing member is undefined. */
export interface ManagedFields {
  name?: string | undefined;
  from?: string | undefined;
  subject?: string | undefined;
  htmlText?: string | undefined;
  tags?: string[] | undefined;
}

export interface RemoteMessage {
  id: number;
  /** The JSON text exactly as Yespo sent it. */
  text: string;
  fields: ManagedFields;
}

export interface MessageSummary {
  id: number;
  /** The name for a report: on one line, without bidirectional overrides (undefined when blank). */
  name: string | undefined;
}

export interface TranslationFields {
  subject?: string | undefined;
  htmlText: string;
}

const BASE = '/v1/messages/email';

/** Reads the managed fields of a message object; a member of an unexpected type is an error. */
export function managedFields(data: unknown, where: string): ManagedFields {
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    throw new YespoApiError(`${where} did not answer a JSON object`, { method: 'GET', path: where, kind: 'http' });
  }
  const o = data as Record<string, unknown>;
  const out: ManagedFields = {};
  for (const f of ['name', 'from', 'subject', 'htmlText'] as const) {
    const v = o[f];
    if (typeof v === 'string') out[f] = v;
    else if (v !== undefined && v !== null) throw unexpected(where, f, v);
  }
  const tags = o['tags'];
  if (Array.isArray(tags) && tags.every((t) => typeof t === 'string')) out.tags = tags as string[];
  else if (tags !== undefined && tags !== null) throw unexpected(where, 'tags', tags);
  return out;
}

function unexpected(where: string, field: string, v: unknown): YespoApiError {
  return new YespoApiError(
    `${where}: the message's ${field} is ${JSON.stringify(v).slice(0, 80)}, not what velvet expects (see docs/sync.md, assumptions)`,
    { method: 'GET', path: where, kind: 'http' },
  );
}

export async function getMessage(client: YespoClient, id: number): Promise<RemoteMessage> {
  const path = `${BASE}/${id}`;
  const res = await client.request({ method: 'GET', path });
  // The managed fields are the message's exact bytes (a template's CRLF line ends included):
  // read them from the body as received, not from `data`, whose strings are cleaned for printing.
  // JSON escapes can spell the key where the raw text does not show it: scrub the decoded values
  const fields = managedFields(exactData(res.exact, res.data), `GET ${path}`);
  return { id, text: res.exact, fields: withoutKey(fields, client.redactKey) };
}

function withoutKey(f: ManagedFields, redactKey: (text: string) => string): ManagedFields {
  const out: ManagedFields = {};
  for (const k of ['name', 'from', 'subject', 'htmlText'] as const) if (f[k] !== undefined) out[k] = redactKey(f[k]);
  if (f.tags) out.tags = f.tags.map(redactKey);
  return out;
}

function exactData(text: string, cleaned: unknown): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return cleaned;
  }
}

/** The PUT body: the GET's text with the given managed members replaced (foreign ones untouched). */
export function updateBody(remote: RemoteMessage, fields: ManagedFields): string {
  const replace: Record<string, unknown> = {};
  for (const f of MANAGED_FIELDS) if (fields[f] !== undefined) replace[f] = fields[f];
  return replaceMembers(remote.text, replace);
}

export async function updateMessage(client: YespoClient, id: number, bodyText: string): Promise<void> {
  await client.request({ method: 'PUT', path: `${BASE}/${id}`, bodyText });
}

export async function updateTranslation(client: YespoClient, id: number, language: string, t: TranslationFields): Promise<void> {
  await client.request({ method: 'PUT', path: `${BASE}/${id}/${encodeURIComponent(language)}`, body: t });
}

/** Creates a message and returns its id. */
export async function createMessage(client: YespoClient, fields: ManagedFields): Promise<number> {
  const res = await client.request({ method: 'POST', path: BASE, body: fields });
  const id = (res.data as { id?: unknown } | null)?.id;
  const n = typeof id === 'string' && /^\d+$/.test(id) ? Number(id) : id;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n <= 0) {
    throw new YespoApiError(`POST ${BASE} answered ${res.status} without a message id`, {
      method: 'POST', path: BASE, kind: 'http', status: res.status, maybeDelivered: true,
    });
  }
  return n;
}

/** One page of the search; `startindex` is 1-based. */
export async function listMessagesPage(client: YespoClient, startindex: number, maxrows: number): Promise<MessageSummary[]> {
  const res = await client.request({
    method: 'GET', path: BASE, query: { startindex: String(startindex), maxrows: String(maxrows) },
  });
  let list: unknown = res.data;
  if (list && typeof list === 'object' && !Array.isArray(list)) {
    const arrays = Object.values(list).filter(Array.isArray);
    list = arrays.length === 1 ? arrays[0] : [];
  }
  if (!Array.isArray(list)) return [];
  const out: MessageSummary[] = [];
  for (const m of list) {
    const id = (m as { id?: unknown } | null)?.id;
    const name = (m as { name?: unknown } | null)?.name;
    if (typeof id === 'number' && Number.isSafeInteger(id) && id > 0) out.push({ id, name: (typeof name === 'string' && oneLine(name)) || undefined });
  }
  return out;
}

/** Pages through the whole search; `onPage` hears the running count (for a progress line). */
export async function listAllMessages(
  client: YespoClient,
  options: { pageSize?: number; onPage?: (seen: number) => void } = {},
): Promise<MessageSummary[]> {
  const size = options.pageSize ?? 100;
  const out: MessageSummary[] = [];
  const seen = new Set<number>();
  for (let start = 1; ; start += size) {
    const page = await listMessagesPage(client, start, size);
    const fresh = page.filter((m) => !seen.has(m.id));
    for (const m of fresh) seen.add(m.id);
    out.push(...fresh);
    options.onPage?.(out.length);
    // A server that ignored startindex would repeat a page forever; a page with nothing new ends it.
    if (page.length < size || fresh.length === 0) return out;
  }
}
