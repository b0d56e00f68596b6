/**
 * The typed `velvet:` event channel, server → browser, as Server-Sent Events on
 * `/__velvet/events`. The same endpoint serves the built UI and the UI run from sources, so an
 * installed preview and this checkout speak one protocol. The stream carries renders (email HTML
 * and payloads), so it needs the session token, given as `?token=` (EventSource cannot send
 * headers).
 */
import type { ServerResponse } from 'node:http';
import { EVENTS_PATH, type VelvetEvents } from './protocol.js';
import { tokenMatches, type Middleware } from './security.js';

export interface EventChannel {
  send<K extends keyof VelvetEvents>(event: K, payload: VelvetEvents[K]): void;
  close(): void;
}

export interface SseChannel extends EventChannel {
  /** Answers GET /__velvet/events with the stream; everything else goes on. */
  middleware: Middleware;
  /** Streams open now. */
  readonly clients: number;
}

/** A comment line every 25 s keeps proxies and idle timeouts from closing a quiet stream. */
const KEEPALIVE_MS = 25_000;

export function createEventChannel(token: string): SseChannel {
  const clients = new Set<ServerResponse>();
  let open = true;
  const timer = setInterval(() => {
    for (const res of clients) res.write(': keep-alive\n\n');
  }, KEEPALIVE_MS);
  timer.unref();

  const middleware: Middleware = (req, res, next) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== EVENTS_PATH) return next();
    if (req.method !== 'GET' || !tokenMatches(token, url.searchParams.get('token') ?? undefined) || !open) {
      res.statusCode = req.method !== 'GET' ? 405 : open ? 403 : 503;
      res.setHeader('Content-Type', 'text/plain; charset=utf-8');
      res.end(res.statusCode === 403 ? 'missing or wrong session token' : 'not available');
      return;
    }
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      Connection: 'keep-alive',
    });
    // the browser waits this long before reconnecting after the server went away
    res.write('retry: 1000\n: velvet\n\n');
    clients.add(res);
    req.on('close', () => clients.delete(res));
  };

  return {
    middleware,
    get clients() {
      return clients.size;
    },
    send(event, payload) {
      if (!open) return;
      const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
      for (const res of clients) res.write(frame);
    },
    close() {
      open = false;
      clearInterval(timer);
      for (const res of clients) res.end();
      clients.clear();
    },
  };
}
