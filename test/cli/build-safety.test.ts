import { existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempTree, velvet } from './helpers.js';

/** A project whose emails live in emails/, with a fixture named like the template's page. */
function project(): string {
  return tempTree({
    'velvet.config.json': '{"emails": "emails"}',
    'emails/a/email.html': 'source of a: $!x',
    'emails/a/data/email.json': '{"x": 1}',
    'emails/b/email.html': 'source of b',
  });
}

describe('velvet build never writes into the sources', () => {
  it('refuses --out that is the emails folder, even with --force', async () => {
    const dir = project();
    for (const flags of [[], ['--force']]) {
      const r = await velvet(['build', '.', '--out', 'emails', ...flags], { cwd: dir });
      expect(r.code, flags.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/--out emails holds the emails being built/);
    }
    expect(readFileSync(join(dir, 'emails/a/email.html'), 'utf8')).toBe('source of a: $!x');
    expect(readdirSync(join(dir, 'emails'))).toEqual(['a', 'b']);
  });

  it('refuses --out inside an email folder or its fixtures', async () => {
    const dir = project();
    for (const out of ['emails/a', 'emails/a/data', 'emails/b/site']) {
      const r = await velvet(['build', '.', '--out', out, '--force'], { cwd: dir });
      expect(r.code, out).toBe(2);
      expect(r.stderr, out).toMatch(out === 'emails/a' ? /--out emails\/a holds the emails being built/ : /is inside the email folder emails\/[ab]/);
    }
    expect(readdirSync(join(dir, 'emails/a'))).toEqual(['data', 'email.html']);
    expect(readdirSync(join(dir, 'emails/a/data'))).toEqual(['email.json']);
    expect(existsSync(join(dir, 'emails/b/site'))).toBe(false);
  });

  it('compares real paths: a symlink to the sources is refused', async () => {
    const dir = project();
    symlinkSync(join(dir, 'emails'), join(dir, 'link'));
    symlinkSync(join(dir, 'emails/a'), join(dir, 'link-a'));
    for (const out of ['link', 'link-a', 'link-a/deeper']) {
      const r = await velvet(['build', '.', '--out', out, '--force'], { cwd: dir });
      expect(r.code, out).toBe(2);
      expect(r.stderr, out).toMatch(/holds the emails being built|is inside the email folder/);
    }
    expect(readFileSync(join(dir, 'emails/a/email.html'), 'utf8')).toBe('source of a: $!x');
    expect(existsSync(join(dir, 'emails/a/deeper'))).toBe(false);
  });

  it('refuses --out inside another email of the project than the one being built', async () => {
    const dir = project();
    const r = await velvet(['build', 'emails/a', '--out', 'emails/b/site'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--out emails\/b\/site is inside the email folder emails\/b/);
    expect(readdirSync(join(dir, 'emails/b'))).toEqual(['email.html']);
  });

  it('still builds beside the emails when they are the project folder itself', async () => {
    const dir = tempTree({ 'm/email.html': 'x', 'n/email.html': 'y' });
    const r = await velvet(['build', '.', '--out', 'site'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'site/m/empty-payload.html'), 'utf8')).toBe('x');
  });
});

describe('velvet build never follows a symlink in the output folder', () => {
  it('neither deletes nor writes through a symlinked folder in its own output', async () => {
    const dir = tempTree({ 'e/welcome/email.html': 'hi $!n', 'e/welcome/data/a.json': '{"n": 1}', 'e/welcome/data/b.json': '{"n": 2}' });
    const outside = tempTree({ 'a.html': 'outside a', 'b.html': 'outside b', 'old.html': 'outside old' });
    expect((await velvet(['build', 'e', '--out', 'out'], { cwd: dir })).code).toBe(0);
    // the marker lists out/welcome/old.html too, as if an earlier build had written it
    const marker = JSON.parse(readFileSync(join(dir, 'out/.velvet-build.json'), 'utf8')) as { files: string[] };
    marker.files.push('welcome/old.html');
    writeFileSync(join(dir, 'out/.velvet-build.json'), JSON.stringify(marker));
    const { rmSync } = await import('node:fs');
    rmSync(join(dir, 'out/welcome'), { recursive: true });
    symlinkSync(outside, join(dir, 'out/welcome'));
    const r = await velvet(['build', 'e', '--out', 'out'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/out\/welcome is a symlink; velvet build never writes through one/);
    expect(readFileSync(join(outside, 'a.html'), 'utf8')).toBe('outside a');
    expect(readFileSync(join(outside, 'b.html'), 'utf8')).toBe('outside b');
    expect(readFileSync(join(outside, 'old.html'), 'utf8')).toBe('outside old');
    expect(readdirSync(outside).sort()).toEqual(['a.html', 'b.html', 'old.html']);
  });

  it('does not delete a listed stale page through a symlinked folder', async () => {
    const dir = tempTree({ 'e/m/email.html': 'x' });
    const outside = tempTree({ 'page.html': 'keep me' });
    expect((await velvet(['build', 'e', '--out', 'out'], { cwd: dir })).code).toBe(0);
    symlinkSync(outside, join(dir, 'out/gone'));
    writeFileSync(join(dir, 'out/.velvet-build.json'), JSON.stringify({ generator: 'velvet build', files: ['gone/page.html', 'm/empty-payload.html', 'm/empty-payload.txt', 'index.html'] }));
    const r = await velvet(['build', 'e', '--out', 'out'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(readFileSync(join(outside, 'page.html'), 'utf8')).toBe('keep me');
  });

  it('does not write through a symlinked page file', async () => {
    const dir = tempTree({ 'e/m/email.html': 'x' });
    const outside = tempTree({ 'target.html': 'keep me' });
    expect((await velvet(['build', 'e', '--out', 'out'], { cwd: dir })).code).toBe(0);
    const { unlinkSync } = await import('node:fs');
    unlinkSync(join(dir, 'out/m/empty-payload.html'));
    symlinkSync(join(outside, 'target.html'), join(dir, 'out/m/empty-payload.html'));
    const r = await velvet(['build', 'e', '--out', 'out'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/out\/m\/empty-payload\.html is a symlink/);
    expect(readFileSync(join(outside, 'target.html'), 'utf8')).toBe('keep me');
  });

  it('an --out that is a dangling symlink is refused, and nothing is created where it points', async () => {
    const dir = tempTree({ 'e/m/email.html': 'x' });
    symlinkSync(join(dir, 'nowhere/site'), join(dir, 'link'));
    const r = await velvet(['build', 'e', '--out', 'link'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--out link is a symlink that leads nowhere/);
    expect(existsSync(join(dir, 'nowhere'))).toBe(false);
  });

  it('--force into a foreign folder never replaces a file it did not write', async () => {
    const dir = tempTree({ 'e/m/email.html': 'x', 'site/index.html': 'my own index', 'site/m/empty-payload.html': 'mine too' });
    const r = await velvet(['build', 'e', '--out', 'site', '--force'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/site\/(index|m\/empty-payload)\.html exists and was not written by velvet build; it is not replaced/);
    expect(readFileSync(join(dir, 'site/index.html'), 'utf8')).toBe('my own index');
    expect(readFileSync(join(dir, 'site/m/empty-payload.html'), 'utf8')).toBe('mine too');
  });

  it('--force writes beside foreign files and can rebuild what it wrote', async () => {
    const dir = tempTree({ 'e/m/email.html': 'x', 'site/keep.txt': 'mine' });
    mkdirSync(join(dir, 'site/m'));
    expect((await velvet(['build', 'e', '--out', 'site', '--force'], { cwd: dir })).code).toBe(0);
    expect((await velvet(['build', 'e', '--out', 'site'], { cwd: dir })).code).toBe(0);
    expect(readFileSync(join(dir, 'site/keep.txt'), 'utf8')).toBe('mine');
    expect(readFileSync(join(dir, 'site/m/empty-payload.html'), 'utf8')).toBe('x');
  });
});
