import { VelvetError } from '../errors.js';

/** What went wrong with a request: Yespo answered with an error status, or no answer came. */
export type YespoFailure = 'http' | 'timeout' | 'network';

export interface YespoApiErrorInit {
  method: string;
  /** Path and query relative to the API base, e.g. `/v1/message/status?ids=…`. Never a secret. */
  path: string;
  kind: YespoFailure;
  /** HTTP status; undefined when no response arrived. */
  status?: number | undefined;
  /** Yespo's own message (JSON `message`/`error` or the text body), already redacted. */
  yespoMessage?: string | undefined;
  /**
   * True when a request that sends something (smartsend, message/email, event) got no answer:
   * Yespo may or may not have acted on it, and it was deliberately not repeated.
   */
  maybeDelivered?: boolean | undefined;
  /** Seconds Yespo asked us to wait (429 Retry-After), when given. */
  retryAfterSeconds?: number | undefined;
  cause?: unknown;
}

/**
 * The one error class of the Yespo client. The message says what was asked, what Yespo answered
 * and, where it helps, what to do; it never contains the API key (callers pass redacted text).
 */
export class YespoApiError extends VelvetError {
  readonly method: string;
  readonly path: string;
  readonly kind: YespoFailure;
  readonly status: number | undefined;
  readonly yespoMessage: string | undefined;
  readonly maybeDelivered: boolean;
  readonly retryAfterSeconds: number | undefined;

  constructor(reason: string, init: YespoApiErrorInit) {
    super(reason, {}, init.cause === undefined ? undefined : { cause: init.cause });
    this.method = init.method;
    this.path = init.path;
    this.kind = init.kind;
    this.status = init.status;
    this.yespoMessage = init.yespoMessage;
    this.maybeDelivered = init.maybeDelivered ?? false;
    this.retryAfterSeconds = init.retryAfterSeconds;
  }
}

/** A short human explanation of common statuses, appended to error messages. */
export function statusHint(status: number): string {
  switch (status) {
    case 400:
      return 'Yespo rejected the request as invalid';
    case 401:
      return 'Yespo rejected the API key (check YESPO_API_KEY; run `velvet doctor`)';
    case 403:
      return 'the API key lacks permission for this method';
    case 404:
      return 'not found (check the message id or the API URL)';
    case 413:
      return 'the request body is too large';
    case 429:
      return 'too many requests; Yespo asks to slow down';
    default:
      return status >= 500 ? 'Yespo had a server error' : `HTTP ${status}`;
  }
}
