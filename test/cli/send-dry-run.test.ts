/**
 * `velvet send --dry-run` in a project fresh from `velvet init` (no key, no allow-list, no
 * carrier): it shows the request a real send would make and lists what that send would refuse;
 * a real send still refuses, exactly as before, and reaches no server.
 */
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeYespo, type FakeYespo } from '../support/fake-yespo.js';
import { tempTree, velvet } from './helpers.js';

const KEY = 'sk-live-DryRun4Qw8Er2Ty6Ui';
let dir: string;
let fake: FakeYespo | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
  rmSync(dir, { recursive: true, force: true });
});

const NO_ALLOW = 'no allow-list: set send.allow in velvet.config.json or VELVET_SEND_ALLOW';
const NO_CARRIER = 'render mode sends through the carrier message: run `velvet carrier`';

describe('velvet send --dry-run in a fresh project', () => {
  it('shows the request (key redacted, carrier as CARRIER-ID) and lists what a real send would refuse', async () => {
    dir = tempTree();
    expect((await velvet(['init', '--yes'], { cwd: dir })).code).toBe(0);
    const r = await velvet(['send', 'emails/welcome', '--to', 'me@example.com', '--dry-run'], { cwd: dir, env: {} });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^POST https:\/\/yespo\.io\/api\/v1\/message\/CARRIER-ID\/smartsend\n/);
    expect(r.stdout).toContain('Authorization: Basic *** (YESPO_API_KEY is not set)');
    const body = JSON.parse(r.stdout.slice(r.stdout.indexOf('\n\n') + 2)) as { recipients: { locator: string; jsonParam: string }[] };
    expect(body.recipients[0]!.locator).toBe('me@example.com');
    expect(JSON.parse(body.recipients[0]!.jsonParam).html).toContain('Welcome, Emma!');
    expect(r.stderr).toMatch(/^would send welcome \(fixture default[^)]*\) to me@example.com \(render mode via smartsend\)\n/);
    expect(r.stderr).toMatch(new RegExp(`a real send would refuse, until this is set up:\\n  - ${NO_ALLOW}.*\\n  - ${NO_CARRIER.replace(/[`()]/g, '\\$&')}.*\\n`));
    expect(r.stderr).toMatch(/dry run: nothing was sent\n$/);
  });

  it('a real send refuses as before, and a dry run with key, allow-list and carrier lists nothing', async () => {
    dir = tempTree();
    await velvet(['init', '--yes'], { cwd: dir });
    fake = await startFakeYespo({ key: KEY });
    const env = { YESPO_API_KEY: KEY, YESPO_API_URL: fake.url };
    const real = await velvet(['send', 'emails/welcome', '--to', 'me@example.com'], { cwd: dir, env });
    expect(real.code).toBe(2);
    expect(real.stderr).toContain(`velvet send: ${NO_ALLOW}`);
    expect(real.stderr).toContain(`velvet send: ${NO_CARRIER}`);
    expect(real.stdout).toBe('');
    const outside = await velvet(['send', 'emails/welcome', '--to', 'me@example.com', '--dry-run'], { cwd: dir, env: { ...env, VELVET_SEND_ALLOW: '@team.example' } });
    expect(outside.code).toBe(0);
    expect(outside.stderr).toContain('  - not in the allow-list (VELVET_SEND_ALLOW): me@example.com');
    const ready = await velvet(['send', 'emails/welcome', '--to', 'me@example.com', '--dry-run', '--carrier-id', '77'], { cwd: dir, env: { ...env, VELVET_SEND_ALLOW: '@example.com' } });
    expect(ready.code).toBe(0);
    expect(ready.stdout).toMatch(/^POST \S+\/v1\/message\/77\/smartsend\n/);
    expect(ready.stderr).not.toContain('would refuse');
    expect(fake.requests).toHaveLength(0);
  });
});
