import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KEY, leaks, message, setup, type Sync } from './helpers.js';

let s: Sync;
afterEach(() => s?.fake.close());

describe('sync safety', () => {
  it('never reads or writes through a symlink that leads out of the project', async () => {
    s = await setup({ messages: [message(101)] });
    await s.run(['pull', '--id', '101']);
    const outside = mkdtempSync(join(tmpdir(), 'velvet-outside-'));
    writeFileSync(join(outside, 'secret.html'), 'private file');
    const html = join(s.root, 'emails/welcome-101/email.html');
    rmSync(html);
    symlinkSync(join(outside, 'secret.html'), html);
    const push = await s.run(['push', '--yes']);
    expect(push.code).toBe(2);
    expect(push.stderr).toMatch(/email\.html leads outside the project \(a symlink\)/);
    expect(s.fake.requests.some((q) => q.method === 'PUT')).toBe(false);
    s.fake.webEdit(101, { htmlText: 'from yespo' });
    const pull = await s.run(['pull', '--force']);
    expect(pull.code).not.toBe(0);
    expect(readFileSync(join(outside, 'secret.html'), 'utf8')).toBe('private file');
  });

  it('keeps the key out of every output when Yespo rejects it', async () => {
    s = await setup({ messages: [message(101)] });
    const r = await s.run(['pull', '--id', '101'], { env: { YESPO_API_KEY: `${KEY}x`, YESPO_API_URL: s.fake.url } });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/401 Yespo rejected the API key/);
    expect(leaks(r.stdout + r.stderr)).toBe(false);
  });

  it('answers --help for each command', async () => {
    s = await setup({ messages: [] });
    for (const c of ['pull', 'status', 'push']) {
      const r = await s.run([c, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^velvet ${c}: `));
      expect(r.stdout).toContain('Exit codes:');
    }
  });
});
