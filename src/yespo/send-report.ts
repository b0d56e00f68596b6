/** Text for the outcome of a test send: what Yespo accepted, then what was delivered. */
import type { RecipientStatus } from './status.js';
import type { SendResult } from './types.js';

export interface Accepted {
  locator: string;
  requestId: string;
}

export interface SendSummary {
  lines: string;
  accepted: Accepted[];
  rejected: number;
}

/** Matches Yespo's per-recipient results to the addresses sent. */
export function summarizeResults(recipients: readonly string[], results: readonly SendResult[]): SendSummary {
  const accepted: Accepted[] = [];
  let rejected = 0;
  const out: string[] = [];
  const width = Math.max(...recipients.map((r) => r.length), ...results.map((r) => (r.locator ?? '').length));
  results.forEach((r, i) => {
    // Results normally name their locator; message/email may not, then order is all we have.
    const locator = r.locator ?? recipients[i] ?? `recipient ${i + 1}`;
    const ok = (r.status ?? '').toUpperCase() === 'OK';
    if (ok && r.requestId) {
      accepted.push({ locator, requestId: String(r.requestId) });
      out.push(`  ${locator.padEnd(width)}  accepted  request ${r.requestId}`);
    } else if (ok) {
      accepted.push({ locator, requestId: '' });
      out.push(`  ${locator.padEnd(width)}  accepted  (no request id to follow)`);
    } else {
      rejected++;
      out.push(`  ${locator.padEnd(width)}  ${r.status ?? 'UNKNOWN'}  ${r.message ?? 'Yespo gave no reason'}`);
    }
  });
  const missing = recipients.filter((a) => !results.some((r, i) => (r.locator ?? recipients[i])?.toLowerCase() === a.toLowerCase()));
  for (const a of missing) out.push(`  ${a.padEnd(width)}  no result from Yespo`);
  return { lines: out.join('\n') + '\n', accepted, rejected: rejected + missing.length };
}

export function formatOutcomes(accepted: readonly Accepted[], statuses: readonly RecipientStatus[], timedOut: boolean): string {
  const width = Math.max(...accepted.map((a) => a.locator.length));
  return (
    accepted
      .map((a) => {
        const s = statuses.find((x) => x.requestId === a.requestId);
        const outcome = s?.outcome ?? 'pending';
        const word = outcome === 'pending' && timedOut ? 'not confirmed (timeout)' : outcome;
        return `  ${a.locator.padEnd(width)}  ${word}${s?.status ? `  (${s.status})` : ''}`;
      })
      .join('\n') + '\n'
  );
}
