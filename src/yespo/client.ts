import { ConfigError } from '../errors.js';
import { YespoApiError, statusHint } from './errors.js';
import { createKeyRedactor, createRedactor, REDACTED } from './redact.js';
import { DEFAULT_RETRY, isRetryableStatus, parseRetryAfter, retryDelay, type RetryPolicy } from './retry.js';
import { AnswerTooDeep, cleanStrings, oneLine, stripControls } from './server-text.js';

/** Yespo's documented API base; `/v1/...` and `/v2/...` paths are appended to it. */
export const DEFAULT_API_URL = 'https://yespo.io/api';
export const DEFAULT_TIMEOUT_MS = 30_000;
/** Yespo's answers are small; anything bigger than this is not read (so it cannot exhaust memory). */
export const DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;
/** The only methods sent: reads, sends and updates. Nothing in an account is ever deleted. */
const METHODS: ReadonlySet<string> = new Set(['GET', 'POST', 'PUT']);
/** What a command says when it needs the key and has none. */
export const NO_KEY = 'YESPO_API_KEY is not set. Put your Yespo API key in the environment (see docs/sending.md)';
/** Any user name works with Basic auth; the key is the password. */
const BASIC_USER = 'velvet';

export interface ClientOptions {
  /** API base (default https://yespo.io/api). A trailing `/v1` is tolerated and dropped. */
  baseUrl?: string | undefined;
  /** The API key; only needed to execute requests (a dry run works without it). */
  apiKey?: string | undefined;
  /** Per-attempt timeout in ms, including reading the body (default 30,000). */
  timeoutMs?: number | undefined;
  retry?: Partial<RetryPolicy> | undefined;
  /** Largest answer body read, in bytes (default 16 MB); a bigger one fails the request. */
  maxResponseBytes?: number | undefined;
  /** Replaceable for tests. */
  fetch?: typeof fetch | undefined;
  sleep?: ((ms: number) => Promise<void>) | undefined;
  /** Told about each retry of a read (for a progress line). */
  onRetry?: ((info: { attempt: number; delayMs: number; reason: string }) => void) | undefined;
}

export interface ApiRequest {
  method: 'GET' | 'POST' | 'PUT';
  /** Path below the base, starting with `/v1/` or `/v2/`. */
  path: string;
  query?: Record<string, string> | undefined;
  /** Serialised as JSON. */
  body?: unknown;
  /** The exact JSON text to send instead of serialising `body` (keeps a fixture byte for byte). */
  bodyText?: string | undefined;
}

/** A request as it would go on the wire (Authorization still holds the real credentials). */
export interface PreparedRequest {
  method: string;
  url: string;
  /** Path and query relative to the base, for error messages. */
  target: string;
  headers: Record<string, string>;
  body: string | undefined;
}

export interface ApiResponse {
  status: number;
  /**
   * Parsed JSON, the plain text when the body is not JSON, or null when it is empty. Every string
   * in it is redacted and free of terminal control characters, so it is safe to print.
   */
  data: unknown;
  /** The body as received, redacted (control characters kept: print `data`, not this). */
  text: string;
  /**
   * The body byte for byte, with only the API key's own forms removed: for content that is
   * stored or sent back unchanged (a message's fields). Never print it.
   */
  exact: string;
}

export function normalizeBaseUrl(url: string): string {
  return url.trim().replace(/\/+$/, '').replace(/\/v[12]$/, '');
}

export class YespoClient {
  readonly baseUrl: string;
  readonly timeoutMs: number;
  readonly retry: RetryPolicy;
  readonly maxResponseBytes: number;
  /** Scrubs the key from any text; use it on everything that is printed. */
  readonly redact: (text: string) => string;
  /**
   * Scrubs only the key's own forms: for content kept byte for byte (a message's HTML, where
   * "Basic plan" is ordinary text), such as the values parsed from `exact`.
   */
  readonly redactKey: (text: string) => string;
  readonly #apiKey: string | undefined;
  readonly #fetch: typeof fetch;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #onRetry: ClientOptions['onRetry'];

  constructor(options: ClientOptions = {}) {
    this.baseUrl = normalizeBaseUrl(options.baseUrl ?? DEFAULT_API_URL);
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.maxResponseBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    this.#apiKey = options.apiKey || undefined;
    this.redact = createRedactor(this.#apiKey);
    this.redactKey = createKeyRedactor(this.#apiKey);
    this.#fetch = options.fetch ?? globalThis.fetch;
    this.#sleep = options.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.#onRetry = options.onRetry;
  }

  get hasKey(): boolean {
    return this.#apiKey !== undefined;
  }

  prepare(req: ApiRequest): PreparedRequest {
    const qs = req.query ? new URLSearchParams(req.query).toString() : '';
    const target = req.path + (qs ? `?${qs}` : '');
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (this.#apiKey !== undefined) {
      headers['Authorization'] =
        'Basic ' + Buffer.from(`${BASIC_USER}:${this.#apiKey}`, 'utf8').toString('base64');
    }
    const body = req.bodyText ?? (req.body === undefined ? undefined : JSON.stringify(req.body));
    if (body !== undefined) headers['Content-Type'] = 'application/json; charset=UTF-8';
    return { method: req.method, url: this.baseUrl + target, target, headers, body };
  }

  /**
   * The exact request as text for `--dry-run`: request line, headers (credentials replaced),
   * blank line, body. Nothing is sent.
   */
  describe(req: ApiRequest): string {
    const p = this.prepare(req);
    const lines = [`${p.method} ${p.url}`];
    const headers = { ...p.headers };
    headers['Authorization'] = this.hasKey
      ? `Basic ${REDACTED} (user "${BASIC_USER}", password: $YESPO_API_KEY)`
      : `Basic ${REDACTED} (YESPO_API_KEY is not set)`;
    for (const name of Object.keys(headers).sort()) lines.push(`${name}: ${headers[name]}`);
    if (p.body !== undefined) lines.push('', p.body);
    return this.redact(lines.join('\n')) + '\n';
  }

  /**
   * Sends a request. GETs are retried on 429, 5xx, timeouts and network errors with backoff
   * (honouring Retry-After); POSTs are sent exactly once, since a repeat can deliver twice.
   * Resolves with any 2xx response; rejects with YespoApiError otherwise.
   */
  async request(req: ApiRequest): Promise<ApiResponse> {
    // the type says so, and so does the code: nothing can ever DELETE (or PATCH) in an account
    if (!METHODS.has(req.method)) throw new ConfigError(`velvet sends only GET, POST and PUT to Yespo, not ${JSON.stringify(req.method)}`);
    if (this.#apiKey === undefined) {
      throw new ConfigError(
        `${NO_KEY}.`,
      );
    }
    const prepared = this.prepare(req);
    const retries = req.method === 'GET' ? this.retry.retries : 0;
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.#once(prepared);
      } catch (err) {
        if (!(err instanceof YespoApiError) || attempt >= retries) throw err;
        const retryable = err.kind !== 'http' || isRetryableStatus(err.status ?? 0);
        if (!retryable) throw err;
        const after = err.retryAfterSeconds === undefined ? undefined : err.retryAfterSeconds * 1000;
        const delayMs = retryDelay(attempt + 1, after, this.retry);
        this.#onRetry?.({ attempt: attempt + 1, delayMs, reason: err.reason });
        await this.#sleep(delayMs);
      }
    }
  }

  async #once(p: PreparedRequest): Promise<ApiResponse> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    const sends = p.method !== 'GET';
    let status: number | undefined;
    try {
      const res = await this.#fetch(p.url, {
        method: p.method,
        headers: p.headers,
        body: p.body,
        signal: controller.signal,
        redirect: 'error',
      });
      status = res.status;
      // redact the whole raw text first, then the decoded strings (JSON escapes), and only then
      // shorten anything: a cut can never leave part of a key behind
      const received = await readCapped(res, this.maxResponseBytes, `${p.method} ${this.redact(p.target)}`, controller);
      const text = this.redact(received);
      const data = cleanStrings(parseBody(text), (s) => stripControls(this.redact(s)));
      if (res.ok) return { status: res.status, data, text, exact: this.redactKey(received) };
      const message = yespoMessage(data) ?? '';
      const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'));
      throw new YespoApiError(
        `${p.method} ${this.redact(p.target)} failed: ${res.status} ${statusHint(res.status)}` +
          (message ? `. Yespo said: ${message}` : ''),
        {
          method: p.method,
          path: this.redact(p.target),
          kind: 'http',
          status: res.status,
          yespoMessage: message || undefined,
          retryAfterSeconds: retryAfterMs === undefined ? undefined : retryAfterMs / 1000,
        },
      );
    } catch (err) {
      if (err instanceof YespoApiError) throw err;
      if (err instanceof TooLarge || err instanceof AnswerTooDeep) {
        const received = sends ? `. Yespo received the request (HTTP ${status}); it was not repeated` : '';
        const what = err instanceof TooLarge ? err.message : `${p.method} ${this.redact(p.target)} failed: ${err.message}`;
        throw new YespoApiError(`${what}${received}`, { method: p.method, path: this.redact(p.target), kind: 'http', status });
      }
      const timedOut = controller.signal.aborted;
      const where = `${p.method} ${this.redact(p.target)}`;
      const detail = timedOut
        ? `no complete answer within ${this.timeoutMs / 1000}s`
        : `could not reach ${this.redact(this.baseUrl)} (${this.redact(networkReason(err))})`;
      const unsure = sends
        ? '. The request may or may not have been delivered; it was not repeated, check Yespo before sending again'
        : '';
      throw new YespoApiError(`${where} failed: ${detail}${unsure}`, {
        method: p.method,
        path: this.redact(p.target),
        kind: timedOut ? 'timeout' : 'network',
        status,
        maybeDelivered: sends,
      });
    } finally {
      clearTimeout(timer);
    }
  }
}

class TooLarge extends Error {}

/** The body as text, refusing to read more than `max` bytes (the connection is closed then). */
async function readCapped(res: Response, max: number, where: string, controller: AbortController): Promise<string> {
  const length = Number(res.headers.get('content-length') ?? NaN);
  const tooLarge = (): TooLarge =>
    new TooLarge(`${where} failed: the answer is larger than ${(max / 1024 / 1024).toFixed(1)} MB; velvet stopped reading it`);
  if (length > max) {
    controller.abort();
    throw tooLarge();
  }
  if (!res.body) return '';
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let size = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      controller.abort();
      throw tooLarge();
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}

/** JSON when it parses, the trimmed text otherwise, null for an empty body (v1 event answers so). */
export function parseBody(text: string): unknown {
  const t = text.trim();
  if (t === '') return null;
  try {
    return JSON.parse(t) as unknown;
  } catch {
    return t;
  }
}

/** Yespo's message from an error body: a JSON `message`/`error` field or the text itself. */
export function yespoMessage(data: unknown): string | undefined {
  let msg: string | undefined;
  if (typeof data === 'string') msg = data;
  else if (data && typeof data === 'object') {
    const o = data as Record<string, unknown>;
    for (const k of ['message', 'error', 'errorMessage', 'error_description', 'errors']) {
      const v = o[k];
      if (typeof v === 'string' && v) msg = v;
      else if (v !== undefined && v !== null && msg === undefined) msg = JSON.stringify(v);
      if (msg) break;
    }
    msg ??= JSON.stringify(data);
  }
  if (msg === undefined) return undefined;
  const line = oneLine(msg);
  return line.length > 500 ? line.slice(0, 500) + '…' : line;
}

function networkReason(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } } | undefined)?.cause;
  if (cause?.code) return cause.code;
  if (cause?.message) return cause.message;
  return err instanceof Error ? err.message : String(err);
}
