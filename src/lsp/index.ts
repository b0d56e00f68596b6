/** The language server's entry points: over any pair of streams (tests), or stdio (`velvet lsp`). */
import type { Readable, Writable } from 'node:stream';
import { createConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import { startServer, type Server, type ServerOptions } from './server.js';

export { OPEN_PREVIEW, PREVIEW_TARGET, type OpenPreviewResult, type PreviewTarget, type Server, type ServerOptions } from './server.js';

/** How serving ended: the client sent `exit`, or closed its end of `input` without it. */
export type ServerEnd = 'exit' | 'closed';

/**
 * Serves the protocol on `input`/`output`; resolves when the client has exited, or once `input`
 * ended and the server closed its watchers and previews (an editor that went away).
 */
export function serveLanguageServer(input: Readable, output: Writable, options: ServerOptions = {}): Promise<ServerEnd> {
  const connection = createConnection(new StreamMessageReader(input), new StreamMessageWriter(output));
  return new Promise((resolve) => {
    connection.onExit(() => resolve('exit'));
    const server = startServer(connection, options);
    let ended = false;
    const end = (): void => {
      if (ended) return;
      ended = true;
      void server.close().finally(() => resolve('closed'));
    };
    input.once('end', end).once('close', end);
  });
}
