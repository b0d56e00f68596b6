import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { parseFlags } from '../flags.js';
import type { CliIO, Command } from '../command.js';
import { VelvetError } from '../../errors.js';
import { CI_KINDS, type CiKind } from '../../project/ci.js';
import { emailsProblem, initProject, velvetCommand, type InitStep } from '../../project/init.js';
import { errorLine, exitCodeFor } from '../report.js';

const help = `velvet init: set up velvet in a project folder

Usage: velvet init [DIR] [options]

Writes into DIR (default: the current folder), never over an existing file:
  velvet.config.json        with $schema pointing at the installed schema
  emails/welcome/           a starter email (email.html, email.json, data/default.json)
  assets/                   the starter's images, which the preview shows for
                            https://cdn.example.com/your-brand/ (preview.assetsBaseUrl)
  .gitignore                entries for velvet's output (added to an existing file)
  package.json              scripts velvet:preview and velvet:lint, when a package.json exists
  CI workflow               with --ci: .github/workflows/velvet.yml or .gitlab-ci.yml; it runs
                            npm ci and the velvet that installs, so --ci needs a package.json
                            (without one, init refuses and writes nothing)

It says what it wrote and what it kept. In a terminal it asks for the emails folder and the CI
system unless --yes is given; without a terminal it asks nothing and uses the defaults.

Options:
  --emails DIR     folder for the emails, relative to DIR and inside it (default "emails")
  --ci KIND        github (lint annotations and SARIF upload to code scanning) or gitlab
                   (Code Quality report); default: no CI file
  -y, --yes        ask nothing, use the defaults and the flags given
  -h, --help       show this help

Exit codes: 0 done, 2 usage error or a folder that cannot be written, 130 the questions were
cancelled (Ctrl+D or Ctrl+C; nothing is written).
`;

/**
 * The two questions of `velvet init` in a terminal (`input`/`output`: the terminal by default).
 * Lines are read as they come, so answers typed ahead or pasted are kept; undefined when the
 * input ends first (Ctrl+D): a cancel.
 */
export async function ask(
  io: CliIO,
  emails: string,
  ci: CiKind | undefined,
  input: NodeJS.ReadableStream = process.stdin,
  output: NodeJS.WritableStream = process.stderr,
): Promise<{ emails: string; ci: CiKind | undefined } | undefined> {
  const rl = createInterface({ input, output });
  const lines = rl[Symbol.asyncIterator]();
  const question = async (q: string): Promise<string | undefined> => {
    rl.setPrompt(q);
    rl.prompt();
    try {
      const next = await lines.next();
      return next.done ? undefined : String(next.value).trim();
    } catch (err) {
      if ((err as { code?: string }).code === 'ABORT_ERR') return undefined;
      throw err;
    }
  };
  try {
    let e: string | undefined;
    for (;;) {
      e = await question(`Folder for the emails (${emails}): `);
      if (e === undefined) return undefined;
      const problem = emailsProblem(e || emails);
      if (!problem) break;
      io.stderr(`  ${problem}\n`);
    }
    let kind = ci;
    for (;;) {
      const a = (await question(`CI workflow: none, github or gitlab (${kind ?? 'none'}): `))?.toLowerCase();
      if (a === undefined) return undefined;
      if (a === '') break;
      if (a === 'none') {
        kind = undefined;
        break;
      }
      if ((CI_KINDS as readonly string[]).includes(a)) {
        kind = a as CiKind;
        break;
      }
      io.stderr('  answer none, github or gitlab\n');
    }
    return { emails: e || emails, ci: kind };
  } finally {
    rl.close();
  }
}

export function formatSteps(steps: readonly InitStep[]): string {
  const verb = { wrote: 'wrote  ', kept: 'kept   ', updated: 'updated' } as const;
  return steps.map((s) => `  ${verb[s.action]} ${s.path}${s.detail ? `  (${s.detail})` : ''}\n`).join('');
}

export const command: Command = {
  name: 'init',
  summary: 'set up velvet in a project: config, a starter email, scripts, CI',
  help,
  async run(argv, io) {
    let values: { emails?: string | undefined; ci?: string | undefined; yes?: boolean | undefined };
    let positionals: string[];
    try {
      ({ values, positionals } = parseFlags({
        args: argv,
        allowPositionals: true,
        options: { emails: { type: 'string' }, ci: { type: 'string' }, yes: { type: 'boolean', short: 'y' } },
      }, 'init'));
      if (positionals.length > 1) throw new Error('give at most one DIR (see --help)');
      if (values.ci !== undefined && !(CI_KINDS as readonly string[]).includes(values.ci)) throw new Error(`--ci is github or gitlab, got '${values.ci}'`);
      const problem = values.emails === undefined ? undefined : emailsProblem(values.emails);
      if (problem) throw new Error(`--emails ${problem}; nothing was written`);
    } catch (err) {
      io.stderr(`velvet init: ${(err as Error).message}\n`);
      return 2;
    }
    const dir = resolve(io.cwd, positionals[0] ?? '.');
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      io.stderr(`velvet init: ${dir} ${existsSync(dir) ? 'is not a folder' : 'does not exist'} (create the folder first)\n`);
      return 2;
    }
    let emails = values.emails ?? 'emails';
    let ci = values.ci as CiKind | undefined;
    const tty = io.interactive === true && Boolean(process.stdin.isTTY) && !io.stdin;
    if (!values.yes && tty) {
      const answers = await ask(io, emails, ci);
      if (!answers) {
        io.stderr('\nvelvet init: cancelled; nothing was written\n');
        return 130;
      }
      ({ emails, ci } = answers);
    }
    try {
      const steps = initProject({ dir, emails, ci });
      // the commands run in the project: from elsewhere the next step starts with cd
      const given = positionals[0];
      const cd = given !== undefined && dir !== resolve(io.cwd) ? `cd ${/^[\w./-]+$/.test(given) ? given : `'${given.replace(/'/g, `'\\''`)}'`} && ` : '';
      io.stdout(`velvet init in ${dir}\n\n${formatSteps(steps)}\nNext: ${cd}${velvetCommand(dir)} preview   (or npm run velvet:preview when package.json has the script)\n`);
      return 0;
    } catch (err) {
      if (!(err instanceof VelvetError)) throw err;
      io.stderr(`velvet init: ${errorLine(err, io.cwd)}\n${err.frame ? err.frame + '\n' : ''}`);
      return exitCodeFor(err);
    }
  },
};
