/**
 * The preview's view of the project and everything built on it: the loaded project state, the
 * watcher, the live renderer, the send service and the middlewares of the JSON API and the
 * project files. Loaded after the server listens, so the URL is printed before the emails and
 * fixtures are read (the page's API calls wait for them).
 */
import { createApiMiddleware } from './api.js';
import type { EventChannel } from './channel.js';
import { createFilesMiddleware } from './files.js';
import { preloadLinter } from './lint.js';
import { createLiveRenderer } from './live.js';
import type { ErrorInfo } from './protocol.js';
import type { Middleware } from './security.js';
import { createSendService } from './send.js';
import { createProjectState } from './state.js';
import { createSyncService } from './sync.js';
import { createTextConverter } from './text-worker.js';
import { createProjectWatcher } from './watcher.js';
import type { Workspace } from '../project/workspace.js';

export interface ProjectServicesOptions {
  dir: string;
  env: Record<string, string | undefined>;
  channel: EventChannel;
  token: string;
  sendPoll?: { intervalMs?: number | undefined; timeoutMs?: number | undefined } | undefined;
  log?: ((error: ErrorInfo) => void) | undefined;
  /** Where other problems go (a folder the watcher cannot read), as lines of text. */
  logText?: ((text: string) => void) | undefined;
  /** The workspace to show (the language server's, with unsaved text); default: a new one. */
  workspace?: Workspace | undefined;
}

export interface ProjectServices {
  middlewares: Middleware[];
  close(): Promise<void>;
}

export async function startProjectServices(o: ProjectServicesOptions): Promise<ProjectServices> {
  const state = await createProjectState(o.dir, o.workspace);
  const send = createSendService({
    env: o.env,
    channel: o.channel,
    poll: o.sendPoll,
    emailDir: (name) => state.email(name)?.dir,
    renderEdited: (sel) => state.render(sel),
    messageIdOf: (name) => state.email(name)?.meta.messageId,
  });
  const text = createTextConverter();
  const live = createLiveRenderer(state, o.channel, state.errorInfo, o.log, (html) => text.convert(html));
  // a folder the watcher cannot read is skipped; say so once per folder and reason
  const watchProblems = new Set<string>();
  const watcher = createProjectWatcher(
    state.watchRoots(),
    (batch) => void live.onFiles(batch),
    (err) => {
      const e = err as NodeJS.ErrnoException;
      const line = `cannot watch ${e.path ? state.rel(e.path) : 'a folder'} (${e.code ?? e.message}): changes there are not followed\n`;
      if (watchProblems.has(line) || watchProblems.size > 20) return;
      watchProblems.add(line);
      o.logText?.(line);
    },
  );
  // an editor's unsaved text re-renders the emails it belongs to, as a save does
  const unsubscribe = state.workspace.subscribe((c) => {
    if (c.buffers && c.emails !== 'all') void live.onBuffers(c.emails);
  });
  let closed = false;
  const close = async (): Promise<void> => {
    closed = true;
    unsubscribe();
    await watcher.close();
    send.close();
    live.close();
    await text.close();
  };
  try {
    await watcher.ready;
  } catch (err) {
    await close();
    throw err;
  }
  // the linter gives the clearer syntax messages (template-check.ts); the renders do not wait
  // for it, and the problems the project has are printed once it is there
  void preloadLinter().then(() => {
    if (!closed) live.reportProblems();
  });
  // The first render of a process is slow (cold code paths, the plain-text converter): make it
  // now, for the email the page opens first, so the page does not wait for it.
  const first = state.summaries()[0];
  if (first) {
    setTimeout(() => {
      try {
        state.render({ email: first.name, fixture: first.fixtures[0]?.name });
      } catch {
        // a failing render shows when the page asks for it
      }
    }, 0).unref();
  }
  return {
    middlewares: [
      createApiMiddleware({ state, live, send, token: o.token, sync: createSyncService({ env: o.env, config: () => state.config }) }),
      createFilesMiddleware(() => state.config.root),
    ],
    close,
  };
}
