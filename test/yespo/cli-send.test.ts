import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setEmailSource, type EmailSource, type PreparedEmail } from '../../src/yespo/email-source.js';
import type { SendConfig } from '../../src/yespo/settings.js';
import { startFakeYespo, type FakeYespo } from '../support/fake-yespo.js';
import { KEY, leaksKey, runCli, type Run } from './helpers.js';

let fake: FakeYespo;
let restore: () => void;
let config: SendConfig | undefined;
let email: PreparedEmail;

const payload = { firstName: 'Олена', discount: '15%', items: [{ name: 'Tent', price: 258.5 }] };

function useEmail(html: string, overrides: Partial<PreparedEmail> = {}): void {
  email = {
    name: 'welcome',
    dir: '/emails/welcome',
    meta: { subject: 'Welcome, Olena', messageId: 3810201, from: '"Shop" <shop@example.com>' },
    fixture: 'signup',
    variant: 'default',
    json: payload,
    render: async () => ({ subject: 'Welcome, Olena', preheader: 'Your account is ready', html }),
    ...overrides,
  };
}

beforeEach(async () => {
  fake = await startFakeYespo({ key: KEY });
  config = { allow: ['@example.com'], carrierMessageId: 999 };
  useEmail('<p>Hi Олена, only $5 today. <span style="color:#fff">x</span></p>');
  const source: EmailSource = {
    loadSendConfig: async () => config,
    prepareEmail: async () => email,
  };
  restore = setEmailSource(source);
});
afterEach(async () => {
  restore();
  await fake.close();
});

const env = (extra: Record<string, string | undefined> = {}) => ({ YESPO_API_KEY: KEY, YESPO_API_URL: fake.url, ...extra });
const send = (args: string[], extra?: Record<string, string | undefined>): Promise<Run> =>
  runCli(['send', 'emails/welcome', '--poll-interval', '0.01', '--timeout', '0.5', ...args], env(extra));

function expectNoKey(r: Run): void {
  expect(leaksKey(r.stdout + r.stderr)).toBe(false);
}

describe('velvet send: data mode', () => {
  it('smartsends the fixture JSON as a jsonParam string, one recipient per address, then follows delivery', async () => {
    const r = await send(['--mode', 'data', '--to', 'me@example.com,qa@example.com']);
    expect(r.stderr).toMatch(/sending welcome \(fixture signup, default\) to me@example.com, qa@example.com \(data mode/);
    expect(r.code).toBe(0);
    const req = fake.requests.find((q) => q.method === 'POST')!;
    expect(req.path).toBe('/api/v1/message/3810201/smartsend');
    const body = JSON.parse(req.body);
    expect(body).toEqual({
      recipients: [
        { locator: 'me@example.com', jsonParam: JSON.stringify(payload) },
        { locator: 'qa@example.com', jsonParam: JSON.stringify(payload) },
      ],
      email: true,
    });
    expect(r.stdout).toMatch(/me@example.com\s+accepted\s+request req-/);
    expect(r.stdout).toMatch(/Delivery:\n\s+me@example.com\s+delivered/);
    expect(r.stderr).toMatch(/waiting for delivery: 2 delivered, 0 failed, 0 pending/);
    expectNoKey(r);
  });

  it('--message-id overrides the meta; without any id it is a usage error', async () => {
    await send(['--mode', 'data', '--to', 'me@example.com', '--message-id', '42', '--wait', '0']);
    expect(fake.count('POST', '/api/v1/message/42/smartsend')).toBe(1);
    useEmail('<p>ok</p>', { meta: {} });
    const r = await send(['--mode', 'data', '--to', 'me@example.com']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/data mode needs the Yespo message id/);
  });

  it('--dry-run prints the exact request with the key redacted and sends nothing', async () => {
    const r = await send(['--mode', 'data', '--to', 'me@example.com', '--dry-run']);
    expect(r.code).toBe(0);
    expect(fake.requests).toHaveLength(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(`POST ${fake.url}/v1/message/3810201/smartsend`);
    expect(r.stdout).toContain('Authorization: Basic *** (user "velvet", password: $YESPO_API_KEY)');
    expect(r.stdout).toContain('Content-Type: application/json; charset=UTF-8');
    const body = JSON.parse(lines[lines.indexOf('') + 1]!);
    expect(body.recipients[0].jsonParam).toBe(JSON.stringify(payload));
    expect(r.stderr).toMatch(/dry run: nothing was sent/);
    expectNoKey(r);
  });

  it('a dry run works without a key', async () => {
    const r = await send(['--mode', 'data', '--to', 'me@example.com', '--dry-run'], { YESPO_API_KEY: undefined });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('(YESPO_API_KEY is not set)');
  });

  it('a local render failure blocks a data send unless --force', async () => {
    useEmail('', { render: async () => { throw new Error('Unknown method at line 3'); } });
    const r = await send(['--mode', 'data', '--to', 'me@example.com']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/local render of welcome failed: Unknown method at line 3/);
    expect(fake.requests).toHaveLength(0);
    const forced = await send(['--mode', 'data', '--to', 'me@example.com', '--force', '--wait', '0']);
    expect(forced.code).toBe(0);
  });
});

describe('velvet send: render mode', () => {
  it('sends the local render through the carrier with a [TEST] subject', async () => {
    const r = await send(['--to', 'me@example.com', '--wait', '0']);
    expect(r.code).toBe(0);
    const req = fake.requests[0]!;
    expect(req.path).toBe('/api/v1/message/999/smartsend');
    const jp = JSON.parse(JSON.parse(req.body).recipients[0].jsonParam);
    expect(jp).toEqual({
      subject: '[TEST] Welcome, Olena',
      preheader: 'Your account is ready',
      html: '<p>Hi Олена, only $5 today. <span style="color:#fff">x</span></p>',
    });
    expect(r.stderr).toMatch(/subject: \[TEST\] Welcome, Olena/);
  });

  it('uses the configured subject prefix, and --carrier-id', async () => {
    config = { ...config, subjectPrefix: 'QA: ' };
    await send(['--to', 'me@example.com', '--wait', '0', '--carrier-id', '5']);
    const jp = JSON.parse(JSON.parse(fake.requests[0]!.body).recipients[0].jsonParam);
    expect(jp.subject).toBe('QA: Welcome, Olena');
    expect(fake.requests[0]!.path).toBe('/api/v1/message/5/smartsend');
  });

  it('explains how to get a carrier when none is configured', async () => {
    config = { allow: ['@example.com'] };
    const r = await send(['--to', 'me@example.com']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/velvet carrier/);
    expect(fake.requests).toHaveLength(0);
  });

  it('--via email posts the HTML to message/email', async () => {
    const r = await send(['--to', 'me@example.com', '--via', 'email', '--wait', '0']);
    expect(r.code).toBe(0);
    const req = fake.requests[0]!;
    expect(req.path).toBe('/api/v1/message/email');
    expect(JSON.parse(req.body)).toEqual({
      from: '"Shop" <shop@example.com>',
      subject: '[TEST] Welcome, Olena',
      htmlText: '<p>Hi Олена, only $5 today. <span style="color:#fff">x</span></p>',
      emails: ['me@example.com'],
      skipPersonalisation: true,
    });
  });

  it('refuses leftover Velocity code unless --force', async () => {
    useEmail('<p>Hello $firstName</p>\n<!--#if($vip)-->VIP<!--#end-->');
    const r = await send(['--to', 'me@example.com']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/error\s+leftover-velocity \(html 1:10\)\s+leftover Velocity code `\$firstName`/);
    expect(r.stderr).toMatch(/pass --force/);
    expect(fake.requests).toHaveLength(0);
    const forced = await send(['--to', 'me@example.com', '--force', '--wait', '0']);
    expect(forced.code).toBe(0);
    expect(fake.requests).toHaveLength(1);
  });

  it('a failed render cannot be forced in render mode', async () => {
    useEmail('', { render: async () => { throw new Error('parse error'); } });
    const r = await send(['--to', 'me@example.com', '--force']);
    expect(r.code).toBe(1);
    expect(fake.requests).toHaveLength(0);
  });
});

describe('velvet send: safety rails', () => {
  it('sends nothing when one address is outside the allow-list, even with --force', async () => {
    const r = await send(['--to', 'me@example.com', '--to', 'someone@gmail.com', '--force']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not in the allow-list \(config send.allow\): someone@gmail.com/);
    expect(fake.requests).toHaveLength(0);
  });

  it('VELVET_SEND_ALLOW replaces the config list', async () => {
    const r = await send(['--to', 'me@example.com'], { VELVET_SEND_ALLOW: 'qa@corp.example' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/VELVET_SEND_ALLOW/);
    const ok = await send(['--to', 'qa@corp.example', '--wait', '0'], { VELVET_SEND_ALLOW: 'qa@corp.example' });
    expect(ok.code).toBe(0);
  });

  it('refuses without an allow-list and over 10 recipients', async () => {
    config = { carrierMessageId: 1 };
    expect((await send(['--to', 'me@example.com'])).stderr).toMatch(/no allow-list/);
    config = { allow: ['@example.com'], carrierMessageId: 1 };
    const many = Array.from({ length: 11 }, (_, i) => `u${i}@example.com`).join(',');
    const r = await send(['--to', many]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/at most 10 addresses; got 11/);
    expect(fake.requests).toHaveLength(0);
  });

  it('usage errors exit 2', async () => {
    expect((await runCli(['send', '--to', 'me@example.com'], env())).code).toBe(2);
    expect((await send(['--to', 'me@example.com', '--mode', 'bogus'])).stderr).toMatch(/--mode is data or render/);
    expect((await send(['--to', 'me@example.com', '--wait', 'soon'])).code).toBe(2);
    expect((await send(['--to', 'me@example.com', '--unknown'])).code).toBe(2);
    expect((await send(['--mode', 'data', '--via', 'email', '--to', 'me@example.com'])).stderr).toMatch(/--via email needs --mode render/);
  });
});

describe('velvet send: Yespo errors', () => {
  it('without a key it says how to set one (exit 2)', async () => {
    const r = await send(['--to', 'me@example.com'], { YESPO_API_KEY: '' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/YESPO_API_KEY is not set/);
  });

  it('401 says what Yespo answered and never shows the key', async () => {
    fake.respondNext({ status: 401, body: `Invalid API key ${KEY}` });
    const r = await send(['--to', 'me@example.com']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Yespo API error: POST \/v1\/message\/999\/smartsend failed: 401 .*Yespo said: Invalid API key \*\*\*/);
    expectNoKey(r);
  });

  it('400 with a text body, and a 500, are reported once (a send is not retried)', async () => {
    fake.respondNext({ status: 400, body: 'Wrong Format' });
    const r = await send(['--to', 'me@example.com']);
    expect(r.stderr).toMatch(/400 Yespo rejected the request as invalid. Yespo said: Wrong Format/);
    fake.respondNext({ status: 500, body: 'Internal Server Error' });
    const r2 = await send(['--to', 'me@example.com']);
    expect(r2.code).toBe(1);
    expect(fake.count('POST', '/api/v1/message/999/smartsend')).toBe(2);
  });

  it('429 on a send is reported, not retried', async () => {
    fake.respondNext({ status: 429, body: 'Too many requests', headers: { 'Retry-After': '0' } });
    const r = await send(['--to', 'me@example.com']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/429 too many requests/);
    expect(fake.count('POST', '/api/v1/message/999/smartsend')).toBe(1);
  });

  it('a hung send times out once, is not repeated and says it may have been delivered', async () => {
    fake.respondNext({ hang: true });
    const r = await send(['--to', 'me@example.com', '--timeout', '0.2']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no complete answer within 0.2s. The request may or may not have been delivered; it was not repeated/);
    await new Promise((res) => setTimeout(res, 100));
    expect(fake.count('POST', '/api/v1/message/999/smartsend')).toBe(1);
    expectNoKey(r);
  });

  it('a per-recipient ERROR is printed with Yespo\'s reason and exits 1', async () => {
    config = { allow: ['@example.com', 'reject@example.org'], carrierMessageId: 999 };
    const r = await send(['--to', 'me@example.com,reject@example.org']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/reject@example.org\s+ERROR\s+Invalid email/);
    expect(r.stdout).toMatch(/me@example.com\s+delivered/);
  });

  it('a delivery failure and a timeout are reported per recipient', async () => {
    await fake.close();
    fake = await startFakeYespo({ key: KEY, delivery: (l) => (l.startsWith('me') ? 'FAILED' : 'PENDING') });
    const r = await send(['--to', 'me@example.com,qa@example.com', '--wait', '0.2', '--poll-interval', '0.05']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/me@example.com\s+failed\s+\(FAILED\)/);
    expect(r.stdout).toMatch(/qa@example.com\s+not confirmed \(timeout\)/);
    expect(r.stderr).toMatch(/waiting for delivery: 0 delivered, 1 failed, 1 pending/);
  });
});
