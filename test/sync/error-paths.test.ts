/**
 * Errors of the Yespo commands point at files as render and lint do: relative to the current
 * folder, `file:line:column`, each printed once.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { message, setup, type Sync } from './helpers.js';

let s: Sync;
afterEach(() => s?.fake.close());

const BROKEN = 'emails/broken/email.json:3:3 Unexpected character';

async function project(): Promise<Sync> {
  s = await setup({ messages: [message(101)] });
  await s.run(['pull', '--id', '101']);
  mkdirSync(join(s.root, 'emails/broken'), { recursive: true });
  writeFileSync(join(s.root, 'emails/broken/email.html'), '<p>x</p>');
  writeFileSync(join(s.root, 'emails/broken/email.json'), '{\n  "subject": "x",\n  !\n}\n');
  return s;
}

describe('errors of status, pull, push, send and doctor', () => {
  it('name the file relative to the current folder, with line and column', async () => {
    await project();
    for (const argv of [['status'], ['push', '--dry-run'], ['push', 'emails/broken', '--dry-run'], ['send', 'emails/broken', '--to', 'a@example.com', '--dry-run']]) {
      const r = await s.run(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr, argv.join(' ')).toMatch(new RegExp(`^velvet ${argv[0]}: ${BROKEN}`));
      expect(r.stderr, argv.join(' ')).not.toContain(s.root);
    }
    // from a sub-folder the path starts there
    const inside = await s.run(['status'], { cwd: join(s.root, 'emails') });
    expect(inside.stderr).toMatch(/^velvet status: broken\/email\.json:3:3 /);
    writeFileSync(join(s.root, 'velvet.config.json'), '{\n  "emails": 3\n}\n');
    const doctor = await s.run(['doctor']);
    expect(doctor.code).toBe(2);
    expect(doctor.stderr).toMatch(/^velvet doctor: velvet\.config\.json:2:13 /);
  });

  it('doctor names the config it found relative to the current folder', async () => {
    await project();
    const r = await s.run(['doctor']);
    expect(r.stdout).toMatch(/^ok {4}config {6}velvet\.config\.json$/m);
  });

  it('pull reports an email it cannot read once: skipped when it is not named, the error when it is', async () => {
    await project();
    const all = await s.run(['pull']);
    expect(all.code).toBe(1);
    expect(all.stderr).toMatch(new RegExp(`^skipped broken: ${BROKEN}`));
    expect(all.stderr).not.toContain(s.root);
    const named = await s.run(['pull', 'emails/broken']);
    expect(named.code).toBe(2);
    expect(named.stderr).toMatch(new RegExp(`^velvet pull: ${BROKEN}`));
    expect(named.stderr).not.toContain('skipped');
    expect(named.stderr.split('Unexpected character').length).toBe(2);
  });
});
