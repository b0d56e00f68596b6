/**
 * Fuzzer for the engine's bounds: renders mutated conformance templates and generated VTL with
 * hostile payloads, each in a child process with a heap cap and a wall-clock timeout, and reports
 * what must never happen: crashes (the child died, e.g. out of memory), hangs (no answer within the
 * timeout), untyped errors (anything but a velvet error, or the safety net's "internal error") and
 * renders that ran past their time limit. Each finding gets a reproducer under out/fuzz/.
 *
 *   npm run fuzz -- --minutes 10 [--seed 1] [--workers 1] [--heap 1024] [--batch 200]
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate, mutate, hostilePayload, mutatePayload, rng } from './fuzz-inputs.js';

interface Job {
  id: number;
  template: string;
  payload: string;
  origin: string;
}
type Outcome = 'ok' | 'parse' | 'render' | 'limit' | 'data' | 'untyped';
interface Result {
  id: number;
  outcome: Outcome;
  ms: number;
  detail?: string;
}

/** Limits of every fuzzed render: the defaults, with a shorter time so a run covers more. */
const LIMITS = { maxTimeMs: 1000 };
/** A render past this wall-clock time (limit plus slack for a loaded machine) ran past its limit. */
const PAST_LIMIT_MS = LIMITS.maxTimeMs * 2 + 500;
/** No answer within this time is a hang. */
const HANG_MS = 15_000;

const SELF = fileURLToPath(import.meta.url);
const ROOT = resolve(SELF, '../..');

if (process.argv.includes('--child')) runChild();
else await runParent();

// ---------------------------------------------------------------- child

function runChild(): void {
  const load = import('../src/engine/index.js');
  const errors = import('../src/errors.js');
  const seed = arg('seed', 0);
  const cases = corpus();
  process.on('message', async (batch: number[]) => {
    const { compile } = await load;
    const { VelvetError, LimitError, ParseError, DataError } = await errors;
    for (const id of batch) {
      // each job is made from its id, here and again in the parent for a reproducer
      const job = makeJob(seed, id, cases);
      const t0 = performance.now();
      let outcome: Outcome = 'ok';
      let detail: string | undefined;
      try {
        compile(job.template, { name: 'fuzz.vm' }).render(job.payload, { limits: LIMITS });
      } catch (e) {
        if (e instanceof LimitError) outcome = 'limit';
        else if (e instanceof ParseError) outcome = 'parse';
        else if (e instanceof DataError) outcome = 'data';
        else if (e instanceof VelvetError) outcome = 'render';
        else outcome = 'untyped';
        // a velvet error whose cause is a plain JavaScript error: the safety net caught what
        // nothing expected, which is a finding too
        const cause = e instanceof VelvetError ? e.cause : e;
        if (outcome === 'untyped' || (cause instanceof Error && !(cause instanceof VelvetError))) {
          outcome = 'untyped';
          detail = `${e instanceof Error ? e.message : String(e)}\n${cause instanceof Error ? cause.stack : ''}`;
        }
      }
      process.send!({ id: job.id, outcome, ms: performance.now() - t0, detail } satisfies Result);
    }
    process.send!('done');
  });
}

// ---------------------------------------------------------------- parent

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

function corpus(): { vm: string; json: string }[] {
  const out: { vm: string; json: string }[] = [];
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.vm')) {
        const j = p.slice(0, -3) + '.json';
        out.push({ vm: readFileSync(p, 'utf8'), json: existsSync(j) ? readFileSync(j, 'utf8') : '{}' });
      }
    }
  };
  walk(join(ROOT, 'test/conformance/cases'));
  walk(join(ROOT, 'test/differential/cases'));
  return out;
}

function makeJob(seed: number, id: number, cases: { vm: string; json: string }[]): Job {
  const r = rng(Math.imul(seed, 0x9e3779b1) ^ Math.imul(id + 1, 0x85ebca6b));
  const c = cases[r.int(cases.length)]!;
  const kind = r.int(10);
  if (kind < 5) {
    const other = cases[r.int(cases.length)]!;
    const payload = r.int(3) === 0 ? hostilePayload(r) : mutatePayload(r, c.json);
    return { id, template: mutate(r, c.vm, other.vm), payload, origin: 'mutated' };
  }
  return { id, template: generate(r), payload: r.int(4) === 0 ? mutatePayload(r, c.json) : hostilePayload(r), origin: 'generated' };
}

async function runParent(): Promise<void> {
  const minutes = arg('minutes', 1);
  const seed = arg('seed', Date.now() % 1_000_000);
  const workers = arg('workers', 1);
  const heapMb = arg('heap', 1024);
  const batchSize = arg('batch', 200);
  const outDir = join(ROOT, 'out/fuzz');
  mkdirSync(outDir, { recursive: true });
  const cases = corpus();
  const endAt = Date.now() + minutes * 60_000;
  const counts: Record<string, number> = { ok: 0, parse: 0, render: 0, limit: 0, data: 0 };
  const findings = { crash: 0, hang: 0, untyped: 0, 'past-limit': 0 };
  let renders = 0;
  let nextId = 0;
  console.log(`fuzz: seed ${seed}, ${cases.length} corpus templates, ${workers} worker(s), heap ${heapMb} MB, ${minutes} min`);

  const report = (kind: keyof typeof findings, job: Job, detail: string) => {
    findings[kind]++;
    const base = join(outDir, `${kind}-${seed}-${job.id}`);
    writeFileSync(base + '.vm', job.template);
    writeFileSync(base + '.json', job.payload);
    writeFileSync(base + '.txt', `${kind} (${job.origin}, seed ${seed}, job ${job.id}, limits ${JSON.stringify(LIMITS)})\n${detail}\n`);
    console.log(`  ${kind}: ${base}.vm  ${detail.split('\n')[0]!.slice(0, 160)}`);
  };

  const worker = () =>
    new Promise<void>((done) => {
      let child: ChildProcess;
      let pending: number[] = [];
      let last = Date.now();
      const start = () => {
        child = fork(SELF, ['--child', '--seed', String(seed)], { execArgv: [`--max-old-space-size=${heapMb}`, '--import', 'tsx'], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
        let stderr = '';
        child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
        child.on('message', (m: Result | 'done') => {
          last = Date.now();
          if (m === 'done') return send();
          const job = makeJob(seed, pending.shift()!, cases);
          renders++;
          if (m.outcome === 'untyped') report('untyped', job, m.detail ?? '');
          else counts[m.outcome] = (counts[m.outcome] ?? 0) + 1;
          if (m.ms > PAST_LIMIT_MS) report('past-limit', job, `${m.outcome} after ${m.ms.toFixed(0)} ms`);
        });
        child.on('exit', (code, signal) => {
          clearInterval(timer);
          const id = pending.shift();
          if (id !== undefined && !hung) {
            renders++;
            report('crash', makeJob(seed, id, cases), `child exited with ${signal ?? code}\n${stderr}`);
          }
          hung = false;
          if (Date.now() < endAt || pending.length) start();
          else done();
        });
        let hung = false;
        const timer = setInterval(() => {
          if (pending.length && Date.now() - last > HANG_MS) {
            hung = true;
            renders++;
            report('hang', makeJob(seed, pending.shift()!, cases), `no answer within ${HANG_MS} ms`);
            child.kill('SIGKILL');
          }
        }, 500);
        last = Date.now();
        if (pending.length) child.send(pending);
        else send();
      };
      const send = () => {
        if (Date.now() >= endAt) {
          child.kill();
          return;
        }
        pending = Array.from({ length: batchSize }, () => nextId++);
        last = Date.now();
        child.send(pending);
      };
      start();
    });

  const t0 = Date.now();
  await Promise.all(Array.from({ length: workers }, worker));
  const secs = (Date.now() - t0) / 1000;
  const outcomes = Object.entries(counts)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  console.log(
    `fuzz summary: ${renders} renders in ${(secs / 60).toFixed(1)} min (${(renders / secs).toFixed(0)}/s), ` +
      `crashes ${findings.crash}, hangs ${findings.hang}, untyped ${findings.untyped}, past-limit ${findings['past-limit']}; ` +
      `outcomes: ${outcomes}`,
  );
  process.exitCode = findings.crash + findings.hang + findings.untyped + findings['past-limit'] > 0 ? 1 : 0;
}
