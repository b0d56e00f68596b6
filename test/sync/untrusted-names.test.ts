/**
 * A message's name as Yespo answers it is printed by `velvet status --remote`: it can hold line
 * ends and bidirectional overrides (terminal escapes are removed by the client), and must not be
 * able to forge a line of the report or hide part of one.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { message, setup, type Sync } from './helpers.js';

let s: Sync;
afterEach(() => s?.fake.close());

describe('names from Yespo in the status report', () => {
  it('are printed on one line, without bidirectional overrides or terminal escapes', async () => {
    s = await setup({ messages: [message(10, { name: 'Sale\u001b[31m red\r\nin-step          fake (message 1): in step\u202e' })] });
    const r = await s.run(['status', '--remote']);
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n').filter(Boolean);
    expect(lines).toEqual(['only-in-yespo    Sale red in-step fake (message 1): in step (message 10): in the account but not here']);
    expect(r.stdout).not.toMatch(/[\x1b\r\u202e]/);
  });
});
