/**
 * Which Java methods and overloads a folder of cases reaches: renders every case with each
 * method table entry wrapped to record (class, method, argument count and types), then prints
 * the counts per class.
 *
 *   npx tsx scripts/differential/coverage.ts CASES_DIR
 */
import { classNameOf } from '../../src/engine/methods/klass.js';
import { BOOLEAN, DOUBLE, INTEGER, LONG } from '../../src/engine/methods/number.js';
import { BIGINTEGER } from '../../src/engine/methods/big.js';
import { BIGDECIMAL } from '../../src/engine/methods/bigdecimal.js';
import { STRING } from '../../src/engine/methods/string.js';
import { LIST } from '../../src/engine/methods/list.js';
import { ENTRY, MAP, SET } from '../../src/engine/methods/map.js';
import type { Table } from '../../src/engine/methods/core.js';
import type { Value } from '../../src/engine/values.js';
import { loadCases, runCase } from '../../test/support/conformance.js';

const seen = new Map<string, Set<string>>();
const record = (cls: string, name: string, args: Value[]) => {
  const key = `${cls.replace(/^java\.(lang|util|math)\./, '')}`;
  const sig = `${name}(${args.map((a) => (a === null ? 'null' : classNameOf(a).replace(/^.*[.$]/, ''))).join(',')})`;
  if (!seen.has(key)) seen.set(key, new Set());
  seen.get(key)!.add(sig);
};
const tables: Table[] = [STRING, LIST, SET, MAP, ENTRY, INTEGER, LONG, DOUBLE, BOOLEAN, BIGINTEGER, BIGDECIMAL];
for (const t of tables) {
  for (const [name, impl] of Object.entries(t)) {
    t[name] = (self: never, args: Value[]) => {
      const r = impl(self, args);
      if (typeof r !== 'symbol' || r.description !== 'no-method') record(classNameOf(self as Value), name, args);
      return r;
    };
  }
}
const cases = loadCases(process.argv[2] ?? 'test/differential/cases');
let ok = 0;
for (const c of cases) if (runCase(c).ok) ok++;
let methods = 0;
let overloads = 0;
for (const [cls, sigs] of [...seen].sort()) {
  const names = new Set([...sigs].map((s) => s.slice(0, s.indexOf('('))));
  const arities = new Set([...sigs].map((s) => s.slice(0, s.indexOf('(')) + '/' + (s.match(/,/g)?.length ?? (s.endsWith('()') ? -1 : 0))));
  methods += names.size;
  overloads += arities.size;
  console.log(`${cls}: ${names.size} methods, ${arities.size} by argument count, ${sigs.size} by argument types`);
}
console.log(`${cases.length} cases, ${ok} passing; ${methods} methods, ${overloads} overloads by argument count reached`);
