/**
 * Live renders: each browser tab registers what it shows (email, fixture, variant, edited
 * payload); a batch of file events reloads only the affected emails and pushes a new render to
 * the tabs showing them, and only when the render actually differs from the last one they got.
 */
import type { EventChannel } from './channel.js';
import type { ErrorInfo, RenderRequest, RenderResult, Selection } from './protocol.js';
import type { ProjectState } from './state.js';
import type { FileEvent } from './watcher.js';

interface Subscription {
  sel: Selection;
  seq: number;
  /** The last result sent, serialised, to drop repeats (an editor writing the same text twice). */
  last: string;
}

export interface LiveRenderer {
  /** Registers the tab's selection and renders it. */
  select(req: RenderRequest): { seq: number; result: RenderResult };
  /** Handles one batch of file events; batches are processed one after the other. */
  onFiles(batch: FileEvent[]): Promise<void>;
  /** Resolves when every batch handed over so far has been processed. */
  idle(): Promise<void>;
  close(): void;
}

/** Tabs remembered at most; the oldest selection is forgotten first. */
const MAX_SUBSCRIPTIONS = 200;

export function createLiveRenderer(
  state: ProjectState,
  channel: EventChannel,
  errorInfo: (err: unknown) => ErrorInfo,
  log?: (error: ErrorInfo) => void,
): LiveRenderer {
  const subs = new Map<string, Subscription>();
  let queue: Promise<void> = Promise.resolve();
  let closed = false;

  const push = (clientId: string, sub: Subscription, result: RenderResult): void => {
    const key = JSON.stringify(result);
    if (key === sub.last) return;
    sub.last = key;
    if (!result.ok) log?.(result.error);
    sub.seq++;
    channel.send('velvet:render', { clientId, seq: sub.seq, result });
  };

  const handle = async (batch: FileEvent[]): Promise<void> => {
    const before = JSON.stringify(state.summaries());
    const change = await state.apply(batch);
    if (change.error) {
      // a broken config: every tab shows the error over its last good render
      for (const [id, sub] of subs) {
        push(id, sub, { ok: false, email: sub.sel.email, fixture: sub.sel.fixture, variant: sub.sel.variant, error: change.error });
      }
      return;
    }
    if (closed) return;
    const summaries = state.summaries();
    if (JSON.stringify(summaries) !== before) channel.send('velvet:emails', summaries);
    for (const [id, sub] of subs) {
      if (change.emails === 'all' || change.emails.has(sub.sel.email)) push(id, sub, state.render(sub.sel));
    }
  };

  return {
    select(req) {
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
      sub.seq++;
      return { seq: sub.seq, result };
    },
    onFiles(batch) {
      queue = queue.then(() => handle(batch)).catch(() => undefined);
      return queue;
    },
    idle() {
      return queue;
    },
    close() {
      closed = true;
      subs.clear();
    },
  };
}
