import { pathToFileURL } from 'node:url';
import type { CliIO, Command } from './command.js';
import { closest } from './flags.js';

/**
 * Command registry: name → loader. Commands load lazily so that `velvet render` never pulls in
 * Vite or the HTTP client.
 */
const NAMES = [
  'init', 'new', 'fixture', 'render', 'build', 'lint', 'schema', 'preview',
  'send', 'event', 'doctor', 'carrier', 'pull', 'status', 'push', 'lsp',
];
const COMMANDS: Record<string, () => Promise<{ command: Command }>> = Object.fromEntries(
  NAMES.map((n) => [n, () => import(/* @vite-ignore */ `./commands/${n}.js`) as Promise<{ command: Command }>]),
);

let pipesGuarded = false;

/**
 * A reader that goes away (`velvet render ... | head`) closes the pipe: velvet then stops quietly
 * with exit code 0, as command-line tools do, instead of dying with a stack trace.
 */
function guardClosedPipes(): void {
  if (pipesGuarded) return;
  pipesGuarded = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') process.exit(process.exitCode ?? 0);
      throw err;
    });
  }
}

export function defaultIO(): CliIO {
  guardClosedPipes();
  return {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    cwd: process.cwd(),
    env: process.env,
    color: Boolean(process.stdout.isTTY) && !process.env['NO_COLOR'],
    interactive: Boolean(process.stderr.isTTY),
  };
}

async function loadAll(): Promise<Command[]> {
  const out: Command[] = [];
  for (const load of Object.values(COMMANDS)) {
    try {
      out.push((await load()).command);
    } catch {
      // a command whose module is not present in this build is simply not listed
    }
  }
  return out;
}

const USAGE = `velvet: render, preview, lint and test-send Velocity email templates for Yespo

Usage: velvet <command> [options]      velvet <command> --help for details
`;

export async function main(argv: string[], io: CliIO = defaultIO()): Promise<number> {
  const [name, ...rest] = argv;
  // `velvet help render` is `velvet render --help`
  if (name === 'help' && rest[0] !== undefined && !rest[0].startsWith('-')) return main([rest[0], '--help'], io);
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    const cmds = await loadAll();
    const width = Math.max(4, ...cmds.map((c) => c.name.length));
    io.stdout(
      USAGE +
        '\nCommands:\n' +
        cmds.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n') +
        '\n',
    );
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v') {
    io.stdout('velvet 0.1.0\n');
    return 0;
  }
  const load = COMMANDS[name];
  let command: Command | undefined;
  if (load) {
    try {
      command = (await load()).command;
    } catch {
      command = undefined;
    }
  }
  if (!command) {
    const near = closest(name, (await loadAll()).map((c) => c.name));
    io.stderr(`velvet: unknown command '${name}'${near ? `; did you mean ${near}?` : '.'} Run 'velvet --help' for the list.\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    const help = typeof command.help === 'string' ? command.help : await command.help();
    io.stdout(help.endsWith('\n') ? help : help + '\n');
    return 0;
  }
  return command.run(rest, io);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await main(process.argv.slice(2));
}
