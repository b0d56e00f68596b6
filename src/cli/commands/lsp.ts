import { parseFlags } from '../flags.js';
import type { Command } from '../command.js';

const help = `velvet lsp: the language server for editors (completion, hover, diagnostics as you type)

Usage: velvet lsp --stdio [options]

Speaks the Language Server Protocol on standard input and output. Editors start it themselves:
the VS Code extension in editors/vscode, Neovim and Helix as docs/editors.md shows.

It serves the project's email templates (email.html), other Velocity files (.vm, .vtl, .html),
fixtures (data/*.json) and email.json, with the editor's unsaved text: every lint finding of
the email with its fixtures, quick fixes, completion of payload keys, tools and Java methods,
hover with fixture values, go to definition, symbols and folding.

Options:
  --stdio      talk over standard input and output (the only transport; the default)
  --no-watch   do not watch project files on disk (only the editor's buffers count)
  -h, --help   show this help

Exit codes: 0 the editor asked the server to exit, 1 the editor closed the connection without
asking, 2 usage error.
`;

export const command: Command = {
  name: 'lsp',
  summary: 'language server for editors (VS Code, Neovim, Helix) over stdio',
  help,
  async run(argv, io) {
    let values: { stdio?: boolean | undefined; 'no-watch'?: boolean | undefined; help?: boolean | undefined };
    try {
      ({ values } = parseFlags({ args: argv, options: { stdio: { type: 'boolean' }, 'no-watch': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } }, 'lsp'));
    } catch (err) {
      io.stderr(`velvet lsp: ${(err as Error).message}\n`);
      return 2;
    }
    if (values.help) {
      io.stdout(help);
      return 0;
    }
    // standard output carries the protocol: anything a library logs goes to standard error
    for (const k of ['log', 'info', 'warn', 'debug'] as const) console[k] = (...a: unknown[]) => console.error(...a);
    const { serveLanguageServer } = await import('../../lsp/index.js');
    // an editor that goes away closes its end of the pipe without the exit notification: the
    // server closes its watchers and previews, and the protocol's answer is exit code 1
    const end = await serveLanguageServer(process.stdin, process.stdout, { watch: !values['no-watch'] });
    if (end === 'exit') return 0;
    // nothing of the server is left to keep the process alive; should a library still hold a
    // handle, the process ends anyway (the timer itself keeps nothing alive)
    setTimeout(() => process.exit(1), 1_000).unref();
    return 1;
  },
};
