/**
 * The lock is keyed by email folder names, which velvet does not choose: a folder named like an
 * Object.prototype member (`__proto__`, `constructor`) is recorded and read back like any other.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { message, setup, type Sync } from './helpers.js';

let s: Sync;
afterEach(() => s?.fake.close());

describe('lock entries of oddly named folders', () => {
  it('records __proto__ and constructor, and status reads them back as in step', async () => {
    s = await setup({ messages: [message(101), message(102)] });
    for (const [name, id] of [['__proto__', 101], ['constructor', 102]] as const) {
      mkdirSync(join(s.root, 'emails', name), { recursive: true });
      writeFileSync(join(s.root, 'emails', name, 'email.html'), '<p>old</p>');
      writeFileSync(join(s.root, 'emails', name, 'email.json'), JSON.stringify({ messageId: id }));
    }
    expect((await s.run(['pull', '--force'])).code).toBe(0);
    const lock = JSON.parse(readFileSync(join(s.root, 'velvet.lock.json'), 'utf8')) as { emails: Record<string, { messageId: number }> };
    expect(Object.keys(lock.emails).sort()).toEqual(['__proto__', 'constructor']);
    const r = await s.run(['status']);
    expect(r.stdout).toMatch(/^in-step\s+__proto__ \(message 101\): in step$/m);
    expect(r.stdout).toMatch(/^in-step\s+constructor \(message 102\): in step$/m);
    expect(r.code).toBe(0);
  });
});
