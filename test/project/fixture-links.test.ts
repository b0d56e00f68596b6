import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixtureFiles, loadEmail } from '../../src/project/email.js';
import { tempTree } from './helpers.js';

// Plain fixture files are taken without resolving each one; links are resolved one by one and
// must stay inside the project, also when the email is reached through a linked path.
const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((c) => c()));

function project(): string {
  const outside = tempTree({ 'secret.json': { data: 'OUTSIDE' } });
  const t = tempTree({
    'velvet.config.json': {},
    'shared/s.json': { data: 'shared' },
    'e/email.html': '$!data',
    'e/data/a.json': { data: 'a' },
    'e/data/.hidden.json': { data: 'hidden' },
    'e/data/notes.txt': 'x',
  });
  cleanups.push(outside.cleanup, t.cleanup);
  symlinkSync(join(t.dir, 'e/data/a.json'), join(t.dir, 'e/data/b.json'));
  symlinkSync(join(t.dir, 'shared/s.json'), join(t.dir, 'e/data/c.json'));
  symlinkSync(join(outside.dir, 'secret.json'), join(t.dir, 'e/data/d.json'));
  symlinkSync(join(t.dir, 'nowhere.json'), join(t.dir, 'e/data/e.json'));
  mkdirSync(join(t.dir, 'e/data/f.json'));
  symlinkSync(join(t.dir, 'e'), join(t.dir, 'linked-e'));
  return t.dir;
}

describe('fixture files and links', () => {
  it('takes plain files and links that stay inside, refuses links out, skips dangling links and folders', async () => {
    const dir = project();
    for (const emailDir of [join(dir, 'e'), join(dir, 'linked-e')]) {
      expect(fixtureFiles(emailDir).map((f) => f.slice(emailDir.length))).toEqual(['/data/a.json', '/data/b.json', '/data/c.json']);
      const email = await loadEmail(emailDir);
      expect(email.fixtures.map((f) => [f.name, f.variants[0]!.json])).toEqual([
        ['a', { data: 'a' }],
        ['b', { data: 'a' }],
        ['c', { data: 'shared' }],
      ]);
      expect(email.fixtureErrors.map((e) => [e.file, e.reason])).toEqual([
        [join(emailDir, 'data/d.json'), 'leads outside the project folder (through a symlink); not read'],
      ]);
    }
  });

  it('with the email folder as the boundary, a link to elsewhere in the project is refused too', async () => {
    const dir = project();
    const email = await loadEmail(join(dir, 'e'), { root: join(dir, 'e') });
    expect(email.fixtures.map((f) => f.name)).toEqual(['a', 'b']);
    expect(email.fixtureErrors.map((e) => e.file)).toEqual([join(dir, 'e/data/c.json'), join(dir, 'e/data/d.json')]);
  });
});
