/**
 * The "Send test" panel tells the truth: it sends the payload shown on screen (edited or not),
 * says up front whether a key and a carrier are set, calls a send that never left "Not sent"
 * rather than "Failed", and never names command-line flags the panel does not have.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreview, type PreviewServer, type SendState } from '../../src/preview/index.js';
import { startFakeYespo, type FakeYespo } from '../support/fake-yespo.js';
import { copySamples, pageToken, postJson } from './helpers.js';

const KEY = 'yespo-key-for-send-truth-7';

async function settle(server: PreviewServer, token: string, id: string): Promise<SendState> {
  for (;;) {
    const res = await fetch(new URL(`/__velvet/api/send/${id}`, server.url), { headers: { 'x-velvet-token': token } });
    const state = (await res.json()) as SendState;
    if (state.phase !== 'following' && state.phase !== 'sending') return state;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('send test with a key and a carrier', () => {
  let project: ReturnType<typeof copySamples>;
  let fake: FakeYespo;
  let server: PreviewServer;
  let token: string;
  const send = async (body: Record<string, unknown>) =>
    (await (await postJson(server.url, '/__velvet/api/send', body, token)).json()) as SendState;
  const lastJsonParam = () => {
    const post = fake.requests.filter((r) => r.method === 'POST').at(-1);
    return JSON.parse((JSON.parse(post?.body ?? '{}') as { recipients: Array<{ jsonParam: string }> }).recipients[0]?.jsonParam ?? '{}') as Record<string, unknown>;
  };

  beforeAll(async () => {
    project = copySamples();
    const configFile = join(project.dir, 'velvet.config.json');
    const config = JSON.parse(readFileSync(configFile, 'utf8')) as { send: Record<string, unknown> };
    config.send['carrierMessageId'] = 777001;
    writeFileSync(configFile, JSON.stringify(config, null, 2));
    fake = await startFakeYespo({ key: KEY });
    server = await startPreview({ dir: project.dir, port: 0, env: { YESPO_API_KEY: KEY, YESPO_API_URL: fake.url }, sendPoll: { intervalMs: 10, timeoutMs: 2_000 } });
    token = await pageToken(server.url);
  });

  afterAll(async () => {
    await server?.close();
    await fake?.close();
    project?.remove();
  });

  it('says up front that a key and a carrier are set, without the key', async () => {
    const res = await fetch(new URL('/__velvet/api/send/settings?email=welcome', server.url), { headers: { 'x-velvet-token': token } });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain(KEY);
    expect(JSON.parse(text)).toMatchObject({ apiKey: true, carrierMessageId: 777001, messageId: 3810201, allow: ['@example.com'] });
  });

  it('sends the payload edited on screen in data mode and in render mode', async () => {
    const payload = JSON.stringify({ firstName: 'Edited', promocode: 'EDIT25', discountPercent: 25, signupSource: 'website' });
    const data = await settle(server, token, (await send({ email: 'welcome', fixture: 'website-signup', payload, to: ['emma@example.com'], mode: 'data' })).id);
    expect(data.phase).toBe('done');
    expect(lastJsonParam()).toMatchObject({ firstName: 'Edited', discountPercent: 25 });
    const render = await settle(server, token, (await send({ email: 'welcome', fixture: 'website-signup', payload, to: ['emma@example.com'], mode: 'render' })).id);
    expect(render.phase).toBe('done');
    expect(render.subject).toContain('25% gift');
    expect(String(lastJsonParam()['html'])).toContain('EDIT25');
  });

  it('refuses an edited payload that is not JSON, sending nothing', async () => {
    const posts = fake.count('POST', '/api/');
    const state = await send({ email: 'welcome', payload: '{"firstName": ', to: ['emma@example.com'], mode: 'data' });
    expect(state.phase).toBe('refused');
    expect(state.problems.join('\n')).toMatch(/payload/i);
    expect(fake.count('POST', '/api/')).toBe(posts);
  });

  it('names no command-line flags in what it says', async () => {
    // email.json without messageId: data mode cannot send
    const meta = join(project.dir, 'birthday', 'email.json');
    const json = JSON.parse(readFileSync(meta, 'utf8')) as Record<string, unknown>;
    delete json['messageId'];
    writeFileSync(meta, JSON.stringify(json));
    const state = await send({ email: 'birthday', to: ['emma@example.com'], mode: 'data' });
    expect(state.phase).toBe('refused');
    expect(state.problems.length).toBeGreaterThan(0);
    expect(state.problems.join('\n')).not.toMatch(/--[a-z]/);
  });
});

describe('send test without a key', () => {
  let project: ReturnType<typeof copySamples>;
  let server: PreviewServer;
  let token: string;

  beforeAll(async () => {
    project = copySamples();
    server = await startPreview({ dir: project.dir, port: 0, env: { YESPO_API_URL: 'http://127.0.0.1:9/api' } });
    token = await pageToken(server.url);
  });

  afterAll(async () => {
    await server?.close();
    project?.remove();
  });

  it('says that no key and no carrier are set before anything is tried', async () => {
    const res = await fetch(new URL('/__velvet/api/send/settings?email=welcome', server.url), { headers: { 'x-velvet-token': token } });
    expect(await res.json()).toMatchObject({ apiKey: false, carrierMessageId: null });
  });

  it('calls a send without a key "refused" (nothing was sent), not an error', async () => {
    const state = (await (await postJson(server.url, '/__velvet/api/send', { email: 'welcome', to: ['emma@example.com'], mode: 'data' }, token)).json()) as SendState;
    expect(state.phase).toBe('refused');
    expect(state.problems.join('\n')).toMatch(/YESPO_API_KEY/);
    expect(state.problems.join('\n')).not.toMatch(/--[a-z]/);
  });
});
