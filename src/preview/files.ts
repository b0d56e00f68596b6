/**
 * Project files for the rendered email (images, fonts, CSS referenced by relative URLs) under
 * /__velvet/files/. Only asset types are served, never dot-files (`.env`), never anything
 * outside the project folder.
 *
 * These files share the UI's origin, so every answer carries a sandboxing CSP: an SVG with a
 * <script> (or any file opened as a page) runs in an opaque origin with scripts off and cannot
 * reach the UI or its session token. As an <img>, a CSS file or a font they work as usual.
 */
import { createReadStream, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { extname } from 'node:path';
import { FILES_PREFIX } from './protocol.js';
import { resolveInside, type Middleware } from './security.js';

const TYPES: Record<string, string> = {
  '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.webp': 'image/webp',
  '.svg': 'image/svg+xml', '.ico': 'image/x-icon', '.avif': 'image/avif', '.bmp': 'image/bmp',
  '.css': 'text/css; charset=utf-8', '.woff': 'font/woff', '.woff2': 'font/woff2', '.ttf': 'font/ttf', '.otf': 'font/otf',
};

/** The policy of every /__velvet/files/ answer: no scripts, no plugins, no same origin. */
export const FILES_CSP = "sandbox; default-src 'none'; img-src data: blob:; style-src 'unsafe-inline'; frame-ancestors 'none'";

function guard(res: ServerResponse): void {
  res.setHeader('Content-Security-Policy', FILES_CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
}

export function createFilesMiddleware(root: () => string): Middleware {
  return (req, res, next) => {
    const raw = (req.url ?? '/').split('?')[0] ?? '/';
    if (!raw.startsWith(FILES_PREFIX + '/')) return next();
    guard(res);
    const deny = (status: number, text: string): void => {
      res.statusCode = status;
      res.setHeader('Content-Type', 'text/plain; charset=utf-8');
      res.end(text);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return deny(405, 'Method not allowed');
    const file = resolveInside(root(), raw.slice(FILES_PREFIX.length + 1));
    const type = file ? TYPES[extname(file).toLowerCase()] : undefined;
    if (!file || !type) return deny(404, 'Not found');
    let size: number;
    try {
      const st = statSync(file);
      if (!st.isFile()) return deny(404, 'Not found');
      size = st.size;
    } catch {
      return deny(404, 'Not found');
    }
    res.statusCode = 200;
    res.setHeader('Content-Type', type);
    res.setHeader('Content-Length', size);
    res.setHeader('Cache-Control', 'no-cache');
    // an SVG opened on its own is a document: never let it be anything but a download
    if (type === 'image/svg+xml') res.setHeader('Content-Disposition', 'attachment');
    if (req.method === 'HEAD') return res.end();
    createReadStream(file).pipe(res);
  };
}
