import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, DataError } from '../../src/errors.js';
import { YespoClient } from '../../src/yespo/client.js';
import {
  executeSend, generateEvent, getAccountInfo, getMessageStatus, requests, smartsend,
} from '../../src/yespo/endpoints.js';
import { YespoApiError } from '../../src/yespo/errors.js';
import { parseRetryAfter, retryDelay, DEFAULT_RETRY } from '../../src/yespo/retry.js';
import { startFakeYespo, type FakeYespo } from '../support/fake-yespo.js';
import { KEY, leaksKey } from './helpers.js';

let fake: FakeYespo;
let waits: number[];
beforeEach(async () => {
  fake = await startFakeYespo({ key: KEY });
  waits = [];
});
afterEach(async () => {
  await fake.close();
});

function client(options: Partial<ConstructorParameters<typeof YespoClient>[0]> = {}): YespoClient {
  return new YespoClient({
    baseUrl: fake.url,
    apiKey: KEY,
    timeoutMs: 300,
    retry: { retries: 2, baseDelayMs: 5, maxDelayMs: 50 },
    sleep: async (ms) => void waits.push(ms),
    ...options,
  });
}

async function rejection(p: Promise<unknown>): Promise<YespoApiError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(YespoApiError);
  return err as YespoApiError;
}

describe('requests on the wire', () => {
  it('uses Basic auth with the key as password and JSON headers', async () => {
    expect(await getAccountInfo(client())).toMatchObject({ userEmail: 'api-user162065', organisationName: 'Northwind Outfitters' });
    const r = fake.requests[0]!;
    expect(r.path).toBe('/api/v1/account/info');
    expect(r.headers.accept).toBe('application/json');
    const [, b64] = (r.headers.authorization ?? '').split(' ');
    expect(Buffer.from(b64!, 'base64').toString()).toBe(`velvet:${KEY}`);
  });

  it('tolerates a trailing /v1 in the base URL', async () => {
    await getAccountInfo(client({ baseUrl: `${fake.url}/v1/` }));
    expect(fake.requests[0]!.path).toBe('/api/v1/account/info');
  });

  it('normalises a single-object results to a list', async () => {
    const res = await smartsend(client(), 77, { recipients: [{ locator: 'a@example.com', jsonParam: '{"k":1}' }], email: true });
    expect(res.results).toHaveLength(1);
    expect(res.results[0]).toMatchObject({ locator: 'a@example.com', status: 'OK' });
    expect(fake.requests[0]!.headers['content-type']).toBe('application/json; charset=UTF-8');
    expect(JSON.parse(fake.requests[0]!.body).recipients[0].jsonParam).toBe('{"k":1}');
  });

  it('keeps per-recipient errors of a 200 answer', async () => {
    const res = await smartsend(client(), 77, {
      recipients: [{ locator: 'a@example.com', jsonParam: null }, { locator: 'reject@example.com', jsonParam: null }],
      email: true,
    });
    expect(res.results.map((r) => r.status)).toEqual(['OK', 'ERROR']);
    expect(res.results[1]?.message).toBe('Invalid email');
  });

  it('accepts the empty 200 body of Generate event', async () => {
    const res = await generateEvent(client(), { eventTypeKey: 'demo', keyValue: 'a@example.com', params: [] }, 2);
    expect(res).toMatchObject({ status: 200, data: null });
    expect(fake.requests[0]!.path).toBe('/api/v2/event');
  });

  it('reads status entries, single or several', async () => {
    const c = client();
    const res = await smartsend(c, 5, { recipients: [{ locator: 'a@example.com' }, { locator: 'b@example.com' }], email: true });
    const ids = res.results.map((r) => r.requestId!);
    expect(await getMessageStatus(c, ids)).toHaveLength(2);
    const one = await getMessageStatus(c, [ids[0]!]);
    expect(one[0]).toMatchObject({ requestId: ids[0], delivered: 'true' });
    expect(fake.requests.at(-1)!.query.get('ids')).toBe(ids[0]);
  });

  it('needs a key to send, but not to describe', async () => {
    const keyless = new YespoClient({ baseUrl: fake.url });
    await expect(getAccountInfo(keyless)).rejects.toBeInstanceOf(ConfigError);
    expect(keyless.describe(requests.accountInfo())).toMatch(/YESPO_API_KEY is not set/);
    expect(fake.requests).toHaveLength(0);
  });
});

describe('errors', () => {
  it('401: status, path and hint', async () => {
    const err = await rejection(getAccountInfo(client({ apiKey: 'wrong-key-123' })));
    expect(err).toMatchObject({ method: 'GET', path: '/v1/account/info', status: 401, kind: 'http', yespoMessage: 'Unauthorized' });
    expect(err.message).toMatch(/401 Yespo rejected the API key.*Yespo said: Unauthorized/);
    expect(fake.count('GET', '/api/v1/account/info')).toBe(1); // 401 is not retried
  });

  it('400 with a text body carries Yespo\'s message', async () => {
    fake.respondNext({ status: 400, body: 'The event should have the following params: [orderId]' });
    const err = await rejection(generateEvent(client(), { eventTypeKey: 'order', params: [] }));
    expect(err.status).toBe(400);
    expect(err.yespoMessage).toBe('The event should have the following params: [orderId]');
  });

  it('400 with a JSON body uses its message field', async () => {
    fake.respondNext({ status: 400, body: { message: 'Invalid message id' } });
    const err = await rejection(getAccountInfo(client()));
    expect(err.yespoMessage).toBe('Invalid message id');
  });

  it('404 for an unknown message', async () => {
    const err = await rejection(smartsend(client(), 404, { recipients: [{ locator: 'a@example.com' }], email: true }));
    expect(err).toMatchObject({ status: 404, path: '/v1/message/404/smartsend' });
    expect(err.message).toMatch(/Message not found/);
  });

  it('a key echoed by the server is redacted from the error', async () => {
    const b64 = Buffer.from(`velvet:${KEY}`).toString('base64');
    fake.respondNext({ status: 500, body: `bad credentials ${KEY} / Basic ${b64}` });
    const err = await rejection(smartsend(client(), 1, { recipients: [{ locator: 'a@example.com' }], email: true }));
    expect(leaksKey(err.message)).toBe(false);
    expect(leaksKey(err.yespoMessage ?? '')).toBe(false);
    expect(err.message).toMatch(/bad credentials \*\*\*/);
  });

  it('a refused connection is a network error that names the URL', async () => {
    await fake.close();
    const err = await rejection(getAccountInfo(client({ retry: { retries: 0 } })));
    expect(err.kind).toBe('network');
    expect(err.message).toMatch(/could not reach http:\/\/127\.0\.0\.1:\d+\/api \(ECONNREFUSED\)/);
    fake = await startFakeYespo({ key: KEY });
  });

  it('a non-JSON 200 answer to a send is an error, not a crash', async () => {
    fake.respondNext({ status: 200, body: 'queued' });
    const err = await rejection(executeSend(client(), requests.sendEmail({ from: 'a@example.com', subject: 's', htmlText: 'h', emails: ['b@example.com'] })));
    expect(err.message).toMatch(/without the expected JSON results: queued/);
  });
});

describe('retries', () => {
  it('a GET retries 429 honouring Retry-After seconds, then succeeds', async () => {
    fake.respondNext({ status: 429, body: 'Too many requests', headers: { 'Retry-After': '0.03' } });
    await getAccountInfo(client());
    expect(fake.count('GET', '/api/v1/account/info')).toBe(2);
    expect(waits).toEqual([30]);
  });

  it('caps a long Retry-After', async () => {
    fake.respondNext({ status: 429, headers: { 'Retry-After': '3600' } });
    await getAccountInfo(client());
    expect(waits).toEqual([50]);
  });

  it('a GET retries 500 with growing backoff, then gives up', async () => {
    for (let i = 0; i < 3; i++) fake.respondNext({ status: 500, body: 'Internal error' });
    const err = await rejection(getAccountInfo(client()));
    expect(err.status).toBe(500);
    expect(fake.count('GET', '/api/v1/account/info')).toBe(3);
    expect(waits).toEqual([5, 10]);
  });

  it('a hung GET times out and is retried', async () => {
    fake.respondNext({ hang: true });
    await getAccountInfo(client({ timeoutMs: 100 }));
    expect(fake.count('GET', '/api/v1/account/info')).toBe(2);
  });

  it('a send POST is never retried, not even on 429 or 500', async () => {
    fake.respondNext({ status: 429, headers: { 'Retry-After': '0' } });
    await rejection(smartsend(client(), 9, { recipients: [{ locator: 'a@example.com' }], email: true }));
    fake.respondNext({ status: 503 });
    await rejection(smartsend(client(), 9, { recipients: [{ locator: 'a@example.com' }], email: true }));
    expect(fake.count('POST', '/api/v1/message/9/smartsend')).toBe(2);
    expect(waits).toEqual([]);
  });

  it('a timed-out send is not repeated and says it may have been delivered', async () => {
    fake.respondNext({ hang: true });
    const err = await rejection(smartsend(client({ timeoutMs: 150 }), 9, { recipients: [{ locator: 'a@example.com' }], email: true }));
    expect(err).toMatchObject({ kind: 'timeout', maybeDelivered: true, method: 'POST' });
    expect(err.message).toMatch(/may or may not have been delivered; it was not repeated/);
    await new Promise((r) => setTimeout(r, 100));
    expect(fake.count('POST', '/api/v1/message/9/smartsend')).toBe(1);
  });

  it('parses Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(retryDelay(3, undefined, DEFAULT_RETRY)).toBe(2000);
    expect(retryDelay(1, 10 * 60_000, DEFAULT_RETRY)).toBe(30_000);
  });
});

describe('local validation before sending', () => {
  it('refuses more than 1,000 smartsend recipients', () => {
    const recipients = Array.from({ length: 1001 }, (_, i) => ({ locator: `u${i}@example.com` }));
    expect(() => requests.smartsend(1, { recipients, email: true })).toThrow(/at most 1000 recipients/);
  });

  it('refuses a jsonParam that is not a string, and invalid JSON text', () => {
    const asObject = { recipients: [{ locator: 'a@example.com', jsonParam: { a: 1 } as unknown as string }], email: true };
    expect(() => requests.smartsend(1, asObject)).toThrow(DataError);
    expect(() => requests.smartsend(1, asObject)).toThrow(/must be a JSON string/);
    expect(() => requests.smartsend(1, { recipients: [{ locator: 'a@example.com', jsonParam: '{oops' }], email: true })).toThrow(/not valid JSON/);
  });

  it('refuses an event body over 20 KB and bad keys', () => {
    const big = { eventTypeKey: 'big', keyValue: 'a@example.com', params: [{ name: 'x', value: 'y'.repeat(21 * 1024) }] };
    expect(() => requests.event(big)).toThrow(/at most 20480/);
    expect(() => requests.event({ eventTypeKey: 'a/b' })).toThrow(/forbids/);
    expect(() => requests.event({ eventTypeKey: 'k'.repeat(101) })).toThrow(/longer than 100/);
    expect(() => requests.event({ eventTypeKey: 'ok', params: {} as never })).toThrow(/params must be an array/);
    expect(() => requests.smartsend(0, { recipients: [{ locator: 'a@example.com' }], email: true })).toThrow(/positive integer/);
  });

  it('refuses a message/email without from, subject, html or emails', () => {
    expect(() => requests.sendEmail({ from: '', subject: 's', htmlText: 'h', emails: ['a@example.com'] })).toThrow(/"from"/);
    expect(() => requests.sendEmail({ from: 'f@example.com', subject: 's', htmlText: 'h', emails: [] })).toThrow(/emails/);
  });
});
