/**
 * `velvet push` without YESPO_API_KEY: a configuration error (exit 2) said before anything is
 * asked or tried, also when every email is new (no GET is needed to plan their creation).
 * `--dry-run` still shows the plan: it sends nothing.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempTree, velvet } from './helpers.js';

const project = () =>
  tempTree({
    'velvet.config.json': '{"emails": "emails"}',
    'emails/new-one/email.html': '<html lang="en"><body>Hi <a href="https://example.com/unsubscribe">Unsubscribe</a></body></html>',
    'emails/new-one/email.json': '{"subject": "Hello"}',
  });

describe('velvet push without YESPO_API_KEY', () => {
  it('--yes: exit 2 with the reason, nothing tried', async () => {
    const dir = project();
    const r = await velvet(['push', '--create', '--yes'], { cwd: dir, env: {} });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^velvet push: YESPO_API_KEY is not set\. .*nothing was pushed/m);
    expect(r.stderr).not.toMatch(/failed|not tried/);
    expect(existsSync(join(dir, 'velvet.lock.json'))).toBe(false);
  });

  it('without --yes: the missing key is said before asking for confirmation', async () => {
    const r = await velvet(['push', 'emails/new-one'], { cwd: project(), env: {} });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/YESPO_API_KEY is not set/);
    expect(r.stderr).not.toMatch(/not a terminal|\[y\/N\]/);
  });

  it('--dry-run shows the plan and exits 0', async () => {
    const r = await velvet(['push', '--create', '--dry-run'], { cwd: project(), env: {} });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^create new-one \(new message\)/m);
  });
});
