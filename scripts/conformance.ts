/**
 * Runs every case of a conformance corpus directory (default: test/conformance/cases and the
 * deliberate deviations of test/conformance/deviations) and prints one line per failing case
 * (name and the first differing line) and a final line "N passed, M failed". Exits 1 when any
 * case fails. DIR may be a folder of category folders or a corpus root holding `cases/`; files
 * that are not cases (a README.md) are ignored.
 *
 *   npm run conformance -- [DIR] [--category NAME] [--verbose]
 */
import { runCorpus } from '../test/support/conformance.js';

const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const catIdx = args.indexOf('--category');
const category = catIdx >= 0 ? args[catIdx + 1] : undefined;
const dir = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--category');
const { results, passed, failed, deviations } = runCorpus(dir, category);
for (const r of results) {
  if (r.ok) continue;
  console.log(`FAIL ${r.name}: ${r.detail}`);
  if (verbose && r.actual !== undefined) console.log(`  got: ${JSON.stringify(r.actual.slice(0, 400))}`);
}
if (deviations > 0) console.log(`(${deviations} listed deviations checked against velvet's deliberate output)`);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
