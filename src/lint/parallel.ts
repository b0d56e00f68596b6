/**
 * Linting many emails on several threads: the calling thread and `jobs - 1` worker threads take
 * the next email from a shared counter until none is left, so a slow email or a worker that
 * starts late never leaves a thread idle. Each thread loads its emails itself (reading fixtures
 * is part of the work). Results come back in target order, as plain data.
 *
 * A worker costs the start of a thread and the load of the linter's modules: `startWorkers`
 * starts them ahead, while the calling thread still finds the targets, and they wait for their
 * work in a message. It also costs its own JIT warm-up: every thread compiles the hot functions
 * again, on V8's helper threads, which compete with the linting threads for the cores (see
 * `lightOptimizer`).
 */
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { ConfigError } from '../errors.js';
import { isEmailDir } from '../project/index.js';
import type { CoverageReport } from './coverage.js';
import { lintEmailResult, type LintOptions } from './runner.js';
import { loadTarget, type TargetRef } from './targets.js';
import type { Diagnostic } from './types.js';

/** What one email's lint gives, without the loaded email (so it can cross threads). */
export interface TargetResult {
  diagnostics: Diagnostic[];
  coverage: CoverageReport | undefined;
}

/**
 * How many emails a worker thread must get for it to be started: fewer are linted on the calling
 * thread alone. A worker costs its start-up and a JIT warm-up of its own, about a second of CPU.
 * On two cores V8's compiler and collector already keep the second core busy for one thread, and
 * there a worker paid off only from about 150 to 200 emails (measured: 50 emails 1.40 s on one
 * thread, 1.75 s with a worker; 150 emails the same; 1,000 emails 15% faster with it). With more
 * cores V8's helper threads have cores of their own.
 */
export function minPerWorker(cores = availableParallelism()): number {
  return cores <= 2 ? 200 : 24;
}

export interface WorkerInput {
  refs: TargetRef[];
  options: LintOptions;
  counter: Int32Array;
}

/** Worker threads started ahead of their work (see `startWorkers`). */
export interface WorkerPool {
  readonly workers: readonly Worker[];
  /** Stops the workers that were given no work. */
  close(): void;
}

export type WorkerMessage =
  | { kind: 'result'; index: number; result: TargetResult }
  | { kind: 'error'; message: string; config: boolean }
  | { kind: 'done' };

/**
 * Makes V8's optimizing compiler do less work per function, for a process that lints and exits
 * (the CLI calls it once, before any linting and before starting workers; the flag holds for the
 * whole process and every worker thread). In a lint run of a few seconds the optimizing compiler
 * is about a third of the CPU time, and inlining more than doubles its cost (1,000 emails:
 * 300 compile jobs taking 3.0 s without this, 430 smaller jobs taking 1.4 s with it), while the
 * code it makes is barely slower. Each thread compiles for itself, so with two threads on two
 * cores this compiling ran at the expense of linting: the linting threads were waiting for a
 * core about 40% of their time. Long-lived processes (preview, language server) keep V8's
 * defaults.
 */
export function lightOptimizer(): void {
  setFlagsFromString('--no-turbo-inlining');
}

/** The default number of threads: the cores there are, at most 4. */
export function defaultJobs(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

/** Loads and lints one target. */
export async function lintRef(ref: TargetRef, options: LintOptions): Promise<TargetResult> {
  const { email, config } = await loadTarget(ref);
  const r = await lintEmailResult(email, config, options);
  return { diagnostics: r.diagnostics, coverage: r.coverage };
}

/** Takes targets from the shared counter until none is left. */
export async function drain(refs: readonly TargetRef[], options: LintOptions, counter: Int32Array, done: (index: number, r: TargetResult) => void): Promise<void> {
  for (;;) {
    const i = Atomics.add(counter, 0, 1);
    if (i >= refs.length) return;
    done(i, await lintRef(refs[i]!, options));
  }
}

/**
 * Starts `count` worker threads that wait for their targets: call it before finding the targets
 * and pass it to `lintRefs`, which uses the workers it needs and stops the others.
 */
export function startWorkers(count: number): WorkerPool {
  const workers = Array.from({ length: Math.max(0, count) }, () => spawn(undefined));
  // a worker waiting for work never keeps the process alive (lintRefs refs those it uses)
  for (const w of workers) w.unref();
  return {
    workers,
    close: () => {
      for (const w of workers) void w.terminate();
    },
  };
}

/**
 * Whether linting `paths` may need worker threads: some path is a folder that is not itself an
 * email folder (a project, with possibly many emails). For one email a worker is not started.
 */
export function mayLintMany(paths: readonly string[], cwd: string): boolean {
  return (paths.length > 0 ? paths : ['.']).some((p) => {
    const abs = resolve(cwd, p);
    try {
      return statSync(abs).isDirectory() && !isEmailDir(abs);
    } catch {
      return false;
    }
  });
}

/** Lints every target, on up to `jobs` threads (default: one per core, at most 4). */
export async function lintRefs(
  refs: readonly TargetRef[],
  options: LintOptions = {},
  jobs = defaultJobs(),
  /**
   * `callerWorks: false` leaves every target to the worker threads (tests use it); `pool` gives
   * workers started ahead (those not needed are stopped).
   */
  how: { callerWorks?: boolean; pool?: WorkerPool | undefined } = {},
): Promise<TargetResult[]> {
  const results = new Array<TargetResult>(refs.length);
  const counter = new Int32Array(new SharedArrayBuffer(4));
  const callerWorks = how.callerWorks ?? true;
  const wanted = callerWorks ? Math.min(jobs - 1, Math.floor(refs.length / minPerWorker())) : Math.max(1, jobs - 1);
  const ready = how.pool ? how.pool.workers.slice(0, Math.max(0, wanted)) : [];
  for (const w of how.pool?.workers.slice(ready.length) ?? []) void w.terminate();
  const input: WorkerInput = { refs: [...refs], options, counter };
  const running = Array.from({ length: Math.max(0, wanted) }, (_, k) => {
    const started = ready[k];
    if (!started) return runWorker(spawn(input), results);
    started.ref();
    started.postMessage(input);
    return runWorker(started, results);
  });
  // the calling thread works too; a failure there still waits for the workers to stop
  const own = callerWorks ? drain(refs, options, counter, (i, r) => (results[i] = r)) : Promise.resolve();
  const settled = await Promise.allSettled([own, ...running]);
  for (const s of settled) if (s.status === 'rejected') throw s.reason;
  return results;
}

function runWorker(worker: Worker, results: TargetResult[]): Promise<void> {
  return new Promise((resolve, reject) => {
    let failure: Error | undefined;
    worker.on('message', (m: WorkerMessage) => {
      if (m.kind === 'result') results[m.index] = m.result;
      else if (m.kind === 'error') failure = m.config ? new ConfigError(m.message) : new Error(m.message);
    });
    worker.on('error', (e) => (failure ??= e));
    worker.on('exit', (code) => {
      if (failure) reject(failure);
      else if (code !== 0) reject(new Error(`a lint worker thread exited with code ${code}`));
      else resolve();
    });
  });
}

/**
 * The young generation of a worker's heap, in MB (Node's default is 16 to 32): linting an email
 * makes much short-lived data (payloads, outputs, HTML maps), and a larger nursery lets most of
 * it die there instead of being copied by the collector several times.
 */
const YOUNG_GENERATION_MB = 64;

/**
 * The worker module: built JavaScript, or the TypeScript sources through tsx in a checkout.
 * Without `input` it waits for a WorkerInput message.
 */
function spawn(input: WorkerInput | undefined): Worker {
  const url = new URL(import.meta.url.endsWith('.ts') ? './worker.ts' : './worker.js', import.meta.url);
  const resourceLimits = { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB };
  const data = input === undefined ? {} : { workerData: input };
  if (!url.pathname.endsWith('.ts')) return new Worker(url, { ...data, resourceLimits });
  // tsx's ESM entry, next to the CommonJS one that require.resolve finds
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(boot, { eval: true, ...data, resourceLimits });
}
