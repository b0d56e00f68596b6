/**
 * `velvet preview`: one HTTP server for the Lit UI and, through a few middlewares, the project's
 * renders. Built from small factories (project state, watcher, event channel, live renderer,
 * send service, middlewares), all closed by one `close()`. The UI is the one `npm run build`
 * made (dist/ui) when velvet runs from dist/, as installed; run from the sources in this
 * repository, Vite serves web/ as it is, so no build step is needed.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEventChannel } from './channel.js';
import { chain, closeServer, createServer, listen, runChain } from './middleware.js';
import type { ProjectServices } from './project-services.js';
import type { ErrorInfo } from './protocol.js';
import { allowedHostnames, createToken, frameGuard, hostCheck, type Middleware } from './security.js';
import type { Workspace } from '../project/workspace.js';
import { createBuiltUiMiddleware } from './ui-built.js';
import { visibleControls } from './terminal-text.js';

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
  /**
   * `built`: the UI of dist/ui (what an installed velvet serves); `source`: web/ through Vite.
   * Default: `source` when velvet runs from its TypeScript sources, else `built`.
   */
  ui?: 'built' | 'source' | undefined;
  /**
   * Resolve once the project is loaded and watched (default true). False: as soon as the server
   * listens, so the URL can be shown at once; `ready` then says when the project is there (the
   * page's requests wait for it) or why it could not be loaded.
   */
  waitReady?: boolean | undefined;
  /**
   * The workspace to show, such as the language server's with the editor's unsaved text (the
   * preview then follows typing, not only saves). Default: one of its own, opened on `dir`.
   */
  workspace?: Workspace | undefined;
}

export interface PreviewServer {
  /** The address to open, e.g. http://127.0.0.1:5179/ */
  url: string;
  host: string;
  port: number;
  /** Resolves when the project is loaded and watched; rejects (e.g. a ConfigError) when it cannot be. */
  ready: Promise<void>;
  close(): Promise<void>;
}

const HERE = dirname(fileURLToPath(import.meta.url));
/** The UI's sources. */
export const WEB_DIR = join(HERE, '..', '..', 'web');
/** The built UI: dist/ui, seen from src/preview/ and from dist/preview/ alike. */
export const BUILT_UI_DIR = join(HERE, '..', '..', 'dist', 'ui');
/** True when this module runs as TypeScript (tsx in this checkout), not from dist/. */
const FROM_SOURCES = import.meta.url.endsWith('.ts');

/** A problem as the terminal shows it; control characters from the project's files are made visible. */
export function formatErrorInfo(e: ErrorInfo): string {
  const where = e.file ? `${e.file}${e.line !== undefined ? `:${e.line}:${e.column ?? 1}` : ''} ` : '';
  return visibleControls(`${where}${e.message}${e.frame ? `\n${e.frame}` : ''}`) + '\n';
}

export async function startPreview(options: PreviewOptions): Promise<PreviewServer> {
  const host = options.host ?? DEFAULT_HOST;
  const token = createToken();
  const allowed = allowedHostnames(host);
  const channel = createEventChannel(token);
  // a broken config file is an error before anything listens (the emails load afterwards)
  const { checkProjectConfig } = await import('../project/config.js');
  checkProjectConfig(options.dir);
  const services: Promise<ProjectServices> = import('./project-services.js').then((m) =>
    m.startProjectServices({
      dir: options.dir,
      env: options.env ?? process.env,
      channel,
      token,
      sendPoll: options.sendPoll,
      workspace: options.workspace,
      log: options.log ? (e) => options.log?.(formatErrorInfo(e)) : undefined,
      logText: options.log ? (text) => options.log?.(visibleControls(text)) : undefined,
    }),
  );
  services.catch(() => undefined);
  // API and project-file requests wait for the project; the UI itself is served at once
  const project: Middleware = (req, res, next) => {
    if (!(req.url ?? '/').startsWith('/__velvet/')) return next();
    services.then(
      (s) => runChain(s.middlewares, req, res, next),
      (err: unknown) => {
        res.statusCode = 503;
        res.setHeader('Content-Type', 'application/json; charset=utf-8');
        res.end(JSON.stringify({ error: `the project could not be loaded: ${(err as Error).message}` }));
      },
    );
  };
  // The Host check comes first: it guards everything after it.
  const middlewares: Middleware[] = [frameGuard(), hostCheck(allowed), channel.middleware, project];
  const closers: Array<() => unknown> = [() => channel.close()];
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    for (const c of closers) await c();
    await services.then((s) => s.close(), () => undefined);
  };

  const requested = options.port ?? DEFAULT_PORT;
  const strictPort = options.strictPort ?? false;
  let port: number;
  try {
    if ((options.ui ?? (FROM_SOURCES ? 'source' : 'built')) === 'source') {
      const { startSourceUi } = await import('./ui-source.js');
      const ui = await startSourceUi({
        webDir: WEB_DIR,
        host,
        port: requested,
        strictPort,
        allowedHosts: [...allowed].map((h) => h.replace(/^\[|\]$/g, '')),
        token,
        middlewares,
      });
      closers.push(() => ui.close());
      port = ui.port;
    } else {
      const server = createServer(chain([...middlewares, createBuiltUiMiddleware(BUILT_UI_DIR, token)]));
      closers.push(() => closeServer(server));
      port = await listen(server, host, requested, strictPort);
    }
    if (options.waitReady ?? true) await services;
  } catch (err) {
    await close();
    throw err;
  }
  const shown = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  return { url: `http://${shown}:${port}/`, host, port, ready: services.then(() => undefined), close };
}
