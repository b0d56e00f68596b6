import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeYespo, type FakeYespo } from '../support/fake-yespo.js';
import { KEY, leaksKey, runCli } from './helpers.js';

let fake: FakeYespo;
let dir: string;
beforeEach(async () => {
  fake = await startFakeYespo({ key: KEY });
  dir = mkdtempSync(join(tmpdir(), 'velvet-yespo-'));
  writeFileSync(join(dir, 'velvet.config.json'), JSON.stringify({ send: { allow: ['@example.com'], carrierMessageId: 77 } }));
});
afterEach(async () => {
  await fake.close();
});

const env = (extra: Record<string, string | undefined> = {}) => ({ YESPO_API_KEY: KEY, YESPO_API_URL: fake.url, ...extra });

describe('velvet doctor', () => {
  it('says who the key belongs to and lists the setup', async () => {
    const r = await runCli(['doctor', dir], env());
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ok\s+config\s+.*velvet\.config\.json/);
    expect(r.stdout).toMatch(/warn\s+API URL\s+http:\/\/127\.0\.0\.1:\d+\/api \(from YESPO_API_URL\): not the default https:\/\/yespo\.io\/api/);
    expect(r.stdout).toMatch(/ok\s+allow-list\s+@example.com \(config send.allow\)/);
    expect(r.stdout).toMatch(/ok\s+carrier\s+message 77/);
    expect(r.stdout).toMatch(/ok\s+account\s+the key belongs to api-user162065 \(Northwind Outfitters\)/);
    expect(leaksKey(r.stdout + r.stderr)).toBe(false);
  });

  it('fails without a key and does not call Yespo', async () => {
    const r = await runCli(['doctor', dir], env({ YESPO_API_KEY: undefined }));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/FAIL\s+API key\s+YESPO_API_KEY is not set/);
    expect(fake.requests).toHaveLength(0);
  });

  it('reports a rejected key (401)', async () => {
    const r = await runCli(['doctor', dir], env({ YESPO_API_KEY: 'not-the-key' }));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/FAIL\s+account\s+Yespo rejected the key \(401\)/);
    expect(r.stdout).not.toContain('not-the-key');
  });

  it('reports a network failure and a hung server', async () => {
    fake.respondNext({ hang: true });
    fake.respondNext({ hang: true });
    const hung = await runCli(['doctor', dir, '--timeout', '0.05'], env());
    expect(hung.code).toBe(1);
    expect(hung.stdout).toMatch(/FAIL\s+account\s+no answer: GET \/v1\/account\/info failed: no complete answer within 0.05s/);
    expect(hung.stderr).toMatch(/retrying in 0.5s \(attempt 2\)/);
    expect(fake.count('GET', '/api/v1/account/info')).toBe(2);
    const url = fake.url;
    await fake.close();
    const down = await runCli(['doctor', dir], env({ YESPO_API_URL: url }));
    expect(down.stdout).toMatch(/FAIL\s+account\s+network: .*ECONNREFUSED/);
    fake = await startFakeYespo({ key: KEY });
  }, 20_000);

  it('warns about a missing allow-list and carrier but passes', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'velvet-yespo-'));
    writeFileSync(join(empty, 'velvet.config.json'), '{}');
    const r = await runCli(['doctor', empty], env());
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/warn\s+allow-list\s+empty/);
    expect(r.stdout).toMatch(/warn\s+carrier/);
  });

  it('says where the API URL comes from: ok for the default, a warning for any other', async () => {
    const plain = await runCli(['doctor', dir], { VELVET_SEND_ALLOW: 'me@example.com' });
    expect(plain.stdout).toMatch(/ok\s+API URL\s+https:\/\/yespo\.io\/api \(default\)/);
    const flag = await runCli(['doctor', dir, '--api-url', fake.url], env({ YESPO_API_URL: undefined }));
    expect(flag.code).toBe(0);
    expect(flag.stdout).toMatch(/warn\s+API URL\s+http:\/\/127\.0\.0\.1:\d+\/api \(from --api-url\)/);
    writeFileSync(join(dir, 'velvet.config.json'), JSON.stringify({ send: { allow: ['@example.com'], apiUrl: 'https://api.yespo.io/api' } }));
    const config = await runCli(['doctor', dir], { VELVET_SEND_ALLOW: 'me@example.com' });
    expect(config.stdout).toMatch(/warn\s+API URL\s+https:\/\/api\.yespo\.io\/api \(from config send\.apiUrl\)/);
  });

  it('refuses a config whose send.apiUrl is not https on yespo.io', async () => {
    writeFileSync(join(dir, 'velvet.config.json'), JSON.stringify({ send: { allow: ['@example.com'], apiUrl: fake.url } }));
    const r = await runCli(['doctor', dir], env({ YESPO_API_URL: undefined }));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/apiUrl/);
    expect(r.stderr).toMatch(/YESPO_API_URL or pass --api-url/);
    expect(fake.requests).toHaveLength(0);
  });

  it('has help and rejects unknown flags', async () => {
    expect((await runCli(['doctor', '--help'], env())).stdout).toMatch(/GET \/v1\/account\/info/);
    expect((await runCli(['doctor', '--bogus'], env())).code).toBe(2);
  });
});

describe('velvet event', () => {
  const write = (name: string, body: unknown): string => {
    const f = join(dir, name);
    writeFileSync(f, typeof body === 'string' ? body : JSON.stringify(body, null, 2));
    return f;
  };
  const event = {
    $schema: '../schemas/fixture.schema.json',
    eventTypeKey: 'spring_discount',
    keyValue: 'me@example.com',
    params: [{ name: 'EmailAddress', value: 'me@example.com' }, { name: 'total', value: 258.0 }],
  };

  it('posts the fixture to /v1/event without velvet keys', async () => {
    const r = await runCli(['event', write('e.json', event)], env());
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Yespo accepted event spring_discount for me@example.com \(HTTP 200\)/);
    const req = fake.requests[0]!;
    expect(req.path).toBe('/api/v1/event');
    expect(JSON.parse(req.body)).not.toHaveProperty('$schema');
  });

  it('sends a plain fixture byte for byte to /v2/event with --v2', async () => {
    const text = '{"eventTypeKey":"cart","keyValue":"me@example.com","params":[{"name":"total","value":258.0}]}';
    const r = await runCli(['event', write('raw.json', text), '--v2'], env());
    expect(r.code).toBe(0);
    expect(fake.requests[0]!.path).toBe('/api/v2/event');
    expect(fake.requests[0]!.body).toBe(text);
  });

  it('--dry-run prints the request and sends nothing', async () => {
    const r = await runCli(['event', write('e.json', event), '--dry-run'], env());
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^POST http:\/\/127\.0\.0\.1:\d+\/api\/v1\/event\n/);
    expect(r.stdout).toContain('Authorization: Basic ***');
    expect(fake.requests).toHaveLength(0);
    expect(leaksKey(r.stdout + r.stderr)).toBe(false);
  });

  it('refuses contacts outside the allow-list, and events without an address unless --force', async () => {
    const outside = await runCli(['event', write('o.json', { ...event, keyValue: 'x@gmail.com' })], env());
    expect(outside.code).toBe(2);
    expect(outside.stderr).toMatch(/not in the allow-list .*x@gmail.com/);
    const anon = write('a.json', { eventTypeKey: 'ping', keyValue: '123' });
    expect((await runCli(['event', anon], env())).code).toBe(2);
    expect((await runCli(['event', anon, '--force'], env())).code).toBe(0);
    expect(fake.requests).toHaveLength(1);
  });

  it('never sends the key to a host named by the config nearest the fixture', async () => {
    for (const apiUrl of [fake.url, 'https://yespo.io.evil.example/api', 'http://yespo.io/api']) {
      writeFileSync(join(dir, 'velvet.config.json'), JSON.stringify({ send: { allow: ['@example.com'], apiUrl } }));
      const r = await runCli(['event', write('e.json', event)], env({ YESPO_API_URL: undefined }));
      expect(r.code, apiUrl).toBe(2);
      expect(r.stderr, apiUrl).toMatch(/YESPO_API_URL or pass --api-url/);
    }
    expect(fake.requests).toHaveLength(0);
    // the same local server is fine when the person running velvet names it
    writeFileSync(join(dir, 'velvet.config.json'), JSON.stringify({ send: { allow: ['@example.com'] } }));
    expect((await runCli(['event', write('e.json', event), '--api-url', fake.url], env({ YESPO_API_URL: undefined }))).code).toBe(0);
    expect(fake.requests).toHaveLength(1);
  });

  it('refuses a phone keyValue without --force, and any address outside the allow-list with it', async () => {
    const phone = write('p.json', { eventTypeKey: 'ping', keyValue: '+380501234567', params: [{ name: 'EmailAddress', value: 'me@example.com' }] });
    const r = await runCli(['event', phone], env());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/keyValue '\+380501234567' is not an email address.*--force/);
    const nested = write('n.json', { ...event, params: [{ name: 'order', value: { buyer: { email: 'me@example.com,victim@gmail.com' } } }] });
    const n = await runCli(['event', nested, '--v2', '--force'], env());
    expect(n.code).toBe(2);
    expect(n.stderr).toMatch(/not in the allow-list .*victim@gmail\.com/);
    const dup = write('d.json', '{"eventTypeKey":"x","keyValue":"victim@gmail.com","keyValue":"me@example.com"}');
    expect((await runCli(['event', dup], env())).code).toBe(2);
    expect(fake.requests).toHaveLength(0);
    expect((await runCli(['event', phone, '--force'], env())).code).toBe(0);
    expect(fake.requests).toHaveLength(1);
  });

  it('refuses a body over 20 KB locally', async () => {
    const big = { ...event, params: [{ name: 'blob', value: 'x'.repeat(21_000) }] };
    const r = await runCli(['event', write('big.json', big)], env());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/at most 20480 \(20 KB\)/);
    expect(fake.requests).toHaveLength(0);
  });

  it('reports Yespo\'s 400 text and does not repeat a timed-out event', async () => {
    fake.respondNext({ status: 400, body: 'The event should have the following params: [orderId]' });
    const r = await runCli(['event', write('e.json', event)], env());
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Yespo said: The event should have the following params: \[orderId\]/);
    fake.respondNext({ hang: true });
    const t = await runCli(['event', write('e.json', event), '--timeout', '0.1'], env());
    expect(t.code).toBe(1);
    expect(t.stderr).toMatch(/may or may not have been delivered/);
    await new Promise((res) => setTimeout(res, 100));
    expect(fake.count('POST', '/api/v1/event')).toBe(2);
  });

  it('data errors exit 2: missing file, invalid JSON, no eventTypeKey', async () => {
    expect((await runCli(['event', join(dir, 'none.json')], env())).stderr).toMatch(/cannot read/);
    expect((await runCli(['event', write('bad.json', '{oops')], env())).code).toBe(2);
    const r = await runCli(['event', write('nokey.json', { keyValue: 'me@example.com' })], env());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/eventTypeKey/);
  });
});

describe('velvet carrier', () => {
  it('prints the carrier template and the config step', async () => {
    const r = await runCli(['carrier'], {});
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Subject:    $!data.get('subject')");
    expect(r.stdout).toContain("HTML body:  $!data.get('html')");
    expect(r.stdout).toContain('carrierMessageId');
    const j = await runCli(['carrier', '--json'], {});
    expect(JSON.parse(j.stdout)).toEqual({ subject: "$!data.get('subject')", preheader: "$!data.get('preheader')", html: "$!data.get('html')" });
    expect((await runCli(['carrier', '--nope'], {})).code).toBe(2);
  });
});
