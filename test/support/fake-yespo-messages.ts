/**
 * A fake Yespo account for the email message methods (`/v1/messages/email…`) on 127.0.0.1. It is
 * strict where Yespo documents something (Basic auth with the key as password, JSON bodies, 404
 * for unknown ids, startindex/maxrows paging) and stores each message as the exact JSON text it
 * was given, so a test can see whether a client kept fields it does not manage byte for byte.
 * Hooks play the web editor (an edit between pull and push), a server that normalises line
 * endings on PUT, and a PUT that fails. Every request is recorded.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listenLocal } from './local-server.js';

export interface MessageRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  authorization: string | undefined;
  contentType: string | undefined;
  body: string;
}

export interface FakeMessagesOptions {
  key: string;
  /** Initial messages as JSON texts (each an object with a numeric `id`). */
  messages?: string[];
  /** Store htmlText with CRLF turned into LF on PUT and POST, as some servers do. */
  normaliseLineEndings?: boolean;
  /** Largest maxrows accepted (default 500). */
  maxRows?: number;
}

export interface FakeMessages {
  /** Base URL to use as YESPO_API_URL, ending in /api. */
  url: string;
  requests: MessageRequest[];
  /** The stored JSON text of a message. */
  text(id: number): string | undefined;
  message(id: number): Record<string, unknown> | undefined;
  translations(id: number): Record<string, unknown>;
  /** The web editor: changes fields of a stored message (as a user in Yespo would). */
  webEdit(id: number, fields: Record<string, unknown>): void;
  /** The next PUT to this message (or its translation when `language` is given) fails with `status`. */
  failPut(id: number, status: number, language?: string): void;
  close(): Promise<void>;
}

export async function startFakeMessages(options: FakeMessagesOptions): Promise<FakeMessages> {
  const store = new Map<number, string>();
  const translations = new Map<number, Record<string, unknown>>();
  const failures: Array<{ id: number; status: number; language: string | undefined }> = [];
  const requests: MessageRequest[] = [];
  for (const text of options.messages ?? []) store.set((JSON.parse(text) as { id: number }).id, text);
  let nextId = Math.max(1000, ...store.keys()) + 1;

  const send = (res: ServerResponse, status: number, body?: unknown): void => {
    const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
    const type = typeof body === 'string' && !text.startsWith('{') ? 'text/plain; charset=UTF-8' : 'application/json';
    res.writeHead(status, { ...(text ? { 'Content-Type': type } : {}), 'Content-Length': Buffer.byteLength(text) });
    res.end(text);
  };
  const normalise = (text: string): string => (options.normaliseLineEndings ? text.split('\\r\\n').join('\\n') : text);

  function handle(req: IncomingMessage, body: string, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? '';
    requests.push({
      method, path: url.pathname, query: url.searchParams, authorization: req.headers.authorization,
      contentType: req.headers['content-type'], body,
    });
    const m = /^Basic (.+)$/.exec(req.headers.authorization ?? '');
    const password = m ? Buffer.from(m[1] ?? '', 'base64').toString('utf8').split(':').slice(1).join(':') : undefined;
    if (password !== options.key) return send(res, 401, 'Unauthorized');
    if (method === 'DELETE') return send(res, 405, 'this fake account never deletes');

    let json: Record<string, unknown> = {};
    if (method === 'PUT' || method === 'POST') {
      if (!/^application\/json/.test(req.headers['content-type'] ?? '')) return send(res, 400, 'Wrong Format: expected application/json');
      try {
        json = JSON.parse(body) as Record<string, unknown>;
      } catch {
        return send(res, 400, 'Wrong Format');
      }
      if (!json || typeof json !== 'object' || Array.isArray(json)) return send(res, 400, 'Wrong Format: expected an object');
    }
    const path = url.pathname;
    if (path === '/api/v1/messages/email' && method === 'GET') {
      const start = Number(url.searchParams.get('startindex') ?? '1');
      const rows = Number(url.searchParams.get('maxrows') ?? '50');
      if (!Number.isInteger(start) || start < 1) return send(res, 400, 'startindex starts at 1');
      if (!Number.isInteger(rows) || rows < 1 || rows > (options.maxRows ?? 500)) return send(res, 400, 'maxrows out of range');
      const all = [...store.keys()].sort((a, b) => a - b).map((id) => {
        const o = JSON.parse(store.get(id) as string) as Record<string, unknown>;
        return { id, name: o['name'], tags: o['tags'] };
      });
      return send(res, 200, all.slice(start - 1, start - 1 + rows));
    }
    if (path === '/api/v1/messages/email' && method === 'POST') {
      for (const f of ['name', 'subject', 'htmlText']) if (typeof json[f] !== 'string') return send(res, 400, `${f} is required`);
      const id = nextId++;
      store.set(id, normalise(JSON.stringify({ id, ...json, editorType: 'html' })));
      return send(res, 200, { id });
    }
    const one = /^\/api\/v1\/messages\/email\/(\d+)(?:\/([A-Za-z-]+))?$/.exec(path);
    if (!one) return send(res, 404, `No such method: ${method} ${path}`);
    const id = Number(one[1]);
    const language = one[2];
    if (!store.has(id)) return send(res, 404, { message: `Message ${id} not found` });
    if (method === 'GET' && language === undefined) return send(res, 200, store.get(id));
    if (method !== 'PUT') return send(res, 404, `No such method: ${method} ${path}`);
    const f = failures.findIndex((x) => x.id === id && x.language === language);
    if (f >= 0) return send(res, (failures.splice(f, 1)[0] as { status: number }).status, { message: 'Internal error' });
    if (typeof json['htmlText'] !== 'string') return send(res, 400, 'htmlText is required');
    if (language !== undefined) {
      translations.set(id, { ...translations.get(id), [language]: json });
      return send(res, 200);
    }
    if (json['id'] !== undefined && json['id'] !== id) return send(res, 400, 'id does not match the path');
    store.set(id, normalise(body));
    return send(res, 200);
  }

  const server = await listenLocal(handle);
  const { port } = server;
  return {
    url: `http://127.0.0.1:${port}/api`,
    requests,
    text: (id) => store.get(id),
    message: (id) => (store.has(id) ? (JSON.parse(store.get(id) as string) as Record<string, unknown>) : undefined),
    translations: (id) => translations.get(id) ?? {},
    webEdit(id, fields) {
      const o = JSON.parse(store.get(id) ?? '{}') as Record<string, unknown>;
      store.set(id, JSON.stringify({ ...o, ...fields }));
    },
    failPut(id, status, language) {
      failures.push({ id, status, language });
    },
    close: () => server.close(),
  };
}
