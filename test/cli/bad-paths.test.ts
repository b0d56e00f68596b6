/**
 * Paths a user gets wrong: a file where a folder belongs, a folder that is missing. Every
 * command says what is wrong with which path and exits 2; none prints a stack trace.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempTree, velvet } from './helpers.js';

describe('the emails folder of the config is a file', () => {
  for (const argv of [['lint'], ['build', '.', '--out', 'site'], ['new', 'promo'], ['status']]) {
    it(`velvet ${argv.join(' ')}`, async () => {
      const dir = tempTree({ 'velvet.config.json': '{"emails": "emails"}', emails: 'a file' });
      const r = await velvet(argv, { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/emails folder .*emails is not a folder/);
      expect(r.stderr).not.toMatch(/ENOTDIR|\n\s+at /);
      expect(readFileSync(join(dir, 'emails'), 'utf8')).toBe('a file');
    });
  }
});

describe("an email's data/ is a file", () => {
  const tree = () => tempTree({ 'velvet.config.json': '{"emails": "emails"}', 'emails/e/email.html': 'Hi $!name', 'emails/e/data': 'a file' });

  it('lint reports it as an invalid fixture at the path', async () => {
    const r = await velvet(['lint', '--format', 'json'], { cwd: tree() });
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { diagnostics: { ruleId: string; file: string; message: string }[] };
    expect(report.diagnostics).toContainEqual(expect.objectContaining({ ruleId: 'fixture-invalid', file: 'emails/e/data' }));
  });

  it('render and fixture say so, exit 2, no stack trace', async () => {
    const dir = tree();
    const render = await velvet(['render', 'emails/e'], { cwd: dir });
    expect(render.stderr).toMatch(/emails\/e\/data.*is not a folder/);
    expect(render.stderr).not.toMatch(/ENOTDIR/);
    const fixture = await velvet(['fixture', 'emails/e'], { cwd: dir });
    expect(fixture.code).toBe(2);
    expect(fixture.stderr).not.toMatch(/ENOTDIR|\n\s+at /);
  });
});

describe('velvet fixture on a folder that is not an email', () => {
  it('is a usage error (exit 2), as its help says', async () => {
    const dir = tempTree({ 'velvet.config.json': '{}' });
    const r = await velvet(['fixture', 'nope'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('velvet fixture: nope is not an email folder (no email.html)\n');
  });

  it('a template error names the template by its path from the current folder', async () => {
    const dir = tempTree({ 'velvet.config.json': '{}', 'emails/e/email.html': 'Hi #if($x)' });
    const r = await velvet(['fixture', 'emails/e'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^velvet fixture: emails\/e\/email\.html:\d+:\d+ /);
    expect(existsSync(join(dir, 'emails/e/data'))).toBe(false);
  });
});

describe('velvet lint of a path that does not exist', () => {
  it('names it as typed (relative, as every other message), exit 2', async () => {
    const r = await velvet(['lint', 'emails/nope'], { cwd: tempTree({ 'velvet.config.json': '{}' }) });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('velvet lint: emails/nope: No such file or folder\n');
  });
});
