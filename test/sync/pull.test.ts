import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { leaks, message, setup, type Sync } from './helpers.js';

let s: Sync;
afterEach(() => s?.fake.close());

const read = (file: string) => readFileSync(join(s.root, file), 'utf8');

describe('velvet pull', () => {
  it('writes a message as an email folder with exact bytes and records it in the lock', async () => {
    s = await setup({ messages: [message(101)] });
    const r = await s.run(['pull', '--id', '101']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/create\s+welcome-101 \(message 101\): new folder/);
    expect(read('emails/welcome-101/email.html')).toBe(JSON.parse(message(101)).htmlText);
    expect(JSON.parse(read('emails/welcome-101/email.json'))).toEqual({
      name: 'Welcome 101', subject: "Hi $!data.get('name')", from: '"Shop" <shop@example.com>', tags: ['onboarding'], messageId: 101,
    });
    const lock = JSON.parse(read('velvet.lock.json'));
    const entry = lock.emails['welcome-101'];
    expect(entry.messageId).toBe(101);
    expect(entry.by).toBe('velvet 0.1.0');
    expect(entry.local).toEqual(entry.remote);
    expect(leaks(read('velvet.lock.json')) || leaks(r.stdout + r.stderr)).toBe(false);
    // Requests carry Basic auth and only GETs were sent.
    expect(s.fake.requests.every((q) => q.method === 'GET' && q.authorization?.startsWith('Basic '))).toBe(true);
  });

  it('refuses to overwrite a local change, shows the diff, and --force takes the remote version', async () => {
    s = await setup({ messages: [message(101)] });
    await s.run(['pull', '--id', '101']);
    const html = 'emails/welcome-101/email.html';
    writeFileSync(join(s.root, html), '<p>my local work</p>\n');
    s.fake.webEdit(101, { htmlText: '<p>edited in Yespo</p>\n' });
    const refused = await s.run(['pull']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/refused welcome-101: it has changes here/);
    expect(refused.stdout).toContain('-<p>my local work</p>');
    expect(refused.stdout).toContain('+<p>edited in Yespo</p>');
    expect(read(html)).toBe('<p>my local work</p>\n');
    const forced = await s.run(['pull', '--force', 'emails/welcome-101']);
    expect(forced.code).toBe(0);
    expect(read(html)).toBe('<p>edited in Yespo</p>\n');
  });

  it('leaves velvet.lock.json byte for byte as it was when nothing changed, and rewrites only the entries that did', async () => {
    s = await setup({ messages: [message(101), message(102)] });
    await s.run(['pull', '--id', '101', '--id', '102']);
    const lock = read('velvet.lock.json');
    const stat = () => statSync(join(s.root, 'velvet.lock.json')).mtimeMs;
    const before = stat();
    await new Promise((r) => setTimeout(r, 20));
    const again = await s.run(['pull']);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/unchanged\s+welcome-101 \(message 101\): already in step/);
    expect(read('velvet.lock.json')).toBe(lock);
    expect(stat()).toBe(before);
    s.fake.webEdit(102, { subject: 'New subject' });
    await new Promise((r) => setTimeout(r, 5));
    expect((await s.run(['pull'])).code).toBe(0);
    const after = JSON.parse(read('velvet.lock.json'));
    const was = JSON.parse(lock);
    expect(after.emails['welcome-101']).toEqual(was.emails['welcome-101']);
    expect(after.emails['welcome-102'].at).not.toBe(was.emails['welcome-102'].at);
  });

  it("keeps email.json's own indentation, key order and other keys, changing only the values Yespo changed", async () => {
    s = await setup({ messages: [message(101)] });
    await s.run(['pull', '--id', '101']);
    const file = 'emails/welcome-101/email.json';
    const mine =
      '{\n    "messageId": 101,\n    "preheader": "Kept",\n    "subject": "Hi $!data.get(\'name\')",\n' +
      '    "contact": {"FIRSTNAME": "Ann"},\n    "tags": [\n        "onboarding"\n    ],\n' +
      '    "from": "\\"Shop\\" <shop@example.com>",\n    "name": "Welcome 101"\n}\n';
    expect(JSON.parse(mine)).toEqual({ ...JSON.parse(read(file)), preheader: 'Kept', contact: { FIRSTNAME: 'Ann' } });
    writeFileSync(join(s.root, file), mine);
    s.fake.webEdit(101, { subject: 'New subject' });
    expect((await s.run(['pull'])).code).toBe(0);
    expect(read(file)).toBe(mine.replace(`"Hi $!data.get('name')"`, '"New subject"'));
    // a field Yespo dropped goes, with its comma; one it added comes last, indented as the file is
    s.fake.webEdit(101, { tags: undefined, from: undefined });
    expect((await s.run(['pull'])).code).toBe(0);
    const dropped = '{\n    "messageId": 101,\n    "preheader": "Kept",\n    "subject": "New subject",\n    "contact": {"FIRSTNAME": "Ann"},\n    "name": "Welcome 101"\n}\n';
    expect(read(file)).toBe(dropped);
    s.fake.webEdit(101, { tags: ['a', 'b'], from: 'x@example.com' });
    expect((await s.run(['pull'])).code).toBe(0);
    expect(read(file)).toBe(dropped.replace('\n}\n', ',\n    "from": "x@example.com",\n    "tags": [\n        "a",\n        "b"\n    ]\n}\n'));
    expect((await s.run(['status'])).stdout).toMatch(/^in-step\s+welcome-101/m);
  });

  it('leaves an email changed only here as it is, and keeps its recorded state', async () => {
    s = await setup({ messages: [message(101)] });
    await s.run(['pull', '--id', '101']);
    const lock = read('velvet.lock.json');
    writeFileSync(join(s.root, 'emails/welcome-101/email.html'), '<p>my local work</p>\n');
    const r = await s.run(['pull']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ahead\s+welcome-101 \(message 101\): changed here, not in Yespo/m);
    expect(read('emails/welcome-101/email.html')).toBe('<p>my local work</p>\n');
    expect(read('velvet.lock.json')).toBe(lock);
    expect((await s.run(['status'])).stdout).toMatch(/^changed-here\s+welcome-101/m);
  });

  it('takes a change made in Yespo when nothing changed here, and never deletes local files', async () => {
    s = await setup({ messages: [message(101)] });
    await s.run(['pull', '--id', '101']);
    writeFileSync(join(s.root, 'emails/welcome-101/notes.txt'), 'keep me');
    const meta = JSON.parse(read('emails/welcome-101/email.json'));
    writeFileSync(join(s.root, 'emails/welcome-101/email.json'), JSON.stringify({ ...meta, preheader: 'Kept', translations: { de: { subject: 'Hallo' } } }));
    writeFileSync(join(s.root, 'emails/welcome-101/email.de.html'), '<p>Hallo</p>');
    // email.json gained keys that are not Yespo's: the managed fields are unchanged, so this is no local change
    s.fake.webEdit(101, { subject: 'New subject', tags: undefined });
    const r = await s.run(['pull']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/update\s+welcome-101 \(message 101\): updated subject, tags/);
    expect(existsSync(join(s.root, 'emails/welcome-101/notes.txt'))).toBe(true);
    expect(existsSync(join(s.root, 'emails/welcome-101/email.de.html'))).toBe(true);
    const after = JSON.parse(read('emails/welcome-101/email.json'));
    expect(after.subject).toBe('New subject');
    expect(after.tags).toBeUndefined();
    expect(after.preheader).toBe('Kept');
    expect(after.translations).toEqual({ de: { subject: 'Hallo' } });
  });

  it('pulls the whole account with --all, paging through the search with a progress line', async () => {
    const ids = Array.from({ length: 230 }, (_, i) => 2000 + i);
    s = await setup({ messages: ids.map((id) => message(id, { name: `Promo ${id}` })) });
    const r = await s.run(['pull', '--all']);
    expect(r.code).toBe(0);
    const pages = s.fake.requests.filter((q) => q.path === '/api/v1/messages/email');
    expect(pages.map((q) => q.query.get('startindex'))).toEqual(['1', '101', '201']);
    expect(r.stderr).toContain('listing messages in Yespo: 100\n');
    expect(r.stderr).toContain('listing messages in Yespo: 230\n');
    expect(r.stderr).toContain('pulling 230/230: message 2229');
    expect(r.stderr).toMatch(/pulled 230 of 230: 230 new/);
    expect(read('emails/promo-2229/email.json')).toContain('"messageId": 2229');
    // a second run finds every folder in step
    const again = await s.run(['pull', '--all']);
    expect(again.stderr).toMatch(/230 in step/);
  });

  it('names a new folder after the message in any script (the id when no letters are left), and never reuses a taken folder', async () => {
    s = await setup({
      messages: [message(301, { name: 'Привітання' }), message(302, { name: 'Привітання' }), message(303, { name: 'Spring Sale!' }),
        message(304, { name: 'Café für VIP-клієнтів 2' }), message(305, { name: '🎉🎉' }), message(306, { name: `${'я'.repeat(59)} x` })],
    });
    const r = await s.run(['pull', '--id', '301', '--id', '302', '--id', '303', '--id', '304', '--id', '305', '--id', '306']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ привітання \(message 301\)/);
    expect(r.stdout).toMatch(/ привітання-302 \(message 302\)/);
    expect(r.stdout).toMatch(/ spring-sale \(message 303\)/);
    expect(r.stdout).toMatch(/ cafe-fur-vip-клієнтів-2 \(message 304\)/);
    expect(r.stdout).toMatch(/ message-305 \(message 305\)/);
    expect(r.stdout).toContain(` ${'я'.repeat(59)} (message 306)`);
    expect(existsSync(join(s.root, 'emails/привітання/email.html'))).toBe(true);
    const again = await s.run(['pull', '--id', '303', '--id', '301']);
    expect(again.stdout).toMatch(/unchanged spring-sale \(message 303\): already in step/);
    expect(again.stdout).toMatch(/unchanged привітання \(message 301\): already in step/);
    // the folders are names velvet new accepts, and the emails lint under them
    expect((await s.run(['status'])).stdout).toMatch(/^in-step\s+cafe-fur-vip-клієнтів-2/m);
  });

  it('reports an unknown id (404) without writing anything', async () => {
    s = await setup({ messages: [] });
    const r = await s.run(['pull', '--id', '77']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('message 77 is not in the account (404)');
    expect(existsSync(join(s.root, 'emails'))).toBe(false);
  });

  it('needs the API key from the environment', async () => {
    s = await setup({ messages: [message(101)] });
    const r = await s.run(['pull', '--id', '101'], { env: { YESPO_API_URL: s.fake.url } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/YESPO_API_KEY is not set/);
  });
});
