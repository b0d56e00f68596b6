/**
 * Diagnostics as you type. Each email with an open document is linted with its fixtures and the
 * unsaved text; the result is published to every file it points into, and files that no longer
 * have findings are cleared. Checks are debounced without a fixed wait: the first change after a
 * quiet spell is checked at once, changes that follow within `windowMs` of a check's start are
 * gathered into one check at the end of the window, and a check never runs twice at a time.
 */
import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import type { Diagnostic } from '../lint/types.js';
import type { Email, ResolvedConfig } from '../project/index.js';
import type { ReadText } from './definition.js';
import { toLspDiagnostics } from './diagnostics.js';
import { fileUri, type UriOf } from './uris.js';

export interface CheckTarget {
  /** The email to lint; undefined when it does not load (then only `problems` are shown). */
  email: Email | undefined;
  config: ResolvedConfig;
  /** Findings that come from loading rather than linting (a broken email.json). */
  problems: Diagnostic[];
  /** The template file, cleared when it has no findings. */
  templateFile: string;
}

export interface CheckerOptions {
  /** The email behind a key, as it is now (unsaved text included); undefined drops the key. */
  target(key: string): CheckTarget | undefined;
  lint(email: Email, config: ResolvedConfig): Promise<Diagnostic[]>;
  publish(uri: string, diagnostics: LspDiagnostic[]): void;
  read: ReadText;
  /** The URI to publish a file's findings under (default its file URI). */
  uriOf?: UriOf | undefined;
  /** Gathering window of quick successive changes. Default 100 ms. */
  windowMs?: number | undefined;
  log?: ((message: string) => void) | undefined;
}

export interface Checker {
  /** Marks an email (by key) for a new check. */
  mark(key: string): void;
  /** Stops checking `key` and clears what was published for it. */
  drop(key: string): void;
  /** Resolves when no check is pending or running. */
  idle(): Promise<void>;
  close(): void;
}

export function createChecker(options: CheckerOptions): Checker {
  const windowMs = options.windowMs ?? 100;
  const uriOf = options.uriOf ?? fileUri;
  const dirty = new Set<string>();
  const published = new Map<string, Set<string>>();
  let running: Promise<void> | undefined;
  /** Cancels the scheduled check, when one is scheduled. */
  let timer: (() => void) | undefined;
  let lastStart = -Infinity;
  let closed = false;
  let waiters: (() => void)[] = [];

  const settle = (): void => {
    if (running || timer || dirty.size) return;
    const w = waiters;
    waiters = [];
    for (const f of w) f();
  };

  const publishFor = (key: string, byUri: Map<string, LspDiagnostic[]>): void => {
    const before = published.get(key) ?? new Set<string>();
    for (const [uri, list] of byUri) options.publish(uri, list);
    for (const uri of before) if (!byUri.has(uri)) options.publish(uri, []);
    published.set(key, new Set(byUri.keys()));
  };

  const checkOne = async (key: string): Promise<void> => {
    const t = options.target(key);
    if (!t) return;
    try {
      const found = t.email ? await options.lint(t.email, t.config) : [];
      // the key may have been dropped while the check ran
      if (closed || options.target(key) === undefined) return;
      const byUri = toLspDiagnostics([...t.problems, ...found], t.email, options.read, uriOf);
      byUri.set(uriOf(t.templateFile), byUri.get(uriOf(t.templateFile)) ?? []);
      publishFor(key, byUri);
    } catch (err) {
      options.log?.(`velvet: lint failed for ${key}: ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    }
  };

  const run = (): void => {
    timer = undefined;
    if (running || closed) return;
    lastStart = performance.now();
    running = (async () => {
      while (dirty.size && !closed) {
        const [key] = dirty;
        dirty.delete(key!);
        await checkOne(key!);
      }
    })().finally(() => {
      running = undefined;
      if (dirty.size) schedule();
      else settle();
    });
  };

  const schedule = (): void => {
    if (timer || running || closed) return;
    const wait = lastStart + windowMs - performance.now();
    if (wait <= 0) {
      // after the messages already read, so that the edits of one batch are checked together
      const t = setImmediate(run);
      timer = () => clearImmediate(t);
    } else {
      const t = setTimeout(run, wait);
      timer = () => clearTimeout(t);
    }
  };

  return {
    mark(key) {
      dirty.add(key);
      schedule();
    },
    drop(key) {
      dirty.delete(key);
      const before = published.get(key);
      published.delete(key);
      for (const uri of before ?? []) options.publish(uri, []);
    },
    idle() {
      return new Promise<void>((r) => {
        waiters.push(r);
        settle();
      });
    },
    close() {
      closed = true;
      timer?.();
      timer = undefined;
      dirty.clear();
      settle();
    },
  };
}
