import type { YespoClient } from './client.js';
import { getMessageStatus, truthy } from './endpoints.js';
import { YespoApiError } from './errors.js';
import type { MessageStatus } from './types.js';

export type Outcome = 'delivered' | 'failed' | 'pending';

export interface RecipientStatus {
  requestId: string;
  outcome: Outcome;
  /** Yespo's status word (e.g. DELIVERED), when given. */
  status: string | undefined;
}

export interface PollOptions {
  /** Give up after this many ms (default 120,000). */
  timeoutMs?: number | undefined;
  /** Wait between polls in ms (default 3,000). */
  intervalMs?: number | undefined;
  /** Called after each poll, e.g. to draw a progress line. */
  onProgress?: ((statuses: RecipientStatus[], elapsedMs: number) => void) | undefined;
  sleep?: ((ms: number) => Promise<void>) | undefined;
  now?: (() => number) | undefined;
}

export interface PollResult {
  statuses: RecipientStatus[];
  /** True when some recipients were still pending at the timeout. */
  timedOut: boolean;
}

/** Reads the outcome from one status entry; Yespo sends booleans as strings. */
export function outcomeOf(entry: { status?: unknown; delivered?: unknown; failed?: unknown }): Outcome {
  if (truthy(entry.failed)) return 'failed';
  if (truthy(entry.delivered)) return 'delivered';
  const s = typeof entry.status === 'string' ? entry.status.toUpperCase() : '';
  if (s === 'DELIVERED') return 'delivered';
  if (/FAIL|ERROR|REJECT|BOUNCE|UNDELIVER|INVALID/.test(s)) return 'failed';
  return 'pending';
}

/**
 * Polls `GET /v1/message/status` until every request id is delivered or failed, or the timeout
 * passes. Each poll is a GET, so the client retries it on 429/5xx; an error that survives the
 * retries ends polling with the error.
 */
export async function pollStatus(client: YespoClient, requestIds: string[], options: PollOptions = {}): Promise<PollResult> {
  const timeoutMs = options.timeoutMs ?? 120_000;
  const intervalMs = options.intervalMs ?? 3_000;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = options.now ?? Date.now;
  const start = now();
  const current = new Map<string, RecipientStatus>(
    requestIds.map((id) => [id, { requestId: id, outcome: 'pending', status: undefined }]),
  );
  for (;;) {
    const pending = [...current.values()].filter((s) => s.outcome === 'pending').map((s) => s.requestId);
    if (pending.length === 0) return { statuses: [...current.values()], timedOut: false };
    let entries: MessageStatus[];
    try {
      entries = await getMessageStatus(client, pending);
    } catch (err) {
      // Yespo may not know a request id for a moment after the send; keep polling on 404.
      if (!(err instanceof YespoApiError && err.status === 404)) throw err;
      entries = [];
    }
    for (const e of entries) {
      // With one id pending an entry without requestId can only be about that id.
      const id = typeof e.requestId === 'string' ? e.requestId : pending.length === 1 ? pending[0] : undefined;
      if (id === undefined || !current.has(id)) continue;
      current.set(id, { requestId: id, outcome: outcomeOf(e), status: typeof e.status === 'string' ? e.status : undefined });
    }
    const elapsed = now() - start;
    options.onProgress?.([...current.values()], elapsed);
    if ([...current.values()].every((s) => s.outcome !== 'pending')) {
      return { statuses: [...current.values()], timedOut: false };
    }
    if (elapsed + intervalMs > timeoutMs) return { statuses: [...current.values()], timedOut: true };
    await sleep(intervalMs);
  }
}
