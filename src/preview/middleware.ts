/** A plain node:http server over a list of middlewares (the built UI needs nothing more). */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Middleware } from './security.js';

/** Runs `list` in order; a request no middleware answers gets a 404. */
export function chain(list: readonly Middleware[]): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    let i = 0;
    const next = (err?: unknown): void => {
      if (err !== undefined) {
        if (!res.headersSent) res.statusCode = 500;
        res.end();
        return;
      }
      const m = list[i++];
      if (!m) {
        res.statusCode = 404;
        res.setHeader('Content-Type', 'text/plain; charset=utf-8');
        res.end('Not found');
        return;
      }
      try {
        m(req, res, next);
      } catch (e) {
        next(e);
      }
    };
    next();
  };
}

/** Runs `list` in order and calls `done` when none of them answered. */
export function runChain(list: readonly Middleware[], req: IncomingMessage, res: ServerResponse, done: (err?: unknown) => void): void {
  let i = 0;
  const next = (err?: unknown): void => {
    if (err !== undefined) return done(err);
    const m = list[i++];
    if (!m) return done();
    try {
      m(req, res, next);
    } catch (e) {
      done(e);
    }
  };
  next();
}

/** Ports tried after a taken one when the port is not strict (as Vite does). */
const PORT_TRIES = 20;

/** Listens on `host:port`, or the next free port unless `strictPort`; port 0 picks any free one. */
export async function listen(server: Server, host: string, port: number, strictPort: boolean): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    const at = port === 0 ? 0 : port + attempt;
    try {
      await new Promise<void>((resolve, reject) => {
        const onError = (err: Error): void => {
          server.off('listening', onListening);
          reject(err);
        };
        const onListening = (): void => {
          server.off('error', onError);
          resolve();
        };
        server.once('error', onError);
        server.once('listening', onListening);
        server.listen(at, host);
      });
      return (server.address() as AddressInfo).port;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'EADDRINUSE' || strictPort || port === 0 || attempt + 1 >= PORT_TRIES || at >= 65535) throw err;
    }
  }
}

/** Stops listening and ends open connections (event streams stay open otherwise). */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

export { createServer };
