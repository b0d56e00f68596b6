/**
 * A lint worker thread: lints targets from the shared counter and posts each result back. Its
 * work comes in workerData, or in the first message when it was started ahead (startWorkers).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { VelvetError } from '../errors.js';
import { drain, type WorkerInput, type WorkerMessage } from './parallel.js';

const post = (m: WorkerMessage) => parentPort!.postMessage(m);
const input =
  (workerData as WorkerInput | undefined) ??
  (await new Promise<WorkerInput>((resolve) => parentPort!.once('message', (m: WorkerInput) => resolve(m))));

try {
  await drain(input.refs, input.options, input.counter, (index, result) => post({ kind: 'result', index, result }));
  post({ kind: 'done' });
} catch (e) {
  post({ kind: 'error', message: e instanceof Error ? e.message : String(e), config: e instanceof VelvetError });
}
