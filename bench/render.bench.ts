/**
 * Render and parse benchmark: velvet against velocityjs (the baseline) in the same process.
 *   npm run bench
 * Prints ms per render of a ~30 KB email with a 50-item loop (parsed once), the ratio, and parse
 * time per KB for templates from 10 KB to 1 MB.
 */
import velocity from 'velocityjs';
import { compile } from '../src/engine/index.js';
import { TEMPLATE, payload } from './email-template.js';

function timeIt(fn: () => void, minMs = 1500): number {
  for (let i = 0; i < 20; i++) fn(); // warm-up
  let n = 0;
  const start = performance.now();
  let now = start;
  while (now - start < minMs) {
    fn();
    n++;
    now = performance.now();
  }
  return (now - start) / n;
}

const data = payload(50);
const json = JSON.stringify(data);
const template = compile(TEMPLATE, { name: 'bench.html' });
const out = template.render(json).output;
const vjsAst = velocity.parse(TEMPLATE);
const vjs = new velocity.Compile(vjsAst);

console.log(`template ${(TEMPLATE.length / 1024).toFixed(1)} KB, output ${(out.length / 1024).toFixed(1)} KB, 50 items`);
const rounds = 3;
const velvetRuns: number[] = [];
const vjsRuns: number[] = [];
for (let r = 0; r < rounds; r++) {
  velvetRuns.push(timeIt(() => template.render(data)));
  vjsRuns.push(timeIt(() => vjs.render(data)));
}
const best = (a: number[]) => Math.min(...a);
const velvetMs = best(velvetRuns);
const vjsMs = best(vjsRuns);
console.log(`render  velvet ${velvetMs.toFixed(3)} ms   velocityjs ${vjsMs.toFixed(3)} ms   ratio ${(vjsMs / velvetMs).toFixed(1)}x faster`);
const velvetJsonMs = timeIt(() => template.render(json));
console.log(`render from JSON text (exact typing) velvet ${velvetJsonMs.toFixed(3)} ms`);

console.log('\nparse time per KB (velvet | velocityjs)');
const chunk = TEMPLATE;
for (const kb of [10, 100, 300, 1000]) {
  const reps = Math.max(1, Math.round((kb * 1024) / chunk.length));
  const src = chunk.repeat(reps).slice(0, kb * 1024);
  // cut at a safe boundary: repeat whole templates and pad with text to the size
  const whole = chunk.repeat(Math.floor((kb * 1024) / chunk.length)) + 'x'.repeat((kb * 1024) % chunk.length);
  void src;
  const v = timeIt(() => compile(whole), 800);
  const b = kb <= 300 ? timeIt(() => velocity.parse(whole), 800) : NaN;
  console.log(
    `  ${String(kb).padStart(5)} KB  velvet ${(v / kb).toFixed(4)} ms/KB (${v.toFixed(1)} ms)   velocityjs ${
      Number.isNaN(b) ? 'skipped' : `${(b / kb).toFixed(4)} ms/KB (${b.toFixed(1)} ms)`
    }`,
  );
}
const adversarial = 'x $ '.repeat(20000);
const a1 = timeIt(() => compile(adversarial), 500);
console.log(`\n80 KB of "x $ ": velvet parse ${a1.toFixed(2)} ms`);
