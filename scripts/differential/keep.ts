/**
 * Copies the cases of a rendered sweep that velvet matches into a corpus folder (keeping the
 * category folders), leaving out outputs that depend on Java object identity (`[B@1b2c3d`):
 *
 *   npx tsx scripts/differential/keep.ts SWEEP_DIR test/differential/cases
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadCases, runCase } from '../../test/support/conformance.js';

const [from, to] = process.argv.slice(2) as [string, string];
let kept = 0;
let skipped = 0;
const failing: string[] = [];
for (const c of loadCases(from)) {
  const base = join(from, c.name);
  const out = existsSync(base + '.out') ? readFileSync(base + '.out', 'utf8') : '';
  if (/@[0-9a-f]{5,8}\b/.test(out) || /identity/.test(c.template)) {
    skipped++;
    continue;
  }
  if (!runCase(c).ok) {
    failing.push(c.name);
    continue;
  }
  mkdirSync(join(to, c.category), { recursive: true });
  for (const ext of ['.vm', '.json', '.opts', '.out', '.err']) {
    if (existsSync(base + ext)) copyFileSync(base + ext, join(to, c.name + ext));
  }
  kept++;
}
console.log(`kept ${kept}, left out ${skipped} identity-dependent, ${failing.length} still different: ${failing.join(' ')}`);
