/**
 * The folder a new message is pulled into comes from its name in Yespo, which velvet does not
 * trust: it never lands in a folder that already exists (another email's work), never takes a
 * name Windows reserves for devices (`con`, `nul`, `com1`…) and never leaves the emails folder.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { message, setup, type Sync } from './helpers.js';

let s: Sync;
afterEach(() => s?.fake.close());

const emails = () => readdirSync(join(s.root, 'emails')).sort();

describe('the folder of a pulled message', () => {
  it('is a new one, even when the name and the name with the id are both taken, also with --force', async () => {
    s = await setup({ messages: [message(7, { name: 'Promo' })] });
    for (const dir of ['promo', 'promo-7']) {
      mkdirSync(join(s.root, 'emails', dir), { recursive: true });
      writeFileSync(join(s.root, 'emails', dir, 'email.html'), `<p>work in ${dir}</p>`);
    }
    const r = await s.run(['pull', '--id', '7', '--force']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/create\s+promo-7-2 \(message 7\): new folder/);
    expect(readFileSync(join(s.root, 'emails', 'promo', 'email.html'), 'utf8')).toBe('<p>work in promo</p>');
    expect(readFileSync(join(s.root, 'emails', 'promo-7', 'email.html'), 'utf8')).toBe('<p>work in promo-7</p>');
    expect(existsSync(join(s.root, 'emails', 'promo-7', 'email.json'))).toBe(false);
    expect(JSON.parse(readFileSync(join(s.root, 'emails', 'promo-7-2', 'email.json'), 'utf8')).messageId).toBe(7);
  });

  it('never has a name Windows reserves for a device', async () => {
    const names = ['con', 'NUL', 'Aux', 'prn', 'com1', 'LPT9', 'con.txt'];
    s = await setup({ messages: names.map((name, i) => message(20 + i, { name })) });
    const r = await s.run(['pull', ...names.flatMap((_, i) => ['--id', String(20 + i)])]);
    expect(r.code).toBe(0);
    expect(emails()).toEqual(['aux-22', 'com1-24', 'con-20', 'con-txt', 'lpt9-25', 'nul-21', 'prn-23']);
  });

  it('stays in the emails folder whatever the name says, and is not longer than 60 characters', async () => {
    s = await setup({ messages: [message(30, { name: '../../etc/passwd' }), message(31, { name: '/etc/x' }), message(32, { name: 'a'.repeat(5000) })] });
    const r = await s.run(['pull', '--id', '30', '--id', '31', '--id', '32']);
    expect(r.code).toBe(0);
    expect(emails()).toEqual(['a'.repeat(60), 'etc-passwd', 'etc-x']);
    expect(existsSync(join(s.root, 'etc'))).toBe(false);
  });
});
