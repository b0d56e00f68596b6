/**
 * A fake Yespo API on 127.0.0.1 that checks requests the way Yespo documents them (reference
 * part B) and answers with the documented shapes. Tests script failures with `respondNext`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listenLocal } from './local-server.js';

export interface Recorded {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface Scripted {
  status?: number;
  /** Object → JSON; string → text/plain; undefined → empty. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Never answer (the connection stays open until the server closes). */
  hang?: boolean;
}

export interface FakeYespoOptions {
  key: string;
  /** Delivery status word per locator for each status poll (default DELIVERED at once). */
  delivery?: (locator: string, poll: number) => 'DELIVERED' | 'PENDING' | 'FAILED';
}

export interface FakeYespo {
  /** Base URL to use as YESPO_API_URL, ending in /api. */
  url: string;
  requests: Recorded[];
  count(method: string, pathPrefix: string): number;
  /** The next request whose path starts with `pathPrefix` (any when omitted) gets this answer. */
  respondNext(answer: Scripted, pathPrefix?: string): void;
  close(): Promise<void>;
}

const MAX_RECIPIENTS = 1000;
const MAX_EVENT_BYTES = 20 * 1024;

export async function startFakeYespo(options: FakeYespoOptions): Promise<FakeYespo> {
  const requests: Recorded[] = [];
  const scripts: Array<{ prefix: string; answer: Scripted }> = [];
  const requestLocators = new Map<string, string>();
  const polls = new Map<string, number>();
  let nextId = 1;

  const send = (res: ServerResponse, status: number, body?: unknown, headers: Record<string, string> = {}): void => {
    const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
    const type = typeof body === 'string' ? 'text/plain; charset=UTF-8' : 'application/json';
    res.writeHead(status, { ...(text ? { 'Content-Type': type } : {}), 'Content-Length': Buffer.byteLength(text), ...headers });
    res.end(text);
  };

  const queue = (locator: string): string => {
    const id = `req-${nextId++}-${locator.replace(/[^a-z0-9]/gi, '')}`;
    requestLocators.set(id, locator);
    return id;
  };

  /** One recipient answers with a single object, as in Yespo's FAQ; several with an array. */
  const results = (items: object[]): unknown => (items.length === 1 ? items[0] : items);

  function handle(req: IncomingMessage, body: string, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname;
    requests.push({ method: req.method ?? '', path, query: url.searchParams, headers: req.headers, body });

    const i = scripts.findIndex((s) => path.startsWith(s.prefix));
    if (i >= 0) {
      const answer = (scripts.splice(i, 1)[0] as { answer: Scripted }).answer;
      if (answer.hang) return;
      return send(res, answer.status ?? 200, answer.body, answer.headers);
    }

    const auth = req.headers.authorization ?? '';
    const m = /^Basic (.+)$/.exec(auth);
    const password = m ? Buffer.from(m[1] ?? '', 'base64').toString('utf8').split(':').slice(1).join(':') : undefined;
    if (password !== options.key) return send(res, 401, 'Unauthorized');

    let json: unknown;
    if (req.method === 'POST') {
      if (!/^application\/json/.test(req.headers['content-type'] ?? '')) return send(res, 400, 'Wrong Format: expected application/json');
      try {
        json = JSON.parse(body);
      } catch {
        return send(res, 400, 'Wrong Format');
      }
    }
    const b = (json ?? {}) as Record<string, unknown>;
    const route = `${req.method} ${path}`;

    if (route === 'GET /api/v1/account/info') {
      return send(res, 200, { userEmail: 'api-user162065', organisationName: 'Northwind Outfitters', orgId: 4242 });
    }
    const smart = /^POST \/api\/v1\/message\/(\d+)\/smartsend$/.exec(route);
    if (smart) {
      const recipients = b['recipients'];
      if (!Array.isArray(recipients) || recipients.length === 0) return send(res, 400, 'recipients must be a non-empty array');
      if (recipients.length > MAX_RECIPIENTS) return send(res, 400, `At most ${MAX_RECIPIENTS} recipients`);
      if (typeof b['email'] !== 'boolean') return send(res, 400, '"email" must be a boolean');
      for (const r of recipients as Array<Record<string, unknown>>) {
        const jp = r['jsonParam'];
        if (jp !== undefined && jp !== null && typeof jp !== 'string') return send(res, 400, 'Wrong Format: jsonParam must be a string');
        if (typeof jp === 'string') {
          try {
            JSON.parse(jp);
          } catch {
            return send(res, 400, 'Wrong Format: jsonParam is not JSON');
          }
        }
      }
      if (smart[1] === '404') return send(res, 404, 'Message not found');
      return send(res, 200, {
        id: '0',
        results: results(
          (recipients as Array<{ locator: string }>).map((r) =>
            r.locator.startsWith('reject')
              ? { id: 0, locator: r.locator, status: 'ERROR', message: 'Invalid email' }
              : { id: 0, locator: r.locator, status: 'OK', requestId: queue(r.locator) },
          ),
        ),
      });
    }
    if (route === 'POST /api/v1/message/email') {
      for (const f of ['from', 'subject', 'htmlText']) if (typeof b[f] !== 'string' || !b[f]) return send(res, 400, `${f} is required`);
      const emails = b['emails'];
      if (!Array.isArray(emails) || emails.length === 0) return send(res, 400, 'emails is required');
      return send(res, 200, {
        id: 0,
        results: results((emails as string[]).map((e) => ({ id: 0, locator: e, status: 'OK', requestId: queue(e) }))),
      });
    }
    if (route === 'POST /api/v1/event' || route === 'POST /api/v2/event') {
      if (Buffer.byteLength(body) > MAX_EVENT_BYTES) return send(res, 400, 'Event is too large: max 20 KB');
      if (typeof b['eventTypeKey'] !== 'string') return send(res, 400, 'The event should have the following params: [eventTypeKey]');
      return send(res, 200);
    }
    if (route === 'GET /api/v1/message/status') {
      const ids = (url.searchParams.get('ids') ?? '').split(',').filter(Boolean);
      if (ids.length === 0) return send(res, 400, 'ids is required');
      const items = ids.map((id) => {
        const n = (polls.get(id) ?? 0) + 1;
        polls.set(id, n);
        const locator = requestLocators.get(id);
        const word = locator === undefined ? 'UNKNOWN' : (options.delivery?.(locator, n) ?? 'DELIVERED');
        return { id: 0, requestId: id, status: word, delivered: String(word === 'DELIVERED'), failed: String(word === 'FAILED') };
      });
      return send(res, 200, { results: results(items) });
    }
    return send(res, 404, `No such method: ${route}`);
  }

  const server = await listenLocal(handle);
  const { port } = server;

  return {
    url: `http://127.0.0.1:${port}/api`,
    requests,
    count: (method, prefix) => requests.filter((r) => r.method === method && r.path.startsWith(prefix)).length,
    respondNext(answer, prefix = '') {
      scripts.push({ prefix, answer });
    },
    close: () => server.close(),
  };
}
