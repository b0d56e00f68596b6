import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadCases, runCase } from '../support/conformance.js';

// Cases found by differential testing against Apache Velocity 2.4.1 (see test/differential).
const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'differential', 'cases');
const cases = loadCases(dir);

describe('differential cases (Apache Velocity 2.4.1 outputs)', () => {
  it('has the cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(1659);
  });
  for (const c of cases) {
    it(c.name, () => {
      const r = runCase(c);
      expect(r.ok, r.detail).toBe(true);
    });
  }
});

// What velvet still renders differently from Velocity 2.4.1, each listed under "Known
// differences" in test/conformance/DEVIATIONS.md: a case that starts to match belongs in cases/.
const knownDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'differential', 'known');
const known = loadCases(knownDir);
const listed = readFileSync(join(dirname(fileURLToPath(import.meta.url)), '..', 'conformance', 'DEVIATIONS.md'), 'utf8');

describe('known differences from Apache Velocity 2.4.1 (test/differential/known)', () => {
  it('has the cases, each listed in DEVIATIONS.md, and lists no other', () => {
    expect(known.length).toBeGreaterThan(0);
    for (const c of known) expect(listed, c.name).toContain(`\`${c.name}\``);
    const names = [...listed.matchAll(/`(known\/[a-z0-9-]+)`/g)].map((m) => m[1]);
    expect(names.sort()).toEqual(known.map((c) => c.name).sort());
  });
  for (const c of known) {
    it(`${c.name} still differs (move it to cases/ once it matches)`, () => {
      expect(runCase(c).ok).toBe(false);
    });
  }
});
