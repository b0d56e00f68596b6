/**
 * The preview UI as built by `npm run build` (`vite build` of web/ into dist/ui): the files are
 * read once at start and served from memory, so no request path ever reaches the file system.
 * The page gets the session token in a meta tag, as the UI run from sources does.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { VelvetError } from '../errors.js';
import type { Middleware } from './security.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
};

interface Asset {
  body: Buffer;
  type: string;
  /** Hashed file names never change: the browser may keep them. */
  immutable: boolean;
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, d.name);
    if (d.isDirectory()) out.push(...listFiles(full));
    else if (d.isFile()) out.push(full);
  }
  return out;
}

/** The built UI's files by URL path; a VelvetError when the UI was never built. */
export function loadBuiltUi(dir: string): Map<string, Asset> {
  if (!existsSync(join(dir, 'index.html'))) {
    throw new VelvetError(`The preview UI is not built (no ${join(dir, 'index.html')}): run \`npm run build\` first`);
  }
  const assets = new Map<string, Asset>();
  for (const file of listFiles(dir)) {
    const type = TYPES[extname(file).toLowerCase()];
    if (!type) continue;
    const path = '/' + relative(dir, file).split(sep).join('/');
    assets.set(path, { body: readFileSync(file), type, immutable: path.startsWith('/assets/') });
  }
  return assets;
}

/** Serves the built UI: `/` is index.html with the token, `/assets/…` the bundles. */
export function createBuiltUiMiddleware(dir: string, token: string): Middleware {
  const assets = loadBuiltUi(dir);
  const index = assets.get('/index.html');
  assets.delete('/index.html');
  const meta = `<meta name="velvet-token" content="${token}">`;
  const page = Buffer.from(String(index?.body ?? '').replace(/<head>/i, (h) => `${h}\n    ${meta}`), 'utf8');
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const path = (req.url ?? '/').split(/[?#]/)[0] ?? '/';
    const asset = path === '/' || path === '/index.html' ? { body: page, type: TYPES['.html']!, immutable: false } : assets.get(path);
    if (!asset) return next();
    res.statusCode = 200;
    res.setHeader('Content-Type', asset.type);
    res.setHeader('Content-Length', asset.body.length);
    res.setHeader('Cache-Control', asset.immutable ? 'public, max-age=31536000, immutable' : 'no-store');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.end(req.method === 'HEAD' ? undefined : asset.body);
  };
}
