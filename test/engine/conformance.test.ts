import { describe, expect, it } from 'vitest';
import { listedDeviations, loadCases, runCase } from '../support/conformance.js';

// Every case of the project's copy of the Apache Velocity 2.4.1 corpus (test/conformance,
// synced from the shared corpus by scripts/sync-conformance.mjs).
const cases = loadCases();
const deviations = listedDeviations();

describe('conformance with Apache Velocity 2.4.1', () => {
  it('has the whole corpus', () => {
    expect(cases.length).toBeGreaterThanOrEqual(592);
  });
  it('lists no deliberate deviations', () => {
    expect([...deviations]).toEqual([]);
  });
  for (const c of cases) {
    it(c.name, () => {
      const r = runCase(c);
      expect(r.ok, r.detail).toBe(true);
    });
  }
});
