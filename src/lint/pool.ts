/**
 * Worker threads for linting many emails, started ahead of their work: this module loads
 * nothing of the linter, so the CLI can start the workers (each loads the linter for itself)
 * before the calling thread loads it too, and both load at the same time on two cores.
 */
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { isEmailDir } from '../project/layout.js';
import type { LintOptions } from './runner.js';
import type { TargetRef } from './targets.js';

/**
 * How many emails a worker thread must get for it to be started: fewer are linted on the calling
 * thread alone. A worker costs its start-up and a JIT warm-up of its own, about a second of CPU.
 * On two cores V8's compiler and collector already keep the second core busy for one thread, and
 * there a worker pays off only from about 600 to 700 emails (medians of alternated CLI runs:
 * 200 emails 1.23 s on one thread, 1.41 s with a worker; 500 emails 1.93 and 2.01 s; 700 emails
 * 2.64 and 2.60 s; 1,000 emails 3.64 and 3.45 s). With more cores V8's helper threads have cores
 * of their own.
 */
export function minPerWorker(cores = availableParallelism()): number {
  return cores <= 2 ? 600 : 24;
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
export function spawn(input: WorkerInput | undefined): Worker {
  const url = new URL(import.meta.url.endsWith('.ts') ? './worker.ts' : './worker.js', import.meta.url);
  const resourceLimits = { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB };
  const data = input === undefined ? {} : { workerData: input };
  if (!url.pathname.endsWith('.ts')) return new Worker(url, { ...data, resourceLimits });
  // tsx's ESM entry, next to the CommonJS one that require.resolve finds
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(boot, { eval: true, ...data, resourceLimits });
}
