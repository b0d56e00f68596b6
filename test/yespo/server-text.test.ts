import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { YespoClient } from '../../src/yespo/client.js';
import { executeSend, getAccountInfo, requests } from '../../src/yespo/endpoints.js';
import { YespoApiError } from '../../src/yespo/errors.js';
import { startFakeYespo, type FakeYespo } from '../support/fake-yespo.js';
import { KEY, runCli } from './helpers.js';

let fake: FakeYespo;
beforeEach(async () => {
  fake = await startFakeYespo({ key: KEY });
});
afterEach(async () => {
  await fake.close();
});

const client = (options: Partial<ConstructorParameters<typeof YespoClient>[0]> = {}): YespoClient =>
  new YespoClient({ baseUrl: fake.url, apiKey: KEY, timeoutMs: 2000, retry: { retries: 0 }, ...options });

async function rejection(p: Promise<unknown>): Promise<YespoApiError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(YespoApiError);
  return err as YespoApiError;
}

/** True when any 8 consecutive characters of the key appear (ignoring whitespace). */
function leaksPart(text: string): boolean {
  const flat = text.replace(/\s+/g, '');
  for (let i = 0; i + 8 <= KEY.length; i++) if (flat.includes(KEY.slice(i, i + 8))) return true;
  return false;
}

const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;
const sendReq = requests.sendEmail({ from: 'a@example.com', subject: 's', htmlText: 'h', emails: ['b@example.com'] });

describe('what a server says is redacted before it is shortened', () => {
  it('a key at the 500-character cut of a JSON message', async () => {
    for (const pad of [455, 459, 460, 470, 490, 499]) {
      fake.respondNext({ status: 400, body: { message: 'x'.repeat(pad) + KEY + ' tail' } });
      const err = await rejection(getAccountInfo(client()));
      expect(leaksPart(err.message), `pad ${pad}`).toBe(false);
      expect(err.yespoMessage?.startsWith('x'.repeat(pad))).toBe(true);
    }
  });

  it('a key at the 200-character cut of a non-JSON answer to a send', async () => {
    for (const pad of [170, 180, 190, 199]) {
      fake.respondNext({ status: 200, body: 'q'.repeat(pad) + KEY });
      const err = await rejection(executeSend(client(), sendReq));
      expect(leaksPart(err.message), `pad ${pad}`).toBe(false);
    }
  });

  it('a key split by newlines or spaces, raw or JSON-escaped', async () => {
    const split = `${KEY.slice(0, 9)}\n${KEY.slice(9, 20)}\r\n ${KEY.slice(20)}`;
    for (const body of [`denied for ${split}`, { message: `denied for ${split}` }, `{"error": "denied for ${KEY.slice(0, 9)}\\n${KEY.slice(9)}"}`]) {
      fake.respondNext({ status: 403, body });
      const err = await rejection(getAccountInfo(client()));
      expect(leaksPart(err.message), JSON.stringify(body)).toBe(false);
      expect(err.message).toContain('denied for ***');
    }
  });

  it('terminal control characters never survive', async () => {
    const evil = '\x1b]0;owned\x07\x1b[2J\x1b[31mred\x1b[0m \u202eevil\u202c \x9b31m \x00\x08done';
    fake.respondNext({ status: 500, body: evil });
    const err = await rejection(executeSend(client(), sendReq));
    expect(err.message).not.toMatch(CONTROL);
    expect(err.message).toContain('red evil');
    fake.respondNext({ status: 200, body: evil });
    const err2 = await rejection(executeSend(client(), sendReq));
    expect(err2.message).not.toMatch(CONTROL);
  });

  it('answer data loses terminal controls but keeps line ends and right-to-left marks', async () => {
    fake.respondNext({ status: 200, body: { html: '<p dir="rtl">\u202bשלום\u202c</p>\r\n\t\x1b[31m<b>x</b>\x07' } });
    const res = await client().request(requests.accountInfo());
    expect((res.data as { html: string }).html).toBe('<p dir="rtl">\u202bשלום\u202c</p>\r\n\t<b>x</b>');
  });

  it('the event command prints neither the key nor control characters from an answer', async () => {
    const { mkdtempSync, rmSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = mkdtempSync(join(tmpdir(), 'velvet-server-text-'));
    try {
      writeFileSync(join(dir, 'e.json'), JSON.stringify({ eventTypeKey: 'k', keyValue: 'me@example.com', params: [] }));
      const env = { YESPO_API_KEY: KEY, YESPO_API_URL: fake.url, VELVET_SEND_ALLOW: 'me@example.com' };
      fake.respondNext({ status: 200, body: `\x1b[2Jok ${KEY.slice(0, 20)}\n${KEY.slice(20)}\rfake line` }, '/api/v1/event');
      const ok = await runCli(['event', join(dir, 'e.json')], env);
      expect(ok.code).toBe(0);
      expect(ok.stdout + ok.stderr).not.toMatch(CONTROL);
      expect(leaksPart(ok.stdout + ok.stderr)).toBe(false);
      fake.respondNext({ status: 400, body: { message: 'y'.repeat(480) + KEY + '\x1b[31m' } }, '/api/v1/event');
      const bad = await runCli(['event', join(dir, 'e.json')], env);
      expect(bad.code).toBe(1);
      expect(bad.stderr).not.toMatch(CONTROL);
      expect(leaksPart(bad.stderr)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('answers are read up to a cap', () => {
  let server: Server;
  let closed: Promise<void>;
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise<void>((r) => server.close(() => r()));
  });

  /** A server that streams `total` bytes without a Content-Length, noting when the client hangs up. */
  async function streaming(total: number): Promise<string> {
    let done!: () => void;
    closed = new Promise<void>((r) => (done = r));
    server = createServer((req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      let sent = 0;
      const chunk = Buffer.alloc(64 * 1024, 0x61);
      const pump = (): void => {
        while (sent < total) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      res.on('close', done);
      pump();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  }

  it('an endless answer is cut off at the cap with a clear error, not read into memory', async () => {
    const url = await streaming(3 * 1024 ** 3);
    const c = new YespoClient({ baseUrl: url, apiKey: KEY, timeoutMs: 20_000, retry: { retries: 0 }, maxResponseBytes: 1024 * 1024 });
    const err = await rejection(getAccountInfo(c));
    expect(err.message).toMatch(/GET \/v1\/account\/info failed: the answer is larger than 1\.0 MB; velvet stopped reading it/);
    await closed;
  });

  it('the default cap is 16 MB and an answer below it is read whole', async () => {
    const url = await streaming(2 * 1024 * 1024);
    const c = new YespoClient({ baseUrl: url, apiKey: KEY, retry: { retries: 0 } });
    expect(c.maxResponseBytes).toBe(16 * 1024 * 1024);
    const res = await c.request(requests.accountInfo());
    expect(res.text.length).toBeGreaterThanOrEqual(2 * 1024 * 1024);
  });
});
