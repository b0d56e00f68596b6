/**
 * Sync hardening: message content that looks like credentials is kept byte for byte, a planted
 * temporary file is never written through, and a diff cannot drive the terminal.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fieldsDiff } from '../../src/sync/diff.js';
import { writeInside } from '../../src/sync/files.js';
import { FOREIGN, message, setup, type Sync } from './helpers.js';

let s: Sync | undefined;
afterEach(() => s?.fake.close());

describe('sync hardening', () => {
  it('pulls and pushes text with "Basic ..." words unchanged (only the key itself is redacted)', async () => {
    const html = '<p>Our Basic plan and the Basic tier</p>\n';
    s = await setup({ messages: [message(101, { htmlText: html, css: '.Basic tier{}' })] });
    expect((await s.run(['pull', '--id', '101'])).code).toBe(0);
    const file = join(s.root, 'emails/welcome-101/email.html');
    expect(readFileSync(file, 'utf8')).toBe(html);
    const meta = JSON.parse(readFileSync(join(s.root, 'emails/welcome-101/email.json'), 'utf8'));
    writeFileSync(join(s.root, 'emails/welcome-101/email.json'), JSON.stringify({ ...meta, subject: 'New subject' }));
    expect((await s.run(['push', '--yes'])).code).toBe(0);
    const stored = s.fake.text(101);
    expect(stored).toContain('"css":".Basic tier{}"');
    expect(stored).toContain(FOREIGN);
    expect(s.fake.message(101)).toMatchObject({ htmlText: html, subject: 'New subject' });
  });

  it('never writes through a file planted at a temporary name', () => {
    const root = mkdtempSync(join(tmpdir(), 'velvet-sync-hardening-'));
    const outside = mkdtempSync(join(tmpdir(), 'velvet-sync-outside-'));
    try {
      mkdirSync(join(root, 'emails/a'), { recursive: true });
      const target = join(outside, 'escaped.txt');
      // every name of the old scheme (pid-based) is planted
      for (const pid of [process.pid, process.pid + 1]) symlinkSync(target, join(root, `emails/a/email.html.velvet-tmp-${pid}`));
      writeInside(root, join(root, 'emails/a/email.html'), 'NEW');
      expect(existsSync(target)).toBe(false);
      expect(readFileSync(join(root, 'emails/a/email.html'), 'utf8')).toBe('NEW');
    } finally {
      rmSync(root, { recursive: true, force: true });
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('shows control characters of a message as escapes in diffs', () => {
    const d = fieldsDiff('a', { htmlText: 'x\r\n' }, { htmlText: 'y\x1b]0;PWN\x07\x1b[2J\rz\r\n' }, ['yespo', 'local']);
    expect(d).not.toMatch(/[\x07\x1b]/);
    expect(d).toContain('\\x1b]0;PWN\\x07\\x1b[2J\\x0dz');
    expect(d).toContain('-x\r\n');
  });
});
