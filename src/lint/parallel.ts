/**
 * Linting many emails on several threads: the calling thread and `jobs - 1` worker threads take
 * the next email from a shared counter until none is left, so a slow email or a worker that
 * starts late never leaves a thread idle. Each thread loads its emails itself (reading fixtures
 * is part of the work). Results come back in target order, as plain data.
 *
 * A worker costs the start of a thread and the load of the linter's modules: `startWorkers`
 * (pool.ts, which loads nothing of the linter) starts them ahead, before the calling thread
 * loads the linter and finds the targets, and they wait for their work in a message. It also costs its own JIT warm-up: every thread compiles the hot functions
 * again, on V8's helper threads, which compete with the linting threads for the cores (see
 * `lightOptimizer`).
 */
import type { Worker } from 'node:worker_threads';
import { ConfigError } from '../errors.js';
import type { CoverageReport } from './coverage.js';
import { defaultJobs, minPerWorker, spawn, type WorkerInput, type WorkerPool } from './pool.js';
import { lintEmailResult, type LintOptions } from './runner.js';
import { loadTarget, type TargetRef } from './targets.js';
import type { Diagnostic } from './types.js';

export { defaultJobs, lightOptimizer, mayLintMany, minPerWorker, startWorkers, type WorkerInput, type WorkerPool } from './pool.js';

/** What one email's lint gives, without the loaded email (so it can cross threads). */
export interface TargetResult {
  diagnostics: Diagnostic[];
  coverage: CoverageReport | undefined;
}

export type WorkerMessage =
  | { kind: 'result'; index: number; result: TargetResult }
  | { kind: 'error'; message: string; config: boolean }
  | { kind: 'done' };

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

