/**
 * Live renders: each browser tab registers what it shows (email, fixture, variant, edited
 * payload); a batch of file events reloads only the affected emails and pushes a new render to
 * the tabs showing them, and only when the render actually differs from the last one they got.
 */
import type { EventChannel } from './channel.js';
import { htmlToText } from './plain-text.js';
import { linterSettled } from './lint.js';
import { createProblemLog, summaryProblems } from './problems.js';
import { templateProblem } from './template-check.js';
import type { EmailSummary, ErrorInfo, RenderRequest, RenderResult, Selection, SourceResponse } from './protocol.js';
import { emailSource } from './source.js';
import type { ProjectState } from './state.js';
import type { FileEvent } from './watcher.js';

interface Subscription {
  sel: Selection;
  seq: number;
  /** The last result sent, serialised, to drop repeats (an editor writing the same text twice). */
  last: string;
  /** The error of the last result, if it failed (for the terminal). */
  error?: ErrorInfo | undefined;
}

export interface LiveRenderer {
  /** Registers the tab's selection and renders it. */
  select(req: RenderRequest): Promise<{ seq: number; result: RenderResult }>;
  /** Handles one batch of file events; batches are processed one after the other. */
  onFiles(batch: FileEvent[]): Promise<void>;
  /** Re-renders the tabs showing these emails after an editor's unsaved text changed. */
  onBuffers(emails: ReadonlySet<string>): Promise<void>;
  /** Resolves when every batch handed over so far has been processed. */
  idle(): Promise<void>;
  /** Notes the sources a tab was given, so `velvet:source` is sent only when they change. */
  sourceSent(source: SourceResponse): void;
  /** Prints the problems the project has now (once the linter is loaded: broken fixtures, templates, emails). */
  reportProblems(): void;
  close(): void;
}

/** Tabs remembered at most; the oldest selection is forgotten first. */
const MAX_SUBSCRIPTIONS = 200;

export function createLiveRenderer(
  state: ProjectState,
  channel: EventChannel,
  errorInfo: (err: unknown) => ErrorInfo,
  log?: (error: ErrorInfo) => void,
  toText: (html: string) => Promise<string> = async (html) => htmlToText(html),
): LiveRenderer {
  const subs = new Map<string, Subscription>();
  let queue: Promise<void> = Promise.resolve();
  let closed = false;
  const problems = createProblemLog(log);
  let configError: ErrorInfo | undefined;
  /** Prints what is newly wrong: the config, the email list's load errors, the tabs' failed renders. */
  const report = (summaries: EmailSummary[]): void => {
    // until the linter is there a syntax error may still get its clearer message: wait for it
    // (the server reports once it has loaded), so nothing is printed twice in two wordings
    if (!linterSettled()) return;
    // a tab's syntax error in the wording the email list has now (it may predate the linter)
    const tabs = [...subs.values()].flatMap((s) =>
      !s.error ? [] : s.error.name === 'ParseError' ? [templateProblem(state.email(s.sel.email), state.errorInfo) ?? s.error] : [s.error],
    );
    problems.update([...(configError ? [configError] : []), ...summaryProblems(summaries), ...tabs]);
  };

  /**
   * The render as the tab gets it: with its plain text (made off this thread: see
   * text-worker.ts) or marked as coming, or for a syntax error the clearest message for it
   * (see template-check.ts).
   */
  const complete = async (result: RenderResult, withText = true): Promise<RenderResult> => {
    if (result.ok) return withText ? { ...result, text: await toText(result.html) } : { ...result, text: '', textPending: true };
    if (result.error.name !== 'ParseError') return result;
    return { ...result, error: templateProblem(state.email(result.email), state.errorInfo) ?? result.error };
  };

  const push = async (clientId: string, sub: Subscription, result: RenderResult): Promise<void> => {
    // the text follows from the html: an unchanged render is dropped before it is converted
    const key = JSON.stringify(result);
    if (key === sub.last) return;
    sub.last = key;
    const seq = ++sub.seq;
    // a save shows at once: the plain text follows in its own event when it is made
    const shown = await complete(result, false);
    sub.error = shown.ok ? undefined : shown.error;
    if (closed) return;
    channel.send('velvet:render', { clientId, seq, result: shown });
    if (result.ok) {
      void toText(result.html).then((text) => {
        if (!closed && sub.seq === seq) channel.send('velvet:text', { clientId, seq, text });
      });
    }
  };

  /** The last sources sent per email, serialised: a change of them goes out as `velvet:source`. */
  const sources = new Map<string, string>();
  const pushSources = (emails: ReadonlySet<string> | 'all'): void => {
    const shown = new Set([...subs.values()].map((s) => s.sel.email));
    for (const name of shown) {
      if (emails !== 'all' && !emails.has(name)) continue;
      const source = emailSource(state, name);
      const key = source ? JSON.stringify(source) : '';
      if (!source || key === sources.get(name)) continue;
      sources.set(name, key);
      if (sources.size > MAX_SUBSCRIPTIONS) sources.delete(sources.keys().next().value as string);
      channel.send('velvet:source', source);
    }
  };

  const handle = async (batch: FileEvent[]): Promise<void> => {
    const before = JSON.stringify(state.summaries());
    const change = await state.apply(batch);
    configError = change.error;
    if (change.error) {
      // a broken config: every tab shows the error over its last good render
      for (const [id, sub] of subs) {
        await push(id, sub, { ok: false, email: sub.sel.email, fixture: sub.sel.fixture, variant: sub.sel.variant, error: change.error });
      }
      report([]);
      return;
    }
    if (closed) return;
    const summaries = state.summaries();
    if (JSON.stringify(summaries) !== before) channel.send('velvet:emails', summaries);
    for (const [id, sub] of subs) {
      if (change.emails === 'all' || change.emails.has(sub.sel.email)) await push(id, sub, state.render(sub.sel));
    }
    pushSources(change.emails);
    report(summaries);
  };

  return {
    async select(req) {
      const { clientId, ...sel } = req;
      const sub = subs.get(clientId) ?? { sel, seq: 0, last: '' };
      subs.delete(clientId);
      subs.set(clientId, sub);
      if (subs.size > MAX_SUBSCRIPTIONS) {
        const oldest = subs.keys().next().value;
        if (oldest !== undefined) subs.delete(oldest);
      }
      sub.sel = { email: sel.email, fixture: sel.fixture, variant: sel.variant, payload: sel.payload };
      const result = state.render(sub.sel);
      sub.last = JSON.stringify(result);
      const seq = ++sub.seq;
      const full = await complete(result);
      sub.error = full.ok ? undefined : full.error;
      report(state.summaries());
      return { seq, result: full };
    },
    onFiles(batch) {
      queue = queue.then(() => handle(batch)).catch(() => undefined);
      return queue;
    },
    onBuffers(emails) {
      queue = queue
        .then(async () => {
          for (const [id, sub] of subs) if (!closed && emails.has(sub.sel.email)) await push(id, sub, state.render(sub.sel));
          if (!closed) pushSources(emails);
        })
        .catch(() => undefined);
      return queue;
    },
    idle() {
      return queue;
    },
    sourceSent(source) {
      sources.set(source.email, JSON.stringify(source));
    },
    reportProblems() {
      // tabs showing a syntax error get it again in the linter's clearer words, then the terminal hears
      queue = queue
        .then(async () => {
          for (const [id, sub] of subs) {
            if (sub.error?.name !== 'ParseError') continue;
            sub.last = '';
            await push(id, sub, state.render(sub.sel));
          }
          report(state.summaries());
        })
        .catch(() => undefined);
    },
    close() {
      closed = true;
      subs.clear();
    },
  };
}
