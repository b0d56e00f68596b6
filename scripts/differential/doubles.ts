/**
 * Checks velvet's Double.toString and Float.toString against Java 17 on 55,634 values (random bit
 * patterns, short decimals at many scales, large integers, powers of two and ten, floats):
 *
 *   npx tsx scripts/differential/doubles.ts      # needs java and javac 17
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { javaDouble, javaFloat } from '../../src/engine/numbers.js';

const work = mkdtempSync(join(tmpdir(), 'velvet-doubles-'));
const vals: string[] = [];
const dv = new DataView(new ArrayBuffer(8));
const pushD = (d: number) => {
  dv.setFloat64(0, d);
  vals.push('d ' + dv.getBigUint64(0).toString(16));
};
const pushF = (f: number) => {
  dv.setFloat32(0, f);
  vals.push('f ' + dv.getUint32(0).toString(16));
};
let seed = 12345;
const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
for (let i = 0; i < 20000; i++) {
  dv.setUint32(0, Math.floor(rnd() * 2 ** 32));
  dv.setUint32(4, Math.floor(rnd() * 2 ** 32));
  const d = dv.getFloat64(0);
  if (Number.isFinite(d)) pushD(d);
}
for (let i = 0; i < 20000; i++) pushD(Math.round(rnd() * 10 ** Math.floor(rnd() * 12)) / 10 ** Math.floor(rnd() * 6));
for (let i = 0; i < 5000; i++) pushD(Number((rnd() * 10).toFixed(2)) * 10 ** Math.floor(rnd() * 40 - 20));
for (let i = 0; i < 3000; i++) pushD(Math.floor(rnd() * 2 ** 62) * 2 ** Math.floor(rnd() * 4));
for (let k = -30; k < 40; k++) for (const m of [1, 2, 3, 5, 7, 9]) pushD(Number(`${m}e${k}`));
for (let k = -60; k < 80; k++) pushD(2 ** k);
for (let i = 0; i < 5000; i++) pushF(Math.fround(rnd() * 10 ** Math.floor(rnd() * 14 - 4)));
for (let i = 0; i < 2000; i++) pushF(Math.fround(Math.round(rnd() * 1e6) / 100));
for (let k = 0; k < 40; k++) pushF(Math.fround(2 ** k)), pushF(Math.fround(2 ** k - 1));
writeFileSync(join(work, 'in.txt'), vals.join('\n') + '\n');
const here = dirname(fileURLToPath(import.meta.url));
execFileSync('javac', ['-d', work, join(here, 'Doubles.java')]);
execFileSync('java', ['-cp', work, 'Doubles', join(work, 'in.txt'), join(work, 'out.txt')]);
const expected = readFileSync(join(work, 'out.txt'), 'utf8').split('\n');
let bad = 0;
vals.forEach((v, i) => {
  const [t, h] = v.split(' ') as [string, string];
  let got: string;
  if (t === 'd') {
    dv.setBigUint64(0, BigInt('0x' + h));
    got = javaDouble(dv.getFloat64(0));
  } else {
    dv.setUint32(0, parseInt(h, 16));
    got = javaFloat(dv.getFloat32(0));
  }
  if (got !== expected[i] && ++bad <= 20) console.log(`${t} ${h}: Java ${expected[i]}, velvet ${got}`);
});
console.log(`${vals.length - bad} of ${vals.length} identical to Java's Double.toString / Float.toString`);
process.exitCode = bad > 0 ? 1 : 0;
