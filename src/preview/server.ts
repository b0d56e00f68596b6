/**
 * `velvet preview`: one HTTP server for the Lit UI and, through a few middlewares, the project's
 * renders. Built from small factories (project state, watcher, event channel, live renderer,
 * send service, middlewares), all closed by one `close()`. The UI is the one `npm run build`
 * made (dist/ui) when velvet runs from dist/, as installed; run from the sources in this
 * repository, Vite serves web/ as it is, so no build step is needed.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApiMiddleware } from './api.js';
import { createEventChannel } from './channel.js';
import { createFilesMiddleware } from './files.js';
import { preloadLinter } from './lint.js';
import { createLiveRenderer } from './live.js';
import { chain, closeServer, createServer, listen } from './middleware.js';
import type { ErrorInfo } from './protocol.js';
import { allowedHostnames, createToken, frameGuard, hostCheck, type Middleware } from './security.js';
import { createSendService } from './send.js';
import { createSyncService } from './sync.js';
import type { Workspace } from '../project/workspace.js';
import { createProjectState } from './state.js';
import { createTextConverter } from './text-worker.js';
import { createBuiltUiMiddleware } from './ui-built.js';
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
  /**
   * `built`: the UI of dist/ui (what an installed velvet serves); `source`: web/ through Vite.
   * Default: `source` when velvet runs from its TypeScript sources, else `built`.
   */
  ui?: 'built' | 'source' | undefined;
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
  close(): Promise<void>;
}

const HERE = dirname(fileURLToPath(import.meta.url));
/** The UI's sources. */
export const WEB_DIR = join(HERE, '..', '..', 'web');
/** The built UI: dist/ui, seen from src/preview/ and from dist/preview/ alike. */
export const BUILT_UI_DIR = join(HERE, '..', '..', 'dist', 'ui');
/** True when this module runs as TypeScript (tsx in this checkout), not from dist/. */
const FROM_SOURCES = import.meta.url.endsWith('.ts');

export function formatErrorInfo(e: ErrorInfo): string {
  const where = e.file ? `${e.file}${e.line !== undefined ? `:${e.line}:${e.column ?? 1}` : ''} ` : '';
  return `${where}${e.message}${e.frame ? `\n${e.frame}` : ''}\n`;
}

export async function startPreview(options: PreviewOptions): Promise<PreviewServer> {
  const host = options.host ?? DEFAULT_HOST;
  const env = options.env ?? process.env;
  const token = createToken();
  const state = await createProjectState(options.dir, options.workspace);
  const allowed = allowedHostnames(host);

  const channel = createEventChannel(token);
  const send = createSendService({
    env,
    channel,
    poll: options.sendPoll,
    emailDir: (name) => state.email(name)?.dir,
    renderEdited: (sel) => state.render(sel),
    messageIdOf: (name) => state.email(name)?.meta.messageId,
  });
  const text = createTextConverter();
  const live = createLiveRenderer(state, channel, state.errorInfo, options.log ? (e) => options.log?.(formatErrorInfo(e)) : undefined, (html) => text.convert(html));
  // The Host check comes first: it guards everything after it.
  const middlewares: Middleware[] = [
    frameGuard(),
    hostCheck(allowed),
    channel.middleware,
    createApiMiddleware({ state, live, send, token, sync: createSyncService({ env, config: () => state.config }) }),
    createFilesMiddleware(() => state.config.root),
  ];
  const unsubscribe = state.workspace.subscribe((c) => {
    if (c.buffers && c.emails !== 'all') void live.onBuffers(c.emails);
  });
  const closers: Array<() => unknown> = [() => channel.close(), () => send.close(), () => live.close(), () => text.close(), unsubscribe];
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    for (const c of closers) await c();
  };

  // a folder the watcher cannot read is skipped; say so once per folder and reason
  const watchProblems = new Set<string>();
  const watcher = createProjectWatcher(
    state.watchRoots(),
    (batch) => void live.onFiles(batch),
    (err) => {
      const e = err as NodeJS.ErrnoException;
      const text = `cannot watch ${e.path ? state.rel(e.path) : 'a folder'} (${e.code ?? e.message}): changes there are not followed\n`;
      if (watchProblems.has(text) || watchProblems.size > 20) return;
      watchProblems.add(text);
      options.log?.(text);
    },
  );
  closers.unshift(() => watcher.close());
  const requested = options.port ?? DEFAULT_PORT;
  const strictPort = options.strictPort ?? false;
  let port: number;
  try {
    const listening = (async (): Promise<number> => {
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
        closers.splice(2, 0, () => ui.close());
        return ui.port;
      }
      const server = createServer(chain([...middlewares, createBuiltUiMiddleware(BUILT_UI_DIR, token)]));
      closers.splice(2, 0, () => closeServer(server));
      return listen(server, host, requested, strictPort);
    })();
    // the linter gives the clearer syntax messages (template-check.ts): load it meanwhile
    [port] = await Promise.all([listening, watcher.ready, preloadLinter()]);
  } catch (err) {
    await close();
    throw err;
  }
  live.reportProblems();
  const shown = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  return { url: `http://${shown}:${port}/`, host, port, close };
}
