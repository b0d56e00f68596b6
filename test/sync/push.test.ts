import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FOREIGN, leaks, message, setup, type Sync } from './helpers.js';

let s: Sync;
afterEach(async () => {
  // Nothing is ever deleted in the account: no test run sends DELETE.
  expect(s.fake.requests.filter((q) => q.method === 'DELETE')).toEqual([]);
  await s.fake.close();
});

const file = (p: string) => join(s.root, 'emails', p);
const read = (p: string) => readFileSync(join(s.root, p), 'utf8');
const lock = () => JSON.parse(read('velvet.lock.json')).emails;
const sent = (method: string) => s.fake.requests.filter((q) => q.method === method).map((q) => q.path);

async function pulled(...ids: number[]): Promise<void> {
  s = await setup({ messages: ids.map((id) => message(id)) });
  const r = await s.run(['pull', ...ids.flatMap((id) => ['--id', String(id)])]);
  expect(r.code).toBe(0);
  s.fake.requests.length = 0;
}

describe('velvet push', () => {
  it('says "nothing to push" when nothing changed, and sends nothing', async () => {
    await pulled(101);
    const r = await s.run(['push', '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('nothing to push: every email is in step with Yespo\n');
    expect(s.fake.requests).toEqual([]);
  });

  it('shows a unified diff in the dry run and changes nothing', async () => {
    await pulled(101);
    writeFileSync(file('welcome-101/email.html'), read('emails/welcome-101/email.html').replace('Hello', 'Welcome'));
    const r = await s.run(['push', '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('update welcome-101 (message 101): htmlText\n');
    expect(r.stdout).toContain('--- yespo/welcome-101/email.html');
    expect(r.stdout).toContain('+++ local/welcome-101/email.html');
    expect(r.stdout).toMatch(/^-<body><p>Hello/m);
    expect(r.stdout).toMatch(/^\+<body><p>Welcome/m);
    expect(r.stderr).toContain('dry run: 1 email(s) would be pushed; nothing was sent');
    expect(sent('PUT')).toEqual([]);
    expect(sent('GET')).toEqual(['/api/v1/messages/email/101']);
  });

  it('PUTs the whole message with only the managed fields replaced, reads it back and records it', async () => {
    await pulled(101);
    writeFileSync(file('welcome-101/email.html'), '<p>New body</p>\n');
    const meta = JSON.parse(read('emails/welcome-101/email.json'));
    writeFileSync(file('welcome-101/email.json'), JSON.stringify({ ...meta, subject: 'New subject', tags: ['a', 'b'] }));
    const r = await s.run(['push', '--yes']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('welcome-101: updated message 101');
    expect(s.fake.requests.map((q) => `${q.method} ${q.path}`)).toEqual([
      'GET /api/v1/messages/email/101', 'PUT /api/v1/messages/email/101', 'GET /api/v1/messages/email/101',
    ]);
    const put = s.fake.requests[1];
    expect(put?.contentType).toMatch(/^application\/json/);
    // Foreign fields are byte for byte what Yespo sent, in place (1.50 stays 1.50).
    expect(s.fake.text(101)).toContain(FOREIGN);
    expect(s.fake.message(101)).toMatchObject({ id: 101, htmlText: '<p>New body</p>\n', subject: 'New subject', tags: ['a', 'b'], name: 'Welcome 101' });
    expect((await s.run(['status'])).code).toBe(0);
    expect(leaks(r.stdout + r.stderr + read('velvet.lock.json'))).toBe(false);
  });

  it('refuses an email changed in Yespo since the pull and shows the remote diff; --force overwrites', async () => {
    await pulled(101);
    writeFileSync(file('welcome-101/email.html'), '<p>mine</p>\n');
    s.fake.webEdit(101, { htmlText: '<p>edited in the web editor</p>\n' });
    const r = await s.run(['push', '--yes']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('refused welcome-101: changed in Yespo since the last pull/push (htmlText)');
    expect(r.stdout).toContain('-<p>mine</p>');
    expect(r.stdout).toContain('+<p>edited in the web editor</p>');
    expect(sent('PUT')).toEqual([]);
    expect(s.fake.message(101)?.['htmlText']).toBe('<p>edited in the web editor</p>\n');
    const forced = await s.run(['push', '--yes', '--force']);
    expect(forced.code).toBe(0);
    expect(s.fake.message(101)?.['htmlText']).toBe('<p>mine</p>\n');
  });

  it('reports the normalisation Yespo applied and records what it stored', async () => {
    s = await setup({ messages: [message(101)], normaliseLineEndings: true });
    await s.run(['pull', '--id', '101']);
    writeFileSync(file('welcome-101/email.html'), '<p>one</p>\r\n<p>two</p>\r\n');
    const r = await s.run(['push', '--yes']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('welcome-101: Yespo stored htmlText differently (line endings CRLF → LF)');
    expect(s.fake.message(101)?.['htmlText']).toBe('<p>one</p>\n<p>two</p>\n');
    const e = lock()['welcome-101'];
    expect(e.remote.htmlText).not.toBe(e.local.htmlText);
    // the files were not touched, and the account is in step with the recorded state
    expect(read('emails/welcome-101/email.html')).toBe('<p>one</p>\r\n<p>two</p>\r\n');
    const st = await s.run(['status']);
    expect(st.code).toBe(0);
    expect((await s.run(['push', '--dry-run'])).stdout).toMatch(/nothing to push/);
    // what was pushed is no local change: a plain pull takes Yespo's form
    const pull = await s.run(['pull']);
    expect(pull.code).toBe(0);
    expect(read('emails/welcome-101/email.html')).toBe('<p>one</p>\n<p>two</p>\n');
    expect((await s.run(['status'])).code).toBe(0);
  });

  it('stops at a PUT that fails half way, and the lock holds exactly what was stored', async () => {
    await pulled(101, 102, 103);
    const before = lock();
    for (const id of [101, 102, 103]) writeFileSync(file(`welcome-${id}/email.html`), `<p>v2 of ${id}</p>\n`);
    s.fake.failPut(102, 500);
    const r = await s.run(['push', '--yes']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/velvet push: welcome-102 failed: Yespo API error: PUT \/v1\/messages\/email\/102 failed: 500/);
    expect(r.stderr).toContain('pushed 1 of 3; 1 failed, 1 not tried');
    expect(sent('PUT')).toEqual(['/api/v1/messages/email/101', '/api/v1/messages/email/102']);
    expect(s.fake.message(101)?.['htmlText']).toBe('<p>v2 of 101</p>\n');
    expect(s.fake.message(102)?.['htmlText']).not.toContain('v2');
    const after = lock();
    expect(after['welcome-101'].remote).not.toEqual(before['welcome-101'].remote);
    expect(after['welcome-102']).toEqual(before['welcome-102']);
    expect(after['welcome-103']).toEqual(before['welcome-103']);
    const st = await s.run(['status']);
    expect(st.stdout).toMatch(/^in-step\s+welcome-101/m);
    expect(st.stdout).toMatch(/^changed-here\s+welcome-102/m);
    expect(st.stdout).toMatch(/^changed-here\s+welcome-103/m);
    // the retry pushes the other two and nothing else
    s.fake.requests.length = 0;
    expect((await s.run(['push', '--yes'])).code).toBe(0);
    expect(sent('PUT')).toEqual(['/api/v1/messages/email/102', '/api/v1/messages/email/103']);
  });

  it('creates a message with POST for an email without id and writes the id into email.json', async () => {
    s = await setup({ messages: [] });
    mkdirSync(file('spring'), { recursive: true });
    writeFileSync(file('spring/email.html'), '<p>Spring sale</p>\n');
    writeFileSync(file('spring/email.json'), JSON.stringify({ subject: 'Spring', preheader: 'Kept' }));
    const dry = await s.run(['push', 'emails/spring', '--dry-run']);
    expect(dry.stdout).toContain('create spring (new message): new message');
    expect(sent('POST')).toEqual([]);
    const r = await s.run(['push', 'emails/spring', '--yes']);
    expect(r.code).toBe(0);
    const post = s.fake.requests.find((q) => q.method === 'POST');
    expect(JSON.parse(post?.body ?? '')).toEqual({ name: 'spring', subject: 'Spring', htmlText: '<p>Spring sale</p>\n' });
    const meta = JSON.parse(read('emails/spring/email.json'));
    expect(meta).toEqual({ subject: 'Spring', preheader: 'Kept', name: 'spring', messageId: 1001 });
    expect(r.stdout).toContain('spring: created message 1001, id written to email.json');
    expect(lock()['spring'].messageId).toBe(1001);
    expect((await s.run(['status'])).code).toBe(0);
  });

  it('creates no message without EMAIL_DIRs unless --create: it updates the linked ones and names the rest', async () => {
    await pulled(101);
    mkdirSync(file('scratch'), { recursive: true });
    writeFileSync(file('scratch/email.html'), '<p>Work in progress</p>\n');
    writeFileSync(file('scratch/email.json'), JSON.stringify({ subject: 'Draft' }));
    const meta = JSON.parse(read('emails/welcome-101/email.json'));
    writeFileSync(file('welcome-101/email.json'), JSON.stringify({ ...meta, subject: 'New subject' }));
    const note = "not created scratch: not linked to a message (no messageId); `velvet push emails/scratch` creates it (or --create, every such email)\n";
    const dry = await s.run(['push', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stderr).toContain(note);
    expect(dry.stdout).toContain('update welcome-101 (message 101): subject');
    expect(dry.stdout).not.toContain('create scratch');
    // what the CI recipe runs on every merge
    const r = await s.run(['push', '--yes']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(note);
    expect(sent('POST')).toEqual([]);
    expect(sent('PUT')).toEqual(['/api/v1/messages/email/101']);
    expect(JSON.parse(read('emails/scratch/email.json'))).toEqual({ subject: 'Draft' });
    expect((await s.run(['push', '--yes'])).stdout).toBe('nothing to push: every linked email is in step with Yespo\n');
    // named on the command line, or with --create, it is created
    const named = await s.run(['push', 'emails/scratch', '--dry-run']);
    expect(named.stdout).toContain('create scratch (new message): new message');
    expect(named.stderr).not.toContain('not created');
    const created = await s.run(['push', '--create', '--yes']);
    expect(created.code).toBe(0);
    expect(sent('POST')).toEqual(['/api/v1/messages/email']);
    expect(JSON.parse(read('emails/scratch/email.json')).messageId).toBe(1001);
  });

  it('pushes translations declared in email.json with PUT .../{id}/{language}', async () => {
    await pulled(101);
    const meta = JSON.parse(read('emails/welcome-101/email.json'));
    writeFileSync(file('welcome-101/email.json'), JSON.stringify({ ...meta, translations: { de: { subject: 'Hallo' } } }));
    writeFileSync(file('welcome-101/email.de.html'), '<p>Hallo</p>\n');
    const st = await s.run(['status']);
    expect(st.stdout).toMatch(/^changed-here .*\[here: translation de\]/m);
    const r = await s.run(['push', '--yes']);
    expect(r.code).toBe(0);
    expect(sent('PUT')).toEqual(['/api/v1/messages/email/101/de']);
    expect(s.fake.translations(101)).toEqual({ de: { subject: 'Hallo', htmlText: '<p>Hallo</p>\n' } });
    expect((await s.run(['push', '--dry-run'])).stdout).toMatch(/nothing to push/);
    writeFileSync(file('welcome-101/email.de.html'), '<p>Hallo!</p>\n');
    s.fake.requests.length = 0;
    expect((await s.run(['push', '--yes'])).code).toBe(0);
    expect(sent('PUT')).toEqual(['/api/v1/messages/email/101/de']);
  });

  it('lets lint errors block a push unless --force', async () => {
    await pulled(101);
    writeFileSync(file('welcome-101/email.html'), '<p>#if($a</p>\n');
    const r = await s.run(['push', '--yes']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/lint of welcome-101:\n {2}error {2}syntax/);
    expect(r.stderr).toContain('blocked welcome-101');
    expect(sent('PUT')).toEqual([]);
    expect((await s.run(['push', '--yes', '--force'])).code).toBe(0);
    expect(sent('PUT')).toEqual(['/api/v1/messages/email/101']);
  });

  it('asks on a terminal, refuses without one unless --yes', async () => {
    await pulled(101);
    writeFileSync(file('welcome-101/email.html'), '<p>changed</p>\n');
    const ci = await s.run(['push']);
    expect(ci.code).toBe(1);
    expect(ci.stderr).toContain('pass --yes to push');
    const no = await s.run(['push'], { interactive: true, stdin: async () => 'n\n' });
    expect(no.code).toBe(1);
    expect(no.stderr).toContain('push 1 email(s) to Yespo? [y/N] nothing was pushed');
    expect(sent('PUT')).toEqual([]);
    const yes = await s.run(['push'], { interactive: true, stdin: async () => 'y\n' });
    expect(yes.code).toBe(0);
    expect(sent('PUT')).toEqual(['/api/v1/messages/email/101']);
  });
});
