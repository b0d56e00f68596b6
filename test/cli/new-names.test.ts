/**
 * `velvet new` takes the names a team really uses (Ukrainian, accented, sub-folders), as the
 * rest of velvet does with such folders, and creates the config's emails folder when it is
 * missing; it still refuses names that leave the emails folder or need quoting.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempTree, velvet } from './helpers.js';

describe('velvet new NAME', () => {
  it('accepts letters and digits of any script', async () => {
    const dir = tempTree({ 'velvet.config.json': '{"emails": "emails"}', 'emails/.keep': '' });
    for (const name of ['знижка', 'promo/весна-2026', 'café_été']) {
      const r = await velvet(['new', name], { cwd: dir });
      expect(r.code, r.stderr).toBe(0);
      expect(existsSync(join(dir, 'emails', ...name.split('/'), 'email.html')), name).toBe(true);
    }
    const lint = await velvet(['lint', '--format', 'json'], { cwd: dir });
    expect(lint.code, lint.stdout).toBe(0);
    const build = await velvet(['build', '.', '--out', 'site'], { cwd: dir });
    expect(build.code, build.stderr).toBe(0);
    expect(readFileSync(join(dir, 'site', 'index.html'), 'utf8')).toContain('весна-2026');
  });

  it('still refuses names that leave the folder, start with a dot or hold spaces', async () => {
    const dir = tempTree({ 'velvet.config.json': '{"emails": "emails"}', 'emails/.keep': '' });
    for (const name of ['../out', '.hidden', 'a b', 'a//b', '/abs', 'a/../b']) {
      const r = await velvet(['new', name], { cwd: dir });
      expect(r.code, name).toBe(2);
      expect(r.stderr, name).toMatch(/is not an email name/);
    }
  });

  it('creates the emails folder of the config when it is missing', async () => {
    const dir = tempTree({ 'velvet.config.json': '{"emails": "mail/emails"}' });
    const r = await velvet(['new', 'welcome'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('wrote   mail/emails/welcome/email.html');
    expect((await velvet(['lint'], { cwd: dir })).code).toBe(0);
  });
});

describe('velvet init DIR', () => {
  it('its next step starts with cd DIR, since the commands run in the project', async () => {
    const dir = tempTree({ 'my shop/.keep': '' });
    const r = await velvet(['init', 'my shop', '--yes'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    // velvet is not installed in the project: npx would offer the registry's unrelated 'velvet'
    expect(r.stdout).toMatch(/\nNext: cd 'my shop' && velvet preview /);
    const here = await velvet(['init', '--yes'], { cwd: join(dir, 'my shop') });
    expect(here.stdout).toMatch(/\nNext: velvet preview /);
    expect((await velvet(['new', 'spring'], { cwd: join(dir, 'my shop') })).stdout).toMatch(/\nNext: velvet preview {3}or {3}velvet lint\n/);
  });

  it('suggests npx velvet only where the project has velvet installed', async () => {
    const dir = tempTree({ 'package.json': '{}', 'node_modules/.bin/velvet': '' });
    const r = await velvet(['init', '--yes'], { cwd: dir });
    expect(r.stdout).toMatch(/\nNext: npx velvet preview /);
    expect((await velvet(['new', 'spring'], { cwd: dir })).stdout).toMatch(/\nNext: npx velvet preview {3}or {3}npx velvet lint\n/);
  });
});
