import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintRefs, mayLintMany, minPerWorker, startWorkers } from '../../src/lint/parallel.js';
import { findTargets } from '../../src/lint/targets.js';
import { runCli, SAMPLES } from './helpers.js';

// enough email folders that a worker is started for them (one, with --jobs 2): copies of the
// samples, one with a problem
const COPIES = minPerWorker() + 3;
let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'velvet-lint-parallel-'));
  cpSync(join(SAMPLES, 'velvet.config.json'), join(dir, 'velvet.config.json'));
  for (let i = 0; i < COPIES; i++) cpSync(join(SAMPLES, i % 2 ? 'welcome' : 'birthday'), join(dir, `e${String(i).padStart(3, '0')}`), { recursive: true });
  writeFileSync(join(dir, 'e007', 'email.html'), '<p>$math.add(1, 2) #if($x)</p>\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('linting on several threads', () => {
  it('gives the same report as one thread, in the same order', async () => {
    const one = await runCli(['lint', dir, '--format', 'json', '--coverage', '--jobs', '1'], dir);
    const two = await runCli(['lint', dir, '--format', 'json', '--coverage', '--jobs', '2'], dir);
    expect(two.stdout).toBe(one.stdout);
    expect([two.code, one.code]).toEqual([1, 1]);
    const out = JSON.parse(two.stdout) as { files: number; diagnostics: { file: string; ruleId: string }[] };
    expect(out.files).toBe(COPIES);
    expect(out.diagnostics.filter((d) => d.file === 'e007/email.html').map((d) => d.ruleId)).toContain('syntax');
  }, 60_000);

  it('a worker thread alone lints every target as the calling thread does', async () => {
    const refs = findTargets([dir], dir);
    const alone = await lintRefs(refs, { coverage: true }, 2, { callerWorks: false });
    const here = await lintRefs(refs, { coverage: true }, 1);
    expect(alone).toHaveLength(COPIES);
    expect(alone).toEqual(here);
  }, 60_000);

  it('workers started ahead get their targets in a message; the ones not needed are stopped', async () => {
    expect(mayLintMany([dir], dir)).toBe(true);
    expect(mayLintMany([join(dir, 'e001')], dir)).toBe(false);
    const pool = startWorkers(2);
    const exits = pool.workers.map((w) => new Promise<number>((resolve) => w.on('exit', resolve)));
    const refs = findTargets([dir], dir);
    const ahead = await lintRefs(refs, { coverage: true }, 2, { pool });
    expect(ahead).toEqual(await lintRefs(refs, { coverage: true }, 1));
    pool.close();
    // one worker linted and ended; the other was never needed and was stopped
    expect(await Promise.all(exits)).toHaveLength(2);
    const unused = startWorkers(1);
    const stopped = new Promise<number>((resolve) => unused.workers[0]!.on('exit', resolve));
    unused.close();
    expect(typeof (await stopped)).toBe('number');
  }, 60_000);

  it('--jobs must be a whole number', async () => {
    const r = await runCli(['lint', dir, '--jobs', '0'], dir);
    expect([r.code, r.stderr]).toEqual([2, "velvet lint: --jobs takes a whole number from 1 to 64, got '0'\n"]);
  });
});
