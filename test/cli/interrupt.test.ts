/**
 * Ctrl+C (SIGINT) during `velvet build`, as a separate process: it stops soon, leaves no page
 * half-written, and its marker lists every page it wrote, so the next build into the same folder
 * replaces them instead of refusing a folder velvet "did not make".
 */
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempTree, velvet } from './helpers.js';

const EMAILS = 400;

function bigProject(): string {
  const files: Record<string, string> = { 'velvet.config.json': '{"emails": "emails"}' };
  const body = `<html lang="en"><body>${'<p>$!name, line of text</p>\n'.repeat(200)}</body></html>`;
  for (let i = 0; i < EMAILS; i++) {
    files[`emails/e${i}/email.html`] = body;
    files[`emails/e${i}/data/default.json`] = '{"name": "Ann"}';
  }
  return tempTree(files);
}

function pagesIn(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(html|txt)$/.test(f) && statSync(join(dir, f)).isFile());
}

describe('velvet build interrupted with Ctrl+C', () => {
  it('exits 130, records what it wrote, and the next build completes', async () => {
    const dir = bigProject();
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'velvet.js'), 'build', '.', '--out', 'site'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((r) => child.once('exit', (code, signal) => r({ code, signal })));
    await new Promise<void>((r) => {
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        // the first tenth is done: the build is in the middle of writing pages
        if (/rendering \d+\/\d+ \(\d+%\)/.test(stderr) && !/ \(0%\)\n$/.test(stderr) && child.exitCode === null) r();
      });
      child.once('exit', () => r());
    });
    child.kill('SIGINT');
    const { code, signal } = await exited;
    expect(signal, stderr).toBeNull();
    expect(code, stderr).toBe(130);
    expect(stderr).toMatch(/velvet build: interrupted: \d+ pages? written to site/);

    const written = pagesIn(join(dir, 'site')).sort();
    expect(written.length).toBeGreaterThan(0);
    expect(written.length).toBeLessThan(2 * EMAILS);
    const marker = JSON.parse(readFileSync(join(dir, 'site', '.velvet-build.json'), 'utf8')) as { files: string[] };
    expect(marker.files.filter((f) => f !== 'index.html').sort()).toEqual(written);
    for (const page of written.filter((f) => f.endsWith('.html'))) expect(readFileSync(join(dir, 'site', page), 'utf8')).toMatch(/<\/html>\s*$/);

    const again = await velvet(['build', '.', '--out', 'site'], { cwd: dir });
    expect(again.stderr).toMatch(new RegExp(`${EMAILS} pages written to site, 0 failed`));
    expect(again.code).toBe(0);
  }, 60_000);
});
