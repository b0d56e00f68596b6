import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import type { CliIO, Command } from '../command.js';
import { errorLine } from '../report.js';
import { parseFlags } from '../flags.js';
import { UsageError, VelvetError } from '../../errors.js';

const help = `velvet preview: a browser preview of every email and fixture that follows every save

Usage: velvet preview [DIR] [options]

DIR is the project folder (with velvet.config.json), a folder of emails or one email folder
(default: the current folder).

Options:
  --port N     port to listen on (default 5179, or the next free one)
  --host H     interface to listen on (default 127.0.0.1: this machine only). Another value makes
               the preview, including its "Send test" panel, reachable from the network.
  --open       open the preview in the default browser (says so when none opens)
  -h, --help   show this help

The preview re-renders an email the moment its template, email.json, a fixture or the config is
saved. The "Send test" panel sends through Yespo with the same allow-list and checks as
\`velvet send\`; YESPO_API_KEY stays on this server and never reaches the browser.

Exit codes: 0 stopped with Ctrl+C, 1 the server could not start, 2 usage or configuration error.
`;

export const command: Command = {
  name: 'preview',
  summary: 'browser preview of emails and fixtures that reloads on every save',
  help,
  async run(argv, io) {
    let values: { port?: string | undefined; host?: string | undefined; open?: boolean | undefined };
    let positionals: string[];
    try {
      ({ values, positionals } = parseFlags({
        args: argv,
        allowPositionals: true,
        options: { port: { type: 'string' }, host: { type: 'string' }, open: { type: 'boolean' } },
      }, 'preview'));
      if (positionals.length > 1) throw new UsageError('give at most one DIR (see --help)');
    } catch (err) {
      io.stderr(`velvet preview: ${(err as Error).message}\n`);
      return 2;
    }
    let port: number | undefined;
    if (values.port !== undefined) {
      port = Number(values.port);
      if (!/^\d+$/.test(values.port) || port > 65535) {
        io.stderr(`velvet preview: --port takes a number from 0 to 65535, got '${values.port}'\n`);
        return 2;
      }
    }
    const dir = resolve(io.cwd, positionals[0] ?? '.');
    const { startPreview } = await import('../../preview/index.js');
    let server: Awaited<ReturnType<typeof startPreview>>;
    try {
      server = await startPreview({
        dir,
        host: values.host,
        port,
        strictPort: port !== undefined,
        env: io.env,
        log: (text) => io.stderr(`velvet preview: ${text}`),
        // the URL is shown as soon as the server listens; the project loads meanwhile
        waitReady: false,
      });
    } catch (err) {
      return failed(err, port, io);
    }
    io.stdout(`velvet preview of ${dir}\n\n  ➜  ${server.url}\n\nPress Ctrl+C to stop.\n`);
    try {
      await server.ready;
    } catch (err) {
      await server.close();
      return failed(err, port, io);
    }
    if (!isLoopback(server.host)) {
      io.stderr(
        `velvet preview: warning: --host ${server.host} makes the preview reachable from the network: anyone who can reach this machine ` +
          `on port ${server.port} sees your emails and fixtures, and the page they get can use the "Send test" panel with this server's key. ` +
          'Leave --host out to keep it on this machine.\n',
      );
    }
    if (values.open) openBrowser(server.url, io);
    return new Promise<number>((done) => {
      const stop = (): void => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        void server.close().then(() => done(0));
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
  },
};

function failed(err: unknown, port: number | undefined, io: CliIO): number {
  const e = err as Error & { code?: string };
  io.stderr(`velvet preview: ${e instanceof VelvetError ? errorLine(e, io.cwd) + (e.frame ? `\n${e.frame}` : '') : e.code === 'EADDRINUSE' ? `port ${port} is in use` : e.message}\n`);
  return e instanceof VelvetError ? 2 : 1;
}

/** True for a host that only this machine can reach. */
function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\./.test(h);
}

/** Opens `url` with the platform's opener, and says so when no browser opened. */
function openBrowser(url: string, io: CliIO): void {
  const none = (why: string): void => io.stderr(`velvet preview: no browser opened (${why}); open ${url} yourself\n`);
  if (process.platform === 'linux' && !io.env['DISPLAY'] && !io.env['WAYLAND_DISPLAY']) {
    return none('no graphical display: DISPLAY and WAYLAND_DISPLAY are not set');
  }
  const [cmd, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : ['xdg-open', [url]];
  try {
    const child = spawn(cmd, args as string[], { stdio: 'ignore', detached: true, env: io.env as NodeJS.ProcessEnv });
    child.on('error', (err: NodeJS.ErrnoException) => none(err.code === 'ENOENT' ? `${cmd} is not installed` : `${cmd} failed: ${err.message}`));
    child.on('exit', (code) => {
      if (code !== 0 && code !== null) none(`${cmd} exited with code ${code}`);
    });
    child.unref();
  } catch (err) {
    none(`${cmd} could not be started: ${(err as Error).message}`);
  }
}
