/** The language server's entry points: over any pair of streams (tests), or stdio (`velvet lsp`). */
import type { Readable, Writable } from 'node:stream';
import { createConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver/node';
import { startServer, type ServerOptions } from './server.js';

export { OPEN_PREVIEW, PREVIEW_TARGET, type OpenPreviewResult, type PreviewTarget, type ServerOptions } from './server.js';

/** Serves the protocol on `input`/`output`; resolves when the client has exited. */
export function serveLanguageServer(input: Readable, output: Writable, options: ServerOptions = {}): Promise<void> {
  const connection = createConnection(new StreamMessageReader(input), new StreamMessageWriter(output));
  return new Promise((resolve) => {
    connection.onExit(() => resolve());
    startServer(connection, options);
  });
}
