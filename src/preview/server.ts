/**
 * `velvet preview`: a Vite dev server that serves the Lit UI from web/ and, through one plugin,
 * the project's renders. Built from small factories (project state, watcher, event channel,
 * live renderer, send service, middlewares), all closed by one `close()`.
 */
import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer, type Plugin } from 'vite';
import { createApiMiddleware } from './api.js';
import { createEventChannel } from './channel.js';
import { createFilesMiddleware } from './files.js';
import { createLiveRenderer } from './live.js';
import type { ErrorInfo } from './protocol.js';
import { allowedHostnames, createToken, frameGuard, hostCheck } from './security.js';
import { createSendService } from './send.js';
import { createProjectState } from './state.js';
import { createTextConverter } from './text-worker.js';
import { createProjectWatcher } from './watcher.js';

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 5179;

export interface PreviewOptions {
  /** Project folder, email folder or folder of emails. */
  dir: string;
  /** Interface to listen on. Default 127.0.0.1 (this machine only). */
  host?: string | undefined;
  /** Port. Default 5179, or the next free one; 0 picks any free port. */
  port?: number | undefined;
  /** Fail instead of trying the next port when `port` is taken. Default false. */
  strictPort?: boolean | undefined;
  /** Environment with the Yespo settings (YESPO_API_KEY stays on the server). Default process.env. */
  env?: Record<string, string | undefined> | undefined;
  /** Delivery status polling of test sends. Default: every 3 s for up to 2 min. */
  sendPoll?: { intervalMs?: number | undefined; timeoutMs?: number | undefined } | undefined;
  /** Where render errors after a change are reported (the terminal). Default: nowhere. */
  log?: ((text: string) => void) | undefined;
}

export interface PreviewServer {
  /** The address to open, e.g. http://127.0.0.1:5179/ */
  url: string;
  host: string;
  port: number;
  close(): Promise<void>;
}

export const WEB_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'web');

/** Folders of the UI's runtime modules: the only files Vite may serve from outside web/. */
function uiPackageDirs(): string[] {
  const require = createRequire(import.meta.url);
  const dirs: string[] = [];
  for (const name of ['lit', 'lit-html', 'lit-element', '@lit/reactive-element']) {
    try {
      // package.json is not always exported: walk up from the entry point to the package folder
      const entry = realpathSync(require.resolve(name));
      const marker = `${sep}node_modules${sep}${name.split('/').join(sep)}${sep}`;
      const at = entry.lastIndexOf(marker);
      if (at >= 0) dirs.push(entry.slice(0, at + marker.length - 1));
    } catch {
      // not installed on its own: it lives inside lit's folder
    }
  }
  return dirs;
}

export function formatErrorInfo(e: ErrorInfo): string {
  const where = e.file ? `${e.file}${e.line !== undefined ? `:${e.line}:${e.column ?? 1}` : ''} ` : '';
  return `${where}${e.message}${e.frame ? `\n${e.frame}` : ''}\n`;
}

export async function startPreview(options: PreviewOptions): Promise<PreviewServer> {
  const host = options.host ?? DEFAULT_HOST;
  const env = options.env ?? process.env;
  const token = createToken();
  const state = await createProjectState(options.dir);
  const closers: Array<() => unknown> = [];
  const allowed = allowedHostnames(host);

  let live: ReturnType<typeof createLiveRenderer> | undefined;
  const plugin: Plugin = {
    name: 'velvet-preview',
    configureServer(server) {
      const channel = createEventChannel(server);
      const send = createSendService({ env, channel, poll: options.sendPoll, emailDir: (name) => state.email(name)?.dir });
      const text = createTextConverter();
      live = createLiveRenderer(state, channel, state.errorInfo, options.log ? (e) => options.log?.(formatErrorInfo(e)) : undefined, (html) => text.convert(html));
      closers.push(() => channel.close(), () => send.close(), () => live?.close(), () => text.close());
      // Registered before Vite's own middlewares: the Host check guards everything after it.
      server.middlewares.use(frameGuard());
      server.middlewares.use(hostCheck(allowed));
      server.middlewares.use(createApiMiddleware({ state, live, send, token }));
      server.middlewares.use(createFilesMiddleware(() => state.config.root));
    },
    transformIndexHtml() {
      return [{ tag: 'meta', attrs: { name: 'velvet-token', content: token }, injectTo: 'head' }];
    },
  };

  const server = await createServer({
    configFile: false,
    root: WEB_DIR,
    envDir: false,
    publicDir: false,
    clearScreen: false,
    logLevel: 'warn',
    appType: 'mpa',
    cacheDir: join(tmpdir(), 'velvet-preview-vite'),
    // lit is plain ESM; serving it as it is avoids a pre-bundling step and its reloads
    optimizeDeps: { noDiscovery: true, include: [] },
    plugins: [plugin],
    server: {
      host,
      port: options.port ?? DEFAULT_PORT,
      strictPort: options.strictPort ?? false,
      cors: false,
      allowedHosts: [...allowed].map((h) => h.replace(/^\[|\]$/g, '')),
      fs: { strict: true, allow: [WEB_DIR, ...uiPackageDirs()] },
    },
  });
  closers.unshift(() => server.close());

  const watcher = createProjectWatcher(state.watchRoots(), (batch) => void live?.onFiles(batch));
  closers.unshift(() => watcher.close());
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    for (const c of closers) await c();
  };
  try {
    await Promise.all([server.listen(), watcher.ready]);
  } catch (err) {
    await close();
    throw err;
  }
  const address = server.httpServer?.address() as AddressInfo | null;
  const port = address?.port ?? options.port ?? DEFAULT_PORT;
  const shown = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  return { url: `http://${shown}:${port}/`, host, port, close };
}
