/**
 * `velvet lint --check-links`: is each http(s) URL of the rendered output reachable? A HEAD
 * request (GET when the server answers 405 Method Not Allowed or 501), each URL once per run,
 * a few at a time, each with a timeout. Off by default: linting never touches the network
 * unless asked. Nothing is sent but the request line and standard headers.
 */

export interface LinkCheckOptions {
  /** Time allowed for one URL, in milliseconds. Default 10,000. */
  timeoutMs?: number | undefined;
  /** Requests in flight at once. Default 8. */
  concurrency?: number | undefined;
}

export interface LinkStatus {
  ok: boolean;
  /** The HTTP status of the last answer, when there was one. */
  status?: number | undefined;
  /** Why the URL failed: the status, a timeout or the network error. */
  problem?: string | undefined;
}

export class LinkChecker {
  private readonly seen = new Map<string, Promise<LinkStatus>>();
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  readonly timeoutMs: number;
  readonly concurrency: number;

  constructor(options: LinkCheckOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.concurrency = Math.max(1, options.concurrency ?? 8);
  }

  /** The status of `url` (http or https only; checked once, later calls share the answer). */
  check(url: string): Promise<LinkStatus> {
    let p = this.seen.get(url);
    if (!p) this.seen.set(url, (p = this.slot(() => this.request(url))));
    return p;
  }

  private async slot<T>(f: () => Promise<T>): Promise<T> {
    if (this.active >= this.concurrency) await new Promise<void>((r) => this.waiting.push(r));
    this.active++;
    try {
      return await f();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }

  private async request(url: string): Promise<LinkStatus> {
    if (!/^https?:\/\//i.test(url)) return { ok: false, problem: 'not an http or https URL' };
    try {
      let res = await this.fetch(url, 'HEAD');
      if (res.status === 405 || res.status === 501) res = await this.fetch(url, 'GET');
      return res.status < 400 ? { ok: true, status: res.status } : { ok: false, status: res.status, problem: `HTTP ${res.status}` };
    } catch (e) {
      const err = e as Error & { cause?: { code?: string; message?: string } };
      if (err.name === 'TimeoutError' || err.name === 'AbortError') return { ok: false, problem: `no answer within ${this.timeoutMs} ms` };
      return { ok: false, problem: err.cause?.code ?? err.cause?.message ?? err.message };
    }
  }

  private async fetch(url: string, method: 'HEAD' | 'GET'): Promise<Response> {
    const res = await fetch(url, { method, redirect: 'follow', signal: AbortSignal.timeout(this.timeoutMs), headers: { 'user-agent': 'velvet-link-check' } });
    // the body is not needed: release the connection
    await res.body?.cancel().catch(() => {});
    return res;
  }
}

const checkers = new Map<string, LinkChecker>();

/** The checker of this thread for these options: one per run, so each URL is requested once. */
export function linkChecker(options: LinkCheckOptions): LinkChecker {
  const key = `${options.timeoutMs ?? ''}/${options.concurrency ?? ''}`;
  let c = checkers.get(key);
  if (!c) checkers.set(key, (c = new LinkChecker(options)));
  return c;
}
