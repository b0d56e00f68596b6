/**
 * The key never reaches a file, even when Yespo's answer holds it in a form the raw text does not
 * show: JSON escapes (`\u0073k-…`) decode to the key only once parsed. A pull writes email.html
 * and email.json from the parsed message, so the key is removed from the decoded values too.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KEY, leaks, message, setup, type Sync } from './helpers.js';

let s: Sync;
afterEach(() => s?.fake.close());

/** `text` with every character written as a JSON \\u escape. */
const escaped = (text: string): string => [...text].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');

describe('a key hidden in JSON escapes of an answer', () => {
  it('is not written by a pull into email.html, email.json or the lock', async () => {
    const base = message(101, { htmlText: '<p>KEYHTML</p>', subject: 'KEYSUBJECT' });
    s = await setup({ messages: [base.replace('KEYHTML', escaped(KEY)).replace('KEYSUBJECT', escaped(KEY))] });
    const r = await s.run(['pull', '--id', '101']);
    expect(r.code).toBe(0);
    const dir = join(s.root, 'emails', 'welcome-101');
    const files = [...readdirSync(dir).map((f) => join(dir, f)), join(s.root, 'velvet.lock.json')];
    for (const f of files) expect(leaks(readFileSync(f, 'utf8')), f).toBe(false);
    expect(readFileSync(join(dir, 'email.html'), 'utf8')).toBe('<p>***</p>');
    expect(leaks(r.stdout + r.stderr)).toBe(false);
  });
});
