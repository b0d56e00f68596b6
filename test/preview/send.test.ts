import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreview, type PreviewServer, type SendState } from '../../src/preview/index.js';
import { startFakeYespo, type FakeYespo } from '../support/fake-yespo.js';
import { copySamples, pageToken, postJson } from './helpers.js';

const KEY = 'yespo-key-for-preview-tests-42';

describe('preview "Send test" endpoint', () => {
  let project: ReturnType<typeof copySamples>;
  let fake: FakeYespo;
  let server: PreviewServer;
  let token: string;
  const seen: string[] = [];

  const send = async (body: Record<string, unknown>, withToken = true): Promise<{ status: number; state: SendState }> => {
    const res = await postJson(server.url, '/__velvet/api/send', body, withToken ? token : undefined);
    const text = await res.text();
    seen.push(text);
    return { status: res.status, state: JSON.parse(text) as SendState };
  };

  /** Reads the send's state until it is final. */
  const settle = async (id: string): Promise<SendState> => {
    for (;;) {
      const res = await fetch(new URL(`/__velvet/api/send/${id}`, server.url), { headers: { 'x-velvet-token': token } });
      const text = await res.text();
      seen.push(text);
      const state = JSON.parse(text) as SendState;
      if (state.phase !== 'following' && state.phase !== 'sending') return state;
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  beforeAll(async () => {
    project = copySamples();
    const configFile = join(project.dir, 'velvet.config.json');
    const config = JSON.parse(readFileSync(configFile, 'utf8')) as { send: Record<string, unknown> };
    config.send['carrierMessageId'] = 777001;
    writeFileSync(configFile, JSON.stringify(config, null, 2));
    fake = await startFakeYespo({ key: KEY });
    server = await startPreview({
      dir: project.dir,
      port: 0,
      env: { YESPO_API_KEY: KEY, YESPO_API_URL: fake.url },
      sendPoll: { intervalMs: 10, timeoutMs: 2_000 },
    });
    token = await pageToken(server.url);
  });

  afterAll(async () => {
    await server?.close();
    await fake?.close();
    project?.remove();
    // whatever happened, the key never reached a response
    const all = seen.join('\n');
    expect(all).not.toContain(KEY);
    expect(all).not.toContain(Buffer.from(`velvet:${KEY}`).toString('base64'));
  });

  it('refuses without the session token and sends nothing', async () => {
    const { status } = await send({ email: 'welcome', to: ['emma@example.com'], mode: 'data' }, false);
    expect(status).toBe(403);
    expect(fake.requests.length).toBe(0);
  });

  it('data mode: smartsend with the fixture as a jsonParam string, then delivery status', async () => {
    const { status, state } = await send({ email: 'welcome', fixture: 'website-signup', to: ['emma@example.com'], mode: 'data' });
    expect(status).toBe(200);
    expect(['following', 'done']).toContain(state.phase);
    const final = await settle(state.id);
    expect(final.phase).toBe('done');
    expect(final.recipients).toEqual([expect.objectContaining({ locator: 'emma@example.com', state: 'delivered' })]);
    const post = fake.requests.find((r) => r.method === 'POST');
    expect(post?.path).toBe('/api/v1/message/3810201/smartsend');
    const body = JSON.parse(post?.body ?? '{}') as { recipients: Array<{ jsonParam: unknown }> };
    expect(typeof body.recipients[0]?.jsonParam).toBe('string');
    expect(post?.headers.authorization).toBe(`Basic ${Buffer.from(`velvet:${KEY}`).toString('base64')}`);
  });

  it('render mode: the local render through the carrier, with the [TEST] subject prefix', async () => {
    const before = fake.count('POST', '/api/v1/message/777001/smartsend');
    const { state } = await send({ email: 'welcome', fixture: 'website-signup', to: ['emma@example.com'], mode: 'render' });
    const final = await settle(state.id);
    expect(final.phase).toBe('done');
    expect(final.subject).toMatch(/^\[TEST\] Welcome to Northwind/);
    expect(fake.count('POST', '/api/v1/message/777001/smartsend')).toBe(before + 1);
    const post = fake.requests.filter((r) => r.method === 'POST').at(-1);
    const jsonParam = JSON.parse((JSON.parse(post?.body ?? '{}') as { recipients: Array<{ jsonParam: string }> }).recipients[0]?.jsonParam ?? '{}') as { html: string };
    expect(jsonParam.html).toContain('<!DOCTYPE html>');
  });

  it('applies the allow-list and the recipient limit of `velvet send`: nothing is sent', async () => {
    const posts = fake.count('POST', '/api/');
    const outside = await send({ email: 'welcome', to: ['someone@elsewhere.test'], mode: 'data' });
    expect(outside.state.phase).toBe('refused');
    expect(outside.state.problems.join('\n')).toMatch(/not in the allow-list/);
    const many = await send({ email: 'welcome', to: Array.from({ length: 11 }, (_, i) => `t${i}@example.com`), mode: 'data' });
    expect(many.state.phase).toBe('refused');
    expect(many.state.problems.join('\n')).toMatch(/at most 10/);
    expect(fake.count('POST', '/api/')).toBe(posts);
  });

  it('reports a failed send without retrying it, with the key redacted', async () => {
    const posts = fake.count('POST', '/api/v1/message/');
    fake.respondNext({ status: 500, body: `Internal error for key ${KEY}` }, '/api/v1/message/3810201/smartsend');
    const { state } = await send({ email: 'welcome', to: ['emma@example.com'], mode: 'data' });
    expect(state.phase).toBe('error');
    expect(state.problems.join('\n')).toMatch(/500/);
    expect(JSON.stringify(state)).not.toContain(KEY);
    expect(fake.count('POST', '/api/v1/message/')).toBe(posts + 1);
  });

  it('shows a recipient Yespo rejected', async () => {
    const { state } = await send({ email: 'welcome', to: ['reject-me@example.com', 'emma@example.com'], mode: 'data' });
    const final = await settle(state.id);
    expect(final.recipients.find((r) => r.locator === 'reject-me@example.com')?.state).toBe('rejected');
    expect(final.recipients.find((r) => r.locator === 'emma@example.com')?.state).toBe('delivered');
  });
});
