/**
 * Run from a folder inside an email (its data/, an images folder), lint, render and the
 * preview's project find that email instead of finding no emails.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadProject } from '../../src/project/index.js';
import { tempTree, velvet } from './helpers.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const project = (files: Record<string, string> = {}): string => {
  const d = tempTree(files);
  dirs.push(d);
  return d;
};

describe('from inside an email folder', () => {
  it('lint and render find the enclosing email, in an init project', async () => {
    const dir = project();
    await velvet(['init', '--yes'], { cwd: dir });
    await velvet(['new', 'spring'], { cwd: dir });
    const data = join(dir, 'emails/welcome/data');
    const lint = await velvet(['lint'], { cwd: data });
    expect(lint.code, lint.stdout + lint.stderr).toBe(0);
    expect(lint.stdout).toMatch(/1 template, no problems/);
    const json = await velvet(['lint', '--format', 'json'], { cwd: data });
    expect(JSON.parse(json.stdout).files).toBe(1);
    const render = await velvet(['render', '.'], { cwd: data });
    expect(render.code, render.stderr).toBe(0);
    expect(render.stdout).toContain('Welcome, Emma!');
    expect((await velvet(['render', '.', '--fixture', 'default.json', '--body-only'], { cwd: data })).code).toBe(0);
    // the preview's project is that email
    expect(loadProject(data).emails.map((e) => e.name)).toEqual(['welcome']);
    expect(loadProject(data).root).toBe(dir);
  });

  it('works without a config too, and a folder with no email around it still has none', async () => {
    const dir = project({ 'welcome/email.html': '<p>Hi $!name</p>', 'welcome/email.json': '{"subject": "Hi"}', 'welcome/data/default.json': '{"name": "Ann"}', 'welcome/img/deep/.keep': '' });
    const lint = await velvet(['lint'], { cwd: join(dir, 'welcome/img/deep') });
    expect(lint.code, lint.stdout + lint.stderr).toBe(0);
    expect(lint.stdout).toMatch(/1 template/);
    expect((await velvet(['render', '.', '--body-only'], { cwd: join(dir, 'welcome/data') })).stdout).toBe('<p>Hi Ann</p>');
    const empty = project({ 'velvet.config.json': '{"emails": "emails"}', 'emails/x/y/.keep': '' });
    mkdirSync(join(empty, 'other'));
    const none = await velvet(['lint'], { cwd: join(empty, 'emails/x/y') });
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('no emails found in .');
  });
});
