import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEVIATIONS_DIR, listedDeviations, loadCases, runCase, runDeviation } from '../support/conformance.js';

// Every case of the project's copy of the Apache Velocity 2.4.1 corpus (test/conformance,
// synced from the shared corpus by scripts/sync-conformance.mjs).
const cases = loadCases();
const listed = listedDeviations();
const deviations = loadCases(DEVIATIONS_DIR);

describe('conformance with Apache Velocity 2.4.1', () => {
  it('has the whole corpus', () => {
    expect(cases.length).toBeGreaterThanOrEqual(592);
  });
  for (const c of cases) {
    it(c.name, () => {
      const r = runCase(c);
      expect(r.ok, r.detail).toBe(true);
    });
  }
});

describe('deliberate deviations (DEVIATIONS.md)', () => {
  it('lists exactly the cases in test/conformance/deviations', () => {
    expect([...listed].sort()).toEqual(deviations.map((c) => c.name).sort());
  });
  it('names no corpus case: the corpus passes in full', () => {
    for (const name of listed) expect(name.startsWith('deviations/'), name).toBe(true);
  });
  for (const c of deviations) {
    it(`${c.name} renders velvet's deliberate output, which differs from Velocity's`, () => {
      expect(c.velocity, 'the .velocity file with Velocity 2.4.1\'s result').toBeDefined();
      const r = runDeviation(c);
      expect(r.ok, r.detail).toBe(true);
    });
  }
});

describe('npm run conformance -- DIR', () => {
  function corpus(): string {
    const root = mkdtempSync(join(tmpdir(), 'velvet-corpus-'));
    mkdirSync(join(root, 'cases', 'cat'), { recursive: true });
    writeFileSync(join(root, 'README.md'), '# a corpus\n');
    writeFileSync(join(root, 'cases', 'README.md'), 'not a case\n');
    writeFileSync(join(root, 'cases', 'cat', 'a.vm'), '[$x]');
    writeFileSync(join(root, 'cases', 'cat', 'a.json'), '{"x": 1}');
    writeFileSync(join(root, 'cases', 'cat', 'a.out'), '[1]');
    writeFileSync(join(root, 'cases', 'cat', 'b.vm'), '#if(');
    writeFileSync(join(root, 'cases', 'cat', 'b.err'), 'parse-error\nline 1 column 5\n');
    writeFileSync(join(root, 'cases', 'cat', 'notes.txt'), 'ignored\n');
    writeFileSync(join(root, 'cases', 'cat', 'draft.vm'), 'a template without a result is not a case');
    return root;
  }
  const script = join(import.meta.dirname, '..', '..', 'scripts', 'conformance.ts');
  const runScript = (dir: string) =>
    execFileSync(process.execPath, ['--import', 'tsx', script, dir], { encoding: 'utf8' });

  it('accepts a corpus root with cases/ and ignores files that are not cases', () => {
    const root = corpus();
    try {
      expect(loadCases(root).map((c) => c.name)).toEqual(['cat/a', 'cat/b']);
      expect(runScript(root)).toContain('2 passed, 0 failed');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('accepts a folder of category folders and a single category folder', () => {
    const root = corpus();
    try {
      expect(runScript(join(root, 'cases'))).toContain('2 passed, 0 failed');
      expect(loadCases(join(root, 'cases', 'cat')).map((c) => c.name)).toEqual(['cat/a', 'cat/b']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('reports a failing case and exits 1', () => {
    const root = corpus();
    writeFileSync(join(root, 'cases', 'cat', 'a.out'), '[2]');
    try {
      let failure: { status: number; stdout: string } | undefined;
      try {
        runScript(root);
      } catch (e) {
        failure = e as { status: number; stdout: string };
      }
      expect(failure?.status).toBe(1);
      expect(failure?.stdout).toMatch(/FAIL cat\/a: line 1: expected "\[2\]", got "\[1\]"/);
      expect(failure?.stdout).toContain('1 passed, 1 failed');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
