/**
 * `velvet preview` in the terminal, as a real process: a warning when --host makes the preview
 * reachable from the network, and a word when --open opened no browser.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SAMPLES } from './helpers.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'velvet.js');

/** Starts the command and collects its output until `until` matches stderr (or 20 s pass). */
async function run(args: string[], env: Record<string, string>, until: RegExp): Promise<{ stdout: string; stderr: string }> {
  const child: ChildProcess = spawn(process.execPath, [BIN, 'preview', SAMPLES, '--port', '0', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const started = Date.now();
  while (!(until.test(stderr) && /➜/.test(stdout)) && Date.now() - started < 20_000 && child.exitCode === null) {
    await new Promise((r) => setTimeout(r, 50));
  }
  return { stdout, stderr };
}

const children: ChildProcess[] = [];
const temps: string[] = [];

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null && c.pid !== undefined) process.kill(c.pid, 'SIGTERM');
  for (const t of temps.splice(0)) rmSync(t, { recursive: true, force: true });
});

/** A PATH whose browser opener fails, as it does on a machine without a browser. */
function failingOpener(): string {
  const dir = mkdtempSync(join(tmpdir(), 'velvet-opener-'));
  temps.push(dir);
  writeFileSync(join(dir, 'xdg-open'), '#!/bin/sh\nexit 3\n');
  chmodSync(join(dir, 'xdg-open'), 0o755);
  return `${dir}:${dirname(process.execPath)}:/usr/bin:/bin`;
}

describe('velvet preview in the terminal', { timeout: 60_000 }, () => {
  it('warns that --host 0.0.0.0 makes the preview reachable from the network', async () => {
    const { stdout, stderr } = await run(['--host', '0.0.0.0'], { PATH: process.env['PATH'] ?? '' }, /reachable/);
    expect(stdout).toMatch(/➜ {2}http:\/\/127\.0\.0\.1:\d+\//);
    expect(stderr).toMatch(/warning: .*0\.0\.0\.0.*reachable from the network/i);
  });

  it('prints no warning on the default host', async () => {
    const { stdout, stderr } = await run([], { PATH: process.env['PATH'] ?? '' }, /^/);
    expect(stdout).toMatch(/➜/);
    expect(stderr).not.toMatch(/warning/i);
  });

  it('says so when --open finds no display', async () => {
    if (process.platform !== 'linux') return;
    const { stderr } = await run(['--open'], { PATH: failingOpener() }, /no browser/);
    expect(stderr).toMatch(/no browser opened.*open http:\/\/127\.0\.0\.1:\d+\/ yourself/);
  });

  it('says so when the browser opener fails', async () => {
    if (process.platform !== 'linux') return;
    const { stderr } = await run(['--open'], { PATH: failingOpener(), DISPLAY: ':99' }, /no browser/);
    expect(stderr).toMatch(/no browser opened \(xdg-open exited with code 3\).*open http:\/\/127\.0\.0\.1:\d+\/ yourself/);
  });
});
