/**
 * Answers that a real HTTP server on 127.0.0.1 gives in place of Yespo: nested deeper than any
 * message is, and methods no velvet code may send. A received answer is never called a network
 * failure (a send would then be said to be maybe undelivered, a read retried for nothing).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { YespoClient, type ApiRequest } from '../../src/yespo/client.js';
import { YespoApiError } from '../../src/yespo/errors.js';
import { KEY } from './helpers.js';

let server: Server;
const seen: string[] = [];
afterEach(async () => {
  seen.length = 0;
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

async function answering(body: string): Promise<string> {
  server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    req.resume();
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
}

async function rejection(p: Promise<unknown>): Promise<YespoApiError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof YespoApiError) return err;
    throw err;
  }
  throw new Error('expected a rejection');
}

const DEEP = '{"id":1,"editor":' + '['.repeat(200_000) + ']'.repeat(200_000) + '}';

describe('answers velvet does not trust', () => {
  it('a 200 answer nested 200,000 deep is a clear error about the answer, read once', async () => {
    const c = new YespoClient({ baseUrl: await answering(DEEP), apiKey: KEY, sleep: async () => undefined });
    const err = await rejection(c.request({ method: 'GET', path: '/v1/messages/email/1' }));
    expect(err.kind).toBe('http');
    expect(err.status).toBe(200);
    expect(err.message).toMatch(/^GET \/v1\/messages\/email\/1 failed: the answer is nested deeper than 1000 levels/);
    expect(err.message).not.toMatch(/could not reach|call stack/);
    expect(seen).toEqual(['GET /api/v1/messages/email/1']);
  });

  it('a send answered so says Yespo received it, not that it may not have been delivered', async () => {
    const c = new YespoClient({ baseUrl: await answering(DEEP), apiKey: KEY });
    const err = await rejection(c.request({ method: 'POST', path: '/v1/message/email', body: { emails: ['a@example.com'] } }));
    expect(err.kind).toBe('http');
    expect(err.message).toMatch(/Yespo received the request \(HTTP 200\); it was not repeated/);
  });

  it('an answer nested 1000 deep is read as usual', async () => {
    const c = new YespoClient({ baseUrl: await answering('{"a":' + '['.repeat(998) + ']'.repeat(998) + '}'), apiKey: KEY });
    const res = await c.request({ method: 'GET', path: '/v1/account/info' });
    expect(res.status).toBe(200);
  });

  it('no method but GET, POST and PUT ever leaves the client, whatever a caller passes', async () => {
    const c = new YespoClient({ baseUrl: await answering('{}'), apiKey: KEY });
    for (const method of ['DELETE', 'delete', 'PATCH', 'POST\r\nX: y']) {
      await expect(c.request({ method, path: '/v1/messages/email/1' } as unknown as ApiRequest)).rejects.toThrow(/only GET, POST and PUT/);
    }
    expect(seen).toEqual([]);
  });
});
