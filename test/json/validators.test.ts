import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OUTPUT, validatorsSource } from '../../scripts/build-validators.js';

// The validators are generated from schemas/ ahead of time: a schema changed without running
// `npx tsx scripts/build-validators.ts` would leave velvet checking files against the old one.
describe('generated validators', () => {
  it('are the code of the schemas in schemas/ as they are now', () => {
    expect(readFileSync(OUTPUT, 'utf8') === validatorsSource(), 'run npx tsx scripts/build-validators.ts').toBe(true);
  });
});
