import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadFixture } from '../../src/fixtures/load.js';
import { startFakeYespo, type FakeYespo } from '../support/fake-yespo.js';
import { KEY, runCli } from './helpers.js';

const samples = join(process.cwd(), 'samples');

describe('send with real email folders (src/project, src/fixtures)', () => {
  it('data mode sends JSON.stringify(variant.json) of the chosen fixture to the meta messageId', async () => {
    const r = await runCli(
      ['send', join(samples, 'welcome'), '--mode', 'data', '--fixture', 'website-signup', '--to', 'me@example.com', '--dry-run', '--force'],
      { VELVET_SEND_ALLOW: 'me@example.com' },
    );
    expect(r.stderr).toMatch(/would send welcome \(fixture website-signup, default\)/);
    expect(r.code).toBe(0);
    const fixture = await loadFixture(join(samples, 'welcome', 'data', 'website-signup.json'));
    const body = JSON.parse(r.stdout.split('\n\n')[1]!);
    expect(body.recipients[0].jsonParam).toBe(JSON.stringify(fixture.variants[0]!.json));
    expect(r.stdout.split('\n')[0]).toBe('POST https://yespo.io/api/v1/message/3810201/smartsend');
  });

  it('names the fixtures when the one asked for does not exist', async () => {
    const r = await runCli(['send', join(samples, 'welcome'), '--fixture', 'nope', '--to', 'me@example.com', '--dry-run'], {});
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no fixture 'nope' in email 'welcome' \(available: .*website-signup/);
  });

  it('takes the allow-list from the samples config', async () => {
    const r = await runCli(['send', join(samples, 'welcome'), '--mode', 'data', '--to', 'x@gmail.com', '--force'], {});
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/velvet send: not in the allow-list \(config send.allow\): x@gmail.com/);
    // a dry run shows the request and lists the refusal a real send would give
    const dry = await runCli(['send', join(samples, 'welcome'), '--mode', 'data', '--to', 'x@gmail.com', '--dry-run', '--force'], {});
    expect(dry.code).toBe(0);
    expect(dry.stderr).toMatch(/a real send would refuse, until this is set up:\n  - not in the allow-list \(config send.allow\): x@gmail.com/);
  });
});

describe('the fake Yespo server checks requests as Yespo documents them', () => {
  let fake: FakeYespo;
  beforeEach(async () => {
    fake = await startFakeYespo({ key: KEY });
  });
  afterEach(async () => {
    await fake.close();
  });
  const post = (path: string, body: string, type = 'application/json') =>
    fetch(fake.url + path, {
      method: 'POST',
      body,
      headers: { 'Content-Type': type, Authorization: 'Basic ' + Buffer.from(`x:${KEY}`).toString('base64') },
    }).then(async (r) => ({ status: r.status, text: await r.text() }));

  it('rejects what Yespo rejects', async () => {
    const one = (jsonParam: unknown) => JSON.stringify({ recipients: [{ locator: 'a@example.com', jsonParam }], email: true });
    expect((await post('/v1/message/1/smartsend', one({ a: 1 }))).status).toBe(400);
    expect((await post('/v1/message/1/smartsend', one('{"a":1}'))).status).toBe(200);
    const many = JSON.stringify({ recipients: Array.from({ length: 1001 }, (_, i) => ({ locator: `${i}@example.com` })), email: true });
    expect((await post('/v1/message/1/smartsend', many)).status).toBe(400);
    expect((await post('/v1/message/1/smartsend', one(null), 'text/plain')).status).toBe(400);
    const big = JSON.stringify({ eventTypeKey: 'k', params: [{ name: 'x', value: 'y'.repeat(20_500) }] });
    expect(await post('/v1/event', big)).toEqual({ status: 400, text: 'Event is too large: max 20 KB' });
    expect((await fetch(fake.url + '/v1/account/info')).status).toBe(401);
  });
});
