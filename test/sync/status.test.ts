import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { message, setup, type Sync } from './helpers.js';

let s: Sync;
afterEach(() => s?.fake.close());

function folder(name: string, html: string, meta: Record<string, unknown>): void {
  const dir = join(s.root, 'emails', name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'email.html'), html);
  writeFileSync(join(dir, 'email.json'), JSON.stringify(meta));
}

const lineOf = (out: string, name: string) => out.split('\n').find((l) => l.includes(` ${name} `) || l.includes(` ${name}:`)) ?? '';

describe('velvet status', () => {
  it('exits 0 when every email is in step', async () => {
    s = await setup({ messages: [message(101), message(102)] });
    await s.run(['pull', '--id', '101', '--id', '102']);
    const r = await s.run(['status']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^in-step\s+welcome-101 \(message 101\): in step$/m);
    expect(r.stderr).toBe('all 2 in step\n');
  });

  it('tells every state apart and exits 1', async () => {
    s = await setup({ messages: [101, 102, 103, 104, 106, 107].map((id) => message(id)) });
    await s.run(['pull', '--id', '101', '--id', '102', '--id', '103', '--id', '104']);
    writeFileSync(join(s.root, 'emails/welcome-102/email.html'), '<p>edited here</p>');
    s.fake.webEdit(103, { subject: 'Edited in Yespo' });
    writeFileSync(join(s.root, 'emails/welcome-104/email.html'), '<p>edited here</p>');
    s.fake.webEdit(104, { htmlText: '<p>edited in Yespo</p>' });
    folder('draft', '<p>new</p>', { subject: 'Draft' });
    folder('copied', '<p>pasted by hand</p>', { subject: 'Copied', messageId: 106 });
    folder('gone', '<p>old</p>', { subject: 'Gone', messageId: 999 });

    const r = await s.run(['status', '--remote']);
    expect(r.code).toBe(1);
    expect(lineOf(r.stdout, 'welcome-101')).toMatch(/^in-step /);
    expect(lineOf(r.stdout, 'welcome-102')).toMatch(/^changed-here .*changed here \[here: htmlText\]$/);
    expect(lineOf(r.stdout, 'welcome-103')).toMatch(/^changed-in-yespo .*changed in Yespo since the last pull \[Yespo: subject\]$/);
    expect(lineOf(r.stdout, 'welcome-104')).toMatch(/^conflict .*changed on both sides \(conflict\) \[here: htmlText; Yespo: htmlText\]$/);
    expect(lineOf(r.stdout, 'draft')).toMatch(/^not-linked .*no messageId/);
    expect(lineOf(r.stdout, 'copied')).toMatch(/^not-recorded .*never pulled or pushed here/);
    expect(lineOf(r.stdout, 'gone')).toMatch(/^missing-in-yespo .*\(message 999\).*404/);
    expect(lineOf(r.stdout, 'Welcome 107')).toMatch(/^only-in-yespo .*\(message 107\): in the account but not here$/);
    expect(r.stdout).not.toMatch(/Welcome 10[1-6] /);
    expect(r.stderr).toContain('7 of 8 not in step');
    // status only reads
    expect(s.fake.requests.every((q) => q.method === 'GET')).toBe(true);
  });

  it('limits itself to the folders given and exits 2 on a folder that is not an email', async () => {
    s = await setup({ messages: [message(101), message(102)] });
    await s.run(['pull', '--id', '101', '--id', '102']);
    writeFileSync(join(s.root, 'emails/welcome-102/email.html'), '<p>edited here</p>');
    const one = await s.run(['status', 'emails/welcome-101']);
    expect(one.code).toBe(0);
    expect(one.stdout).not.toContain('welcome-102');
    const bad = await s.run(['status', 'nowhere']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/nowhere is not an email folder/);
  });
});
