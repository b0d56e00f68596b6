import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveAllowList, checkEventContacts } from '../../src/yespo/safety.js';
import { startFakeYespo, type FakeYespo } from '../support/fake-yespo.js';
import { KEY, runCli } from './helpers.js';

let fake: FakeYespo;
let dir: string;
beforeEach(async () => {
  fake = await startFakeYespo({ key: KEY });
  dir = mkdtempSync(join(tmpdir(), 'velvet-event-'));
  writeFileSync(join(dir, 'velvet.config.json'), JSON.stringify({ send: { allow: ['@example.com'] } }));
});
afterEach(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

const env = () => ({ YESPO_API_KEY: KEY, YESPO_API_URL: fake.url });
const write = (name: string, body: unknown): string => {
  const f = join(dir, name);
  writeFileSync(f, typeof body === 'string' ? body : JSON.stringify(body, null, 2));
  return f;
};

/** A value nested `depth` levels deep: {"a": {"a": ... value}}. */
function nested(depth: number, value: unknown): unknown {
  let v = value;
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}

describe('velvet event: allow-list bypasses are closed', () => {
  it('an address nested more than 64 levels deep, with @ written \\u0040, is found and refused', async () => {
    const deep = JSON.stringify(nested(100, 'victim@evil.example')).replace('victim@', 'victim\\u0040');
    const text = `{"eventTypeKey":"x","keyValue":"me@example.com","params":[{"name":"p","value":${deep}}]}`;
    const r = await runCli(['event', write('deep.json', text), '--v2'], env());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/not in the allow-list .*victim@evil\.example/);
    const forced = await runCli(['event', write('deep.json', text), '--v2', '--force'], env());
    expect(forced.code).toBe(2);
    expect(fake.requests).toHaveLength(0);
  });

  it('escaped JSON inside escaped JSON, deeper than 64 levels, is searched too', () => {
    // three levels of JSON in a string, each 70 objects deep
    let inner: unknown = { email: 'victim@evil.example' };
    for (let i = 0; i < 3; i++) inner = nested(70, JSON.stringify(inner));
    const allow = resolveAllowList(['@example.com'], undefined);
    const body = { eventTypeKey: 'x', keyValue: 'me@example.com', params: [{ name: 'p', value: JSON.stringify(inner) }] };
    expect(checkEventContacts(body, allow, true).join('\n')).toMatch(/victim@evil\.example/);
    const pct = { eventTypeKey: 'x', keyValue: 'me@example.com', params: [{ name: 'u', value: 'https://x.example/?to=victim%40evil.example' }] };
    expect(checkEventContacts(pct, allow, true).join('\n')).toMatch(/victim@evil\.example/);
  });

  it('refuses address forms the allow-list cannot judge, even with --force', async () => {
    const forms = ['victim@[203.0.113.5]', 'victim@[IPv6:2001:db8::1]', '"victim"@evil.example', '"me@example.com"@evil.example', '"a b"@example.com'];
    for (const value of forms) {
      for (const where of ['keyValue', 'param'] as const) {
        const body = where === 'keyValue'
          ? { eventTypeKey: 'x', keyValue: value, params: [] }
          : { eventTypeKey: 'x', keyValue: 'me@example.com', params: [{ name: 'cc', value }] };
        const r = await runCli(['event', write('f.json', body), '--force'], env());
        expect(r.code, `${where} ${value}`).toBe(2);
        // Yespo forbids quotes in a keyValue, which velvet checks first
        const why = where === 'keyValue' && value.includes('"') ? /a character Yespo forbids/ : /cannot be checked against the allow-list/;
        expect(r.stderr, `${where} ${value}`).toMatch(why);
      }
    }
    expect(fake.requests).toHaveLength(0);
  });

  it('still sends an event that names only allowed addresses', async () => {
    const ok = { eventTypeKey: 'x', keyValue: 'me@example.com', params: [{ name: 'handle', value: '@someone' }, { name: 'json', value: '{"tags":["[a]","b"]}' }] };
    const r = await runCli(['event', write('ok.json', ok)], env());
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(fake.requests).toHaveLength(1);
  });
});

describe('velvet event: clear input errors', () => {
  it('invalid JSON gives file:line:column and a code frame', async () => {
    const r = await runCli(['event', 'bad.json'], env(), dir);
    writeFileSync(join(dir, 'bad.json'), '{\n  "eventTypeKey": "x",\n  "keyValue": "me@example.com",\n}\n');
    const bad = await runCli(['event', 'bad.json'], env(), dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^velvet event: bad\.json:3:31 Trailing comma/);
    expect(bad.stderr).toMatch(/> 3 \| {3}"keyValue": "me@example\.com",\n\s+\| {31}\^/);
    expect(bad.stderr).not.toMatch(/position \d+/);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('velvet event: bad.json: cannot read: no such file\n');
  });

  it('a v2-shaped event is not sent to /v1/event without a word', async () => {
    const v2 = { eventTypeKey: 'order', keyValue: 'me@example.com', params: [{ name: 'order', value: { total: 1 } }] };
    const r = await runCli(['event', write('v2.json', v2)], env());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/has the shape of a Generate event v2 .*pass --v2/);
    expect(fake.requests).toHaveLength(0);
    expect((await runCli(['event', write('v2.json', v2), '--v2'], env())).code).toBe(0);
    const declared = { $velvet: { format: 'event-v1' }, ...v2 };
    expect((await runCli(['event', write('v1.json', declared)], env())).code).toBe(0);
    expect(fake.requests.map((q) => q.path)).toEqual(['/api/v2/event', '/api/v1/event']);
  });

  it('a fixture that declares "$velvet": {"format": "event-v2"} (as velvet fixture writes it) goes to /v2/event without --v2', async () => {
    mkdirSync(join(dir, 'e'));
    writeFileSync(join(dir, 'e/email.html'), "<p>Hi $!firstName, $!order.get('total')</p>");
    const made = await runCli(['fixture', 'e', '--format', 'event-v2', '--name', 'ev'], env(), dir);
    expect(made.code, made.stderr).toBe(0);
    const file = join(dir, 'e/data/ev.json');
    expect(JSON.parse(readFileSync(file, 'utf8')).$velvet.format).toBe('event-v2');
    const dry = await runCli(['event', file, '--dry-run'], env(), dir);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/^POST \S*\/v2\/event/m);
    expect(dry.stdout).not.toContain('$velvet');
    expect(fake.requests).toHaveLength(0);
    const sent = await runCli(['event', file], env(), dir);
    expect(sent.code, sent.stderr).toBe(0);
    expect(fake.requests.map((q) => q.path)).toEqual(['/api/v2/event']);
    // a declared v1 with --v2 contradicts itself: refused, nothing sent
    const v1 = write('v1.json', { $velvet: { format: 'event-v1' }, eventTypeKey: 'order', keyValue: 'me@example.com', params: [] });
    const both = await runCli(['event', v1, '--v2'], env());
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('declares "$velvet": {"format": "event-v1"}; --v2 would post it to /v2/event');
    expect(fake.requests).toHaveLength(1);
  });
});

describe('the send and event inputs', () => {
  it('send --fixture takes a-good.json and data/a-good.json too', async () => {
    const { emailSource } = await import('../../src/yespo/email-source.js');
    const email = join(dir, 'e');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(email, 'data'), { recursive: true });
    writeFileSync(join(email, 'email.html'), 'x');
    writeFileSync(join(email, 'data/a-good.json'), '{"n": 1}');
    writeFileSync(join(email, 'data/b.json'), '{"n": 2}');
    for (const fixture of ['a-good', 'a-good.json', 'data/a-good.json', join(email, 'data/a-good.json')]) {
      expect((await emailSource().prepareEmail(email, { fixture })).fixture, fixture).toBe('a-good');
    }
  });

  it('a binary event fixture is not a text file', async () => {
    const f = join(dir, 'bin.json');
    writeFileSync(f, Buffer.from([0x7b, 0x00, 0x1b, 0x5b, 0x32, 0x4a, 0x7d]));
    const r = await runCli(['event', 'bin.json'], env(), dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('velvet event: bin.json: not a text file: it holds binary data (a NUL byte at offset 1)\n');
  });
});
