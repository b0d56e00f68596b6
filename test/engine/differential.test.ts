import { describe, expect, it } from 'vitest';
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
