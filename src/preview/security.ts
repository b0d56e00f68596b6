/**
 * The preview's guards: the Host header check against DNS rebinding, the per-session token for
 * requests that change something or send mail, and path resolution that never leaves a folder.
 */
import { randomBytes, timingSafeEqual, createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { networkInterfaces } from 'node:os';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { realpathSync } from 'node:fs';

type Next = (err?: unknown) => void;
export type Middleware = (req: IncomingMessage, res: ServerResponse, next: Next) => void;

const LOOPBACK = ['localhost', '127.0.0.1', '[::1]', '::1'];

/** Host names a request may name: the bound host and loopback (and this machine's addresses when bound to all). */
export function allowedHostnames(boundHost: string): Set<string> {
  const names = new Set<string>(LOOPBACK);
  const h = boundHost.toLowerCase();
  names.add(h.includes(':') && !h.startsWith('[') ? `[${h}]` : h);
  if (h === '0.0.0.0' || h === '::' || h === '[::]') {
    for (const list of Object.values(networkInterfaces())) {
      for (const a of list ?? []) names.add(a.family === 'IPv6' ? `[${a.address.toLowerCase()}]` : a.address);
    }
  }
  return names;
}

/** The host name of a Host header, without the port; undefined when malformed. */
export function hostnameOf(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const m = /^(\[[0-9a-f:.]+\]|[^:[\]\s/]+)(?::(\d{1,5}))?$/i.exec(header.trim());
  return m?.[1]?.toLowerCase();
}

/** 403 for any request whose Host is not one of `allowed` (DNS rebinding). */
export function hostCheck(allowed: ReadonlySet<string>): Middleware {
  return (req, res, next) => {
    const name = hostnameOf(req.headers.host);
    if (name !== undefined && allowed.has(name)) return next();
    res.statusCode = 403;
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.end('Forbidden: unknown Host header (velvet preview only answers to localhost)');
  };
}

/** The policy of the UI's answers: no other page may put the preview in a frame (clickjacking). */
export const UI_CSP = "frame-ancestors 'none'";

/**
 * `X-Frame-Options: DENY` and `Content-Security-Policy: frame-ancestors 'none'` on every answer
 * (the UI's HTML above all; harmless on the rest). Answers that set their own policy, such as
 * the project files, replace it with one that also denies framing.
 */
export function frameGuard(): Middleware {
  return (_req, res, next) => {
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Content-Security-Policy', UI_CSP);
    next();
  };
}

/** A random per-session token (URL-safe). */
export function createToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Constant-time comparison (hashes first, so the lengths never leak either). */
export function tokenMatches(expected: string, given: string | string[] | undefined): boolean {
  if (typeof given !== 'string') return false;
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(given).digest();
  return timingSafeEqual(a, b);
}

/**
 * `base` joined with a URL path, or undefined when the result would leave `base` (`..`,
 * absolute paths, encoded separators, NUL, dot-files such as `.env`, or a symlink out).
 */
export function resolveInside(base: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const parts = decoded.split('/').filter((p) => p !== '');
  if (parts.some((p) => p === '..' || p.startsWith('.'))) return undefined;
  const root = resolve(base);
  const target = resolve(root, ...parts);
  if (!isInside(root, target)) return undefined;
  try {
    const real = realpathSync(target);
    if (!isInside(realpathSync(root), real)) return undefined;
    return real;
  } catch {
    return undefined;
  }
}

export function isInside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === '' || (!rel.startsWith('..' + sep) && rel !== '..' && !isAbsolute(rel));
}
