/** "Save as new fixture" never writes through a symlink, nor outside the project folder. */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Email } from '../../src/project/index.js';
import { saveFixture } from '../../src/preview/save-fixture.js';

describe('saving a fixture', () => {
  let base: string;
  let root: string;
  let outside: string;
  const email = (name: string): Email => ({ name, dir: join(root, name) }) as unknown as Email;
  const save = (name: string, fixture: string, overwrite = false) =>
    saveFixture(email(name), { name: fixture, payload: '{"firstName": "Ada"}', overwrite }, {}, root);

  beforeEach(() => {
    base = mkdtempSync(join(tmpdir(), 'velvet-save-'));
    root = join(base, 'project');
    outside = join(base, 'outside');
    mkdirSync(join(root, 'welcome', 'data'), { recursive: true });
    mkdirSync(outside);
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  it('writes a new fixture and replaces one only when confirmed', async () => {
    expect(await save('welcome', 'new')).toMatchObject({ status: 201, file: 'data/new.json' });
    expect(await save('welcome', 'new')).toMatchObject({ status: 409 });
    expect(await save('welcome', 'new', true)).toMatchObject({ status: 200 });
    expect(JSON.parse(readFileSync(join(root, 'welcome', 'data', 'new.json'), 'utf8'))).toMatchObject({ firstName: 'Ada' });
    // a data/ folder that does not exist yet is created
    mkdirSync(join(root, 'fresh'));
    expect(await save('fresh', 'first')).toMatchObject({ status: 201 });
  });

  it('refuses a data folder that is a symlink out of the project, and writes nothing there', async () => {
    mkdirSync(join(root, 'linked'));
    symlinkSync(outside, join(root, 'linked', 'data'));
    for (const overwrite of [false, true]) {
      const r = await save('linked', 'escape', overwrite);
      expect(r.status).toBe(403);
      expect('error' in r && r.error).toMatch(/outside the project folder/);
    }
    expect(readdirSync(outside)).toEqual([]);
  });

  it('refuses an email folder that is a symlink out of the project, creating nothing', async () => {
    symlinkSync(outside, join(root, 'elsewhere'));
    expect((await save('elsewhere', 'escape')).status).toBe(403);
    expect(readdirSync(outside)).toEqual([]);
  });

  it('refuses a dangling data symlink', async () => {
    mkdirSync(join(root, 'dangling'));
    symlinkSync(join(outside, 'not-yet'), join(root, 'dangling', 'data'));
    expect((await save('dangling', 'escape')).status).toBe(403);
    expect(existsSync(join(outside, 'not-yet'))).toBe(false);
  });

  it('accepts a data folder symlinked inside the project', async () => {
    mkdirSync(join(root, 'shared-data'));
    mkdirSync(join(root, 'inner'));
    symlinkSync(join(root, 'shared-data'), join(root, 'inner', 'data'));
    expect((await save('inner', 'ok')).status).toBe(201);
    expect(existsSync(join(root, 'shared-data', 'ok.json'))).toBe(true);
  });

  it('never writes through a fixture file that is a symlink, even when overwriting is confirmed', async () => {
    const target = join(outside, 'victim.txt');
    writeFileSync(target, 'untouched');
    symlinkSync(target, join(root, 'welcome', 'data', 'link.json'));
    symlinkSync(join(outside, 'created-by-link.json'), join(root, 'welcome', 'data', 'dangling.json'));
    for (const overwrite of [false, true]) {
      for (const name of ['link', 'dangling']) {
        const r = await save('welcome', name, overwrite);
        expect(r.status, `${name} ${overwrite}`).toBe(403);
        expect('error' in r && r.error).toMatch(/symlink/);
      }
    }
    expect(readFileSync(target, 'utf8')).toBe('untouched');
    expect(existsSync(join(outside, 'created-by-link.json'))).toBe(false);
  });
});
