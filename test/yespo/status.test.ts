import { afterEach, describe, expect, it } from 'vitest';
import { YespoClient } from '../../src/yespo/client.js';
import { smartsend } from '../../src/yespo/endpoints.js';
import { outcomeOf, pollStatus } from '../../src/yespo/status.js';
import { startFakeYespo, type FakeYespo } from '../support/fake-yespo.js';
import { KEY } from './helpers.js';

let fake: FakeYespo | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function sent(delivery: NonNullable<Parameters<typeof startFakeYespo>[0]['delivery']>, locators: string[]) {
  fake = await startFakeYespo({ key: KEY, delivery });
  const client = new YespoClient({ baseUrl: fake.url, apiKey: KEY, timeoutMs: 10_000, retry: { baseDelayMs: 1 } });
  const res = await smartsend(client, 3, { recipients: locators.map((locator) => ({ locator })), email: true });
  return { client, ids: res.results.map((r) => r.requestId!) };
}

describe('status polling', () => {
  it('polls until every recipient is delivered or failed, reporting progress', async () => {
    const { client, ids } = await sent(
      (locator, n) => (n < 3 ? 'PENDING' : locator.startsWith('bad') ? 'FAILED' : 'DELIVERED'),
      ['a@example.com', 'bad@example.com'],
    );
    const seen: string[] = [];
    const r = await pollStatus(client, ids, {
      intervalMs: 1,
      onProgress: (s) => seen.push(s.map((x) => x.outcome).join(',')),
    });
    expect(r.timedOut).toBe(false);
    expect(r.statuses.map((s) => s.outcome)).toEqual(['delivered', 'failed']);
    expect(seen).toEqual(['pending,pending', 'pending,pending', 'delivered,failed']);
  });

  it('stops at the timeout with the pending ones marked', async () => {
    const { client, ids } = await sent(() => 'PENDING', ['a@example.com']);
    let t = 0;
    const r = await pollStatus(client, ids, { timeoutMs: 1000, intervalMs: 400, now: () => t, sleep: async (ms) => void (t += ms) });
    expect(r).toMatchObject({ timedOut: true, statuses: [{ outcome: 'pending', status: 'PENDING' }] });
    expect(fake!.count('GET', '/api/v1/message/status')).toBe(3);
  });

  it('retries a status GET that got 429', async () => {
    const { client, ids } = await sent(() => 'DELIVERED', ['a@example.com']);
    fake!.respondNext({ status: 429, headers: { 'Retry-After': '0' } }, '/api/v1/message/status');
    const r = await pollStatus(client, ids, { intervalMs: 1 });
    expect(r.statuses[0]?.outcome).toBe('delivered');
    expect(fake!.count('GET', '/api/v1/message/status')).toBe(2);
  });

  it('reads string and boolean flags', () => {
    expect(outcomeOf({ delivered: 'true', failed: 'false' })).toBe('delivered');
    expect(outcomeOf({ delivered: false, failed: true })).toBe('failed');
    expect(outcomeOf({ status: 'DELIVERED' })).toBe('delivered');
    expect(outcomeOf({ status: 'UNDELIVERED' })).toBe('failed');
    expect(outcomeOf({ status: 'SENT' })).toBe('pending');
  });
});
