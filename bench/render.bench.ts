/**
 * Render and parse benchmark, everything measured in the same run:
 *   npm run bench
 * - render of a parsed ~35 KB email with a 50-item loop: velvet from a JavaScript object and from
 *   JSON text, velocityjs, and Apache Velocity 2.4.1 itself (bench/java/VelocityBench.java, run
 *   with the jars in ~/.m2 when `java` is there; skipped with the reason otherwise);
 * - reading the payload: velvet's parseJson against JSON.parse (the bare work);
 * - parse time per KB for templates from 10 KB to 1 MB, and 80 KB of "x $ ".
 * Times are the best mean of short batches in interleaved rounds, which on a shared machine is
 * the figure least disturbed by other processes; the ratios compare figures of this one run.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import velocity from 'velocityjs';
import { compile } from '../src/engine/index.js';
import { parseJson } from '../src/json/index.js';
import { TEMPLATE, payload } from './email-template.js';

/** Best mean ms per call of each function, over `rounds` interleaved batches of `batch` calls. */
function best(fns: (() => unknown)[], rounds = 150, batch = 20): number[] {
  for (const f of fns) for (let i = 0; i < 50; i++) f(); // warm-up
  const out = fns.map(() => Infinity);
  for (let r = 0; r < rounds; r++) {
    fns.forEach((f, k) => {
      const t0 = performance.now();
      for (let i = 0; i < batch; i++) f();
      out[k] = Math.min(out[k]!, (performance.now() - t0) / batch);
    });
  }
  return out;
}

const ms = (v: number) => `${v.toFixed(3)} ms`;
const x = (v: number) => `${v.toFixed(1)}×`;

const data = payload(50);
const json = JSON.stringify(data);
const template = compile(TEMPLATE, { name: 'bench.html' });
const out = template.render(json).output;
const vjs = new velocity.Compile(velocity.parse(TEMPLATE));

console.log(`template ${(TEMPLATE.length / 1024).toFixed(1)} KB, payload ${(json.length / 1024).toFixed(1)} KB, output ${(out.length / 1024).toFixed(1)} KB, 50 items`);

const java = javaBaseline();
// 32 texts of the same payload (trailing spaces differ), more than the engine keeps read: each
// render reads its text anew, as the first render of a fixture does
const fresh = Array.from({ length: 32 }, (_, i) => json + ' '.repeat(i));
let next = 0;
const [bare, read, fromObject, fromJson, fromNewJson, vjsMs] = best([
  () => JSON.parse(json),
  () => parseJson(json).java,
  () => template.render(data),
  () => template.render(json),
  () => template.render(fresh[next++ & 31]!),
  () => vjs.render(data),
]) as [number, number, number, number, number, number];

console.log('\nrender of the parsed template (best mean of batches)');
console.log(`  velvet from a JavaScript object  ${ms(fromObject)}   (target ≤ 0.090 ms)`);
console.log(`  velvet from JSON text            ${ms(fromJson)}   (target ≤ 0.130 ms; exact typing; the text read once, a copy per render)`);
console.log(`  velvet from a new JSON text      ${ms(fromNewJson)}   (target ≤ 0.130 ms; each text read anew: the first render of a fixture)`);
console.log(`  velocityjs                       ${ms(vjsMs)}   velvet ${x(vjsMs / fromObject)} faster`);
if (typeof java === 'string') console.log(`  Apache Velocity 2.4.1            skipped: ${java}`);
else {
  console.log(
    `  Apache Velocity 2.4.1            ${ms(java.render)} from Java objects, ${ms(java.json)} from JSON text` +
      (java.length === out.length ? '' : `  (output length ${java.length}, velvet ${out.length}!)`),
  );
  console.log(
    `    velvet from object ${x(java.render / fromObject)} faster (target 3×); from JSON text ${x(java.render / fromJson)}, ` +
      `from a new JSON text ${x(java.render / fromNewJson)} faster than Velocity from objects`,
  );
  console.log(
    `    velvet from a new JSON text ${x(java.json / fromNewJson)} faster than Velocity from JSON text (target 2×; each reads the text)`,
  );
}
console.log('\nreading the payload');
console.log(`  JSON.parse ${ms(bare)}   parseJson ${ms(read)} (${x(read / bare)} the time of JSON.parse)`);
console.log(`  render from JSON text = ${x(fromJson / fromObject)} render from object`);

console.log('\nparse time per KB (velvet | velocityjs)');
for (const kb of [10, 100, 300, 1000]) {
  // whole templates, padded with text to the size
  const whole = TEMPLATE.repeat(Math.floor((kb * 1024) / TEMPLATE.length)) + 'x'.repeat((kb * 1024) % TEMPLATE.length);
  const rounds = kb >= 300 ? 12 : 30;
  const [v, b] = kb <= 300 ? best([() => compile(whole), () => velocity.parse(whole)], rounds, 1) : [best([() => compile(whole)], rounds, 1)[0]!, NaN];
  console.log(
    `  ${String(kb).padStart(5)} KB  velvet ${(v! / kb).toFixed(4)} ms/KB (${v!.toFixed(1)} ms)   velocityjs ${
      Number.isNaN(b) ? 'skipped' : `${(b! / kb).toFixed(4)} ms/KB (${b!.toFixed(1)} ms)`
    }`,
  );
}
const adversarial = 'x $ '.repeat(20000);
console.log(`\n80 KB of "x $ ": velvet parse ${ms(best([() => compile(adversarial)], 20, 1)[0]!)}`);

/**
 * Apache Velocity 2.4.1 rendering the same template and payload, in a JVM of its own; a sentence
 * saying why when it cannot run here.
 */
function javaBaseline(): { render: number; json: number; length: number } | string {
  const m2 = join(homedir(), '.m2/repository');
  const jar = (dir: string, artifact: string, version: string): string | undefined => {
    const base = join(m2, dir, artifact);
    if (!existsSync(base)) return undefined;
    const versions = [version, ...readdirSync(base).sort().reverse()];
    for (const v of versions) {
      const p = join(base, v, `${artifact}-${v}.jar`);
      if (existsSync(p)) return p;
    }
    return undefined;
  };
  const jars = [
    jar('org/apache/velocity', 'velocity-engine-core', '2.4.1'),
    jar('org/apache/commons', 'commons-lang3', '3.17.0'),
    jar('org/slf4j', 'slf4j-api', '1.7.36'),
  ];
  if (!jars[0]?.includes('2.4.1')) return 'velocity-engine-core 2.4.1 is not in ~/.m2';
  if (jars.some((j) => !j)) return 'commons-lang3 or slf4j-api is not in ~/.m2';
  try {
    execFileSync('javac', ['-version'], { stdio: 'ignore' });
  } catch {
    return 'no javac on PATH';
  }
  const dir = mkdtempSync(join(tmpdir(), 'velvet-bench-java-'));
  const src = fileURLToPath(new URL('./java/VelocityBench.java', import.meta.url));
  const cp = [...jars, dir].join(':');
  try {
    execFileSync('javac', ['-nowarn', '-cp', cp, '-d', dir, src], { stdio: 'pipe' });
    writeFileSync(join(dir, 'email.vm'), TEMPLATE);
    writeFileSync(join(dir, 'payload.json'), json);
    const text = execFileSync('java', ['-cp', cp, 'VelocityBench', join(dir, 'email.vm'), join(dir, 'payload.json'), '4'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    const line = text.trim().split('\n').pop()!;
    return JSON.parse(line) as { render: number; json: number; length: number };
  } catch (e) {
    return `the Java baseline failed (${(e as Error).message.split('\n')[0]})`;
  }
}
