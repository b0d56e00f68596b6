/** Retry policy for safe (read-only) requests. A request that sends something is never retried. */
export interface RetryPolicy {
  /** Retries after the first attempt (default 3). */
  retries: number;
  /** First backoff delay in ms; doubles each retry (default 500). */
  baseDelayMs: number;
  /** Longest single wait in ms, also for a larger Retry-After (default 30,000). */
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 3, baseDelayMs: 500, maxDelayMs: 30_000 };

/** Statuses worth retrying: rate limiting and server errors. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/**
 * Parses a Retry-After header: delay seconds (`120`) or an HTTP date. Returns milliseconds
 * (never negative), or undefined when the header is absent or unreadable.
 */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (value == null) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

/** The wait before retry number `attempt` (1-based): Retry-After when given, else backoff; capped. */
export function retryDelay(attempt: number, retryAfterMs: number | undefined, policy: RetryPolicy): number {
  const backoff = policy.baseDelayMs * 2 ** Math.max(0, attempt - 1);
  return Math.min(retryAfterMs ?? backoff, policy.maxDelayMs);
}
