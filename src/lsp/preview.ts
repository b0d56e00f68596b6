/**
 * The browser preview, started inside the language server on the same workspace, so it shows
 * the editor's unsaved text as it is typed. One preview per project, started on first request.
 * The preview module (and the UI server behind it) is loaded only then.
 */
import type { Workspace } from '../project/workspace.js';

export interface Previews {
  /** The preview's address for `ws`, starting it when needed. */
  urlFor(ws: Workspace): Promise<string>;
  close(): Promise<void>;
}

export function createPreviews(options: { port?: number | undefined; log?: ((text: string) => void) | undefined } = {}): Previews {
  const started = new Map<Workspace, Promise<{ url: string; close(): Promise<void> }>>();
  return {
    async urlFor(ws) {
      let p = started.get(ws);
      if (!p) {
        p = import('../preview/index.js').then(({ startPreview }) => startPreview({ dir: ws.dir, workspace: ws, port: options.port, log: options.log }));
        started.set(ws, p);
        p.catch(() => started.delete(ws));
      }
      return (await p).url;
    },
    async close() {
      const all = [...started.values()];
      started.clear();
      await Promise.all(all.map((p) => p.then((s) => s.close(), () => undefined)));
    },
  };
}
