import { resolve } from 'node:path';
import { parseFlags } from '../flags.js';
import type { Command } from '../command.js';
import { VelvetError } from '../../errors.js';
import { fixtureFile } from '../../project/fixture-synth.js';
import { createEmail } from '../../project/new-email.js';
import { checkEmailsFolder, findConfig, loadConfig, normalizeConfig } from '../../project/index.js';
import { STARTER_ASSETS_URL } from '../../project/starter.js';
import { synthesizeFor } from '../email-schema.js';
import { readText } from '../input.js';
import { errorLine, exitCodeFor } from '../report.js';
import { formatSteps } from './init.js';
import { velvetCommand } from '../../project/init.js';

const help = `velvet new: start an email

Usage: velvet new NAME [--from FILE]

Creates the email folder NAME in the project's emails folder (velvet.config.json "emails"; the
current folder without a config): email.html, email.json (subject) and data/default.json.
NAME is letters and digits of any script, '.', '_' and '-', with sub-folders such as promo/spring
(or promo/весна). The emails folder is created when missing. Nothing is written when the email
exists.

Without --from the email is the starter (it lints clean; its images come from the assets
folder when the config maps https://cdn.example.com/your-brand/ there, as velvet init does).
With --from FILE the template is FILE, e.g. HTML copied out of Yespo's editor, and the fixture
is synthesised from what the template reads (as velvet fixture does).

Options:
  --from FILE   the template to start from
  -h, --help    show this help

Exit codes: 0 created, 1 the template of --from has a syntax error, 2 usage error, an existing
email or an unreadable file.
`;

export const command: Command = {
  name: 'new',
  summary: 'create an email folder from the starter or from an existing template',
  help,
  async run(argv, io) {
    let values: { from?: string | undefined };
    let positionals: string[];
    try {
      ({ values, positionals } = parseFlags({ args: argv, allowPositionals: true, options: { from: { type: 'string' } } }, 'new'));
      if (positionals.length !== 1) throw new Error('give exactly one NAME (see --help)');
    } catch (err) {
      io.stderr(`velvet new: ${(err as Error).message}\n`);
      return 2;
    }
    const name = positionals[0]!.replace(/\/+$/, '');
    try {
      // only the config is needed: the emails folder is created when missing
      const found = findConfig(io.cwd);
      const config = found ? loadConfig(found) : normalizeConfig([], { root: io.cwd });
      checkEmailsFolder(config, true);
      let template: string | undefined;
      let fixture: string | undefined;
      if (values.from !== undefined) {
        template = readText(resolve(io.cwd, values.from), values.from);
        const email = { name, dir: io.cwd, templateFile: values.from, source: template, meta: { contact: {} }, fixtures: [], fixtureErrors: [] };
        const payload = synthesizeFor(email, config);
        fixture = fixtureFile(payload, { format: 'plain', eventTypeKey: name });
      }
      const assetsDir = config.preview.assetsBaseUrl === STARTER_ASSETS_URL ? config.preview.assetsDir : undefined;
      const { steps } = createEmail({ root: config.root, emailsDir: config.emails, name, template, fixture, assetsDir });
      io.stdout(`velvet new ${name}\n\n${formatSteps(steps)}\nNext: ${velvetCommand(config.root)} preview   or   ${velvetCommand(config.root)} lint\n`);
      return 0;
    } catch (err) {
      if (!(err instanceof VelvetError)) throw err;
      io.stderr(`velvet new: ${errorLine(err, io.cwd)}\n${err.frame ? err.frame + '\n' : ''}`);
      return exitCodeFor(err);
    }
  },
};
