import { readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEmail } from '../../src/project/index.js';
import { tempTree, velvet } from './helpers.js';

const TEMPLATE = '<img src="https://x.example/c?d=$!data">';

/** A project whose email's data/ (or one fixture file) is a symlink to a folder outside it. */
function linkedProject(kind: 'folder' | 'file'): { dir: string; outside: string } {
  const outside = tempTree({ 'secret.json': '{"data": "OUTSIDE-SECRET"}' });
  const dir = tempTree({ 'velvet.config.json': '{}', 'e/email.html': TEMPLATE, 'e/data/own.json': '{"data": "own"}' });
  if (kind === 'folder') {
    rmSync(join(dir, 'e/data'), { recursive: true });
    symlinkSync(outside, join(dir, 'e/data'));
  } else {
    symlinkSync(join(outside, 'secret.json'), join(dir, 'e/data/linked.json'));
  }
  return { dir, outside };
}

describe('fixtures are read only from inside the project (real paths)', () => {
  it('render refuses fixtures behind a data/ symlink that leads outside', async () => {
    const { dir } = linkedProject('folder');
    const r = await velvet(['render', 'e'], { cwd: dir });
    expect(r.stdout).not.toContain('OUTSIDE-SECRET');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/e\/data: leads outside the project folder \(through a symlink\); not read/);
  });

  it('render and build skip a fixture file that is a symlink to outside, and say so', async () => {
    const { dir } = linkedProject('file');
    const r = await velvet(['render', 'e', '--fixture', 'linked'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).not.toContain('OUTSIDE-SECRET');
    expect(r.stderr).toMatch(/e\/data\/linked\.json: leads outside the project folder/);
    const b = await velvet(['build', '.', '--out', 'site'], { cwd: dir });
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/e\/data\/linked\.json: leads outside the project folder/);
    expect(readFileSync(join(dir, 'site/e/own.html'), 'utf8')).toContain('d=own');
    expect(readFileSync(join(dir, 'site/index.html'), 'utf8')).not.toContain('OUTSIDE-SECRET');
  });

  it('a symlink that stays inside the project is followed', async () => {
    const dir = tempTree({ 'velvet.config.json': '{}', 'shared/one.json': '{"data": "shared"}', 'e/email.html': TEMPLATE });
    symlinkSync(join(dir, 'shared'), join(dir, 'e/data'));
    const r = await velvet(['render', 'e', '--body-only'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('<img src="https://x.example/c?d=shared">');
  });

  it('without a config the email folder itself is the boundary (as the preview loads it)', async () => {
    const { dir } = linkedProject('folder');
    rmSync(join(dir, 'velvet.config.json'));
    const email = await loadEmail(join(dir, 'e'));
    expect(email.fixtures).toEqual([]);
    expect(email.fixtureErrors.map((e) => e.reason)).toEqual(['leads outside the project folder (through a symlink); not read']);
  });
});
