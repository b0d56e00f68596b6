/**
 * Plain-text conversion off the server's thread: a worker runs html-to-text, so converting a
 * huge render never keeps the preview from answering other requests, and a conversion that
 * runs too long is stopped (the worker is replaced) instead of stalling anything.
 *
 * The worker is a small CommonJS script given as text, so it runs the same from sources, from
 * dist/ and under the test runner; it loads html-to-text from the path resolved here.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { TEXT_OPTIONS, cleanText } from './plain-text.js';

const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { convert } = require(workerData.module);
const options = Object.assign({}, workerData.options, {
  formatters: {
    // as linkedImageAlt() in plain-text.ts: the alt text of an image inside a link, else nothing
    linkedImage: (elem, walk, builder) => {
      for (let p = elem.parent; p; p = p.parent) {
        if (p.name === 'a') {
          const alt = elem.attribs && elem.attribs.alt;
          if (alt) builder.addInline(alt);
          return;
        }
      }
    },
  },
});
parentPort.on('message', ({ id, html }) => {
  try {
    parentPort.postMessage({ id, text: convert(html, options) });
  } catch (err) {
    parentPort.postMessage({ id, error: String(err && err.message || err) });
  }
});
`;

export interface TextConverter {
  /** Plain text of `html`; a note instead of the text when the conversion fails or times out. */
  convert(html: string): Promise<string>;
  close(): Promise<void>;
}

export interface TextConverterOptions {
  /** Longest a conversion may take. Default 10 s. */
  timeoutMs?: number | undefined;
}

interface Job {
  resolve(text: string): void;
  timer: NodeJS.Timeout;
}

export function createTextConverter(options: TextConverterOptions = {}): TextConverter {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const module = createRequire(import.meta.url).resolve('html-to-text');
  const jobs = new Map<number, Job>();
  let worker: Worker | undefined;
  let next = 0;
  let closed = false;

  const settle = (id: number, text: string): void => {
    const job = jobs.get(id);
    if (!job) return;
    jobs.delete(id);
    clearTimeout(job.timer);
    job.resolve(text);
  };
  /** Ends the worker and every job it holds; the next conversion starts a new one. */
  const fail = (w: Worker, note: string): void => {
    if (worker !== w) return;
    worker = undefined;
    void w.terminate();
    for (const id of [...jobs.keys()]) settle(id, note);
  };
  const start = (): Worker => {
    const w = new Worker(WORKER, { eval: true, workerData: { module, options: TEXT_OPTIONS } });
    w.unref();
    w.on('message', (m: { id: number; text?: string; error?: string }) => {
      settle(m.id, m.text !== undefined ? cleanText(m.text) : `(no plain-text version: ${m.error ?? 'the conversion failed'})`);
    });
    w.on('error', (err) => fail(w, `(no plain-text version: ${err.message})`));
    w.on('exit', () => fail(w, '(no plain-text version: the converter stopped)'));
    return w;
  };

  return {
    convert(html) {
      if (closed) return Promise.resolve('');
      worker ??= start();
      const w = worker;
      const id = next++;
      return new Promise<string>((resolve) => {
        const timer = setTimeout(() => fail(w, `(no plain-text version: the conversion took longer than ${timeoutMs / 1000} s)`), timeoutMs);
        jobs.set(id, { resolve, timer });
        w.postMessage({ id, html });
      });
    },
    async close() {
      closed = true;
      const w = worker;
      worker = undefined;
      for (const id of [...jobs.keys()]) settle(id, '');
      await w?.terminate();
    },
  };
}
