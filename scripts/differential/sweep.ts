/**
 * Writes the method sweep: for each Java class a template can reach (String, ArrayList,
 * LinkedHashMap and its views and entries, Integer, Long, Double, Boolean, BigDecimal,
 * BigInteger), its public methods and overloads, static ones through an instance and property
 * forms, two to four calls each, one case per call. Render them with render.sh, then compare
 * with `npm run conformance -- DIR`.
 *
 *   npx tsx scripts/differential/sweep.ts OUT_DIR
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GROUPS } from './sweep-cases.js';

const out = process.argv[2] ?? '/tmp/velvet-sweep';
let n = 0;
for (const g of GROUPS) {
  const dir = join(out, g.category);
  mkdirSync(dir, { recursive: true });
  const seen = new Map<string, number>();
  for (const [method, calls] of Object.entries(g.calls)) {
    for (const call of calls) {
      const k = (seen.get(method) ?? 0) + 1;
      seen.set(method, k);
      const name = `${g.prefix}-${method}-${k}`;
      const template = /^[#[]/.test(call) || call.includes('\n') ? call : `[${call}]`;
      writeFileSync(join(dir, `${name}.vm`), template);
      writeFileSync(join(dir, `${name}.json`), g.json);
      n++;
    }
  }
}
console.log(`${n} cases in ${out}`);
