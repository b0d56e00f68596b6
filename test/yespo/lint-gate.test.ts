import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers.js';

// The real email source lints the email folder before a send: lint errors block it unless --force.
function project(): string {
  const root = mkdtempSync(join(tmpdir(), 'velvet-gate-'));
  writeFileSync(join(root, 'velvet.config.json'), JSON.stringify({ send: { allow: ['@example.com'], carrierMessageId: 7 } }));
  const dir = join(root, 'promo');
  mkdirSync(join(dir, 'data'), { recursive: true });
  writeFileSync(join(dir, 'email.html'), '<p>Hi $!name, code $!code.substring(0, 4)</p>\n');
  writeFileSync(join(dir, 'email.json'), JSON.stringify({ subject: 'Hello', messageId: 5 }));
  writeFileSync(join(dir, 'data', 'good.json'), JSON.stringify({ name: 'Ann', code: 'SPRING24' }));
  // this fixture makes substring throw: a render error the linter reports
  writeFileSync(join(dir, 'data', 'short.json'), JSON.stringify({ name: 'Bob', code: 'X' }));
  return dir;
}

describe('velvet send: lint gate', () => {
  it('refuses to send when lint finds errors in any fixture, and --force overrides', async () => {
    const dir = project();
    const env = { YESPO_API_URL: 'http://127.0.0.1:9' };
    const blocked = await runCli(['send', dir, '--fixture', 'good', '--to', 'me@example.com', '--dry-run'], env);
    expect(blocked.code).toBe(1);
    expect(blocked.stderr).toMatch(/render-error/);
    expect(blocked.stderr).toMatch(/short/);
    expect(blocked.stdout).not.toMatch(/POST /);
    const forced = await runCli(['send', dir, '--fixture', 'good', '--to', 'me@example.com', '--dry-run', '--force'], env);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(/POST http:\/\/127\.0\.0\.1:9\/v1\/message\/7\/smartsend/);
  });
});
