import { relative, resolve, sep } from 'node:path';
import { parseFlags } from '../flags.js';
import type { Command } from '../command.js';
import { UsageError, VelvetError } from '../../errors.js';
import { SYNTH_FORMATS, fixtureFile, writeNewFixture, type SynthFormat } from '../../project/fixture-synth.js';
import { isEmailDir, loadEmail, loadProject } from '../../project/index.js';
import { schemaRef } from '../../project/init.js';
import { synthesizeFor } from '../email-schema.js';
import { errorLine, exitCodeFor } from '../report.js';

const help = `velvet fixture: write a starter fixture for an email from what its templates read

Usage: velvet fixture EMAIL_DIR [--name NAME] [--format FORMAT]

Infers the payload schema of the email (as velvet schema prints it) and writes data/NAME.json
with a value for every key the templates read: strings that say what they are, links, e-mail
addresses, image placeholders, numbers where the template computes or compares, lists of two
items for #foreach, nested maps. So an email with no real payload yet renders with no leftover
code at once; then replace the values with real ones. An existing fixture is never replaced.

Options:
  --name NAME       file name without .json (default: default, or synthesised when taken)
  --format FORMAT   event-v2 (Generate event body), smartsend (recipients with a jsonParam
                    string) or plain (the payload itself); default plain
  -h, --help        show this help

Exit codes: 0 written, 1 a template has a syntax error, 2 usage error, no email folder, or a
fixture of that name exists.
`;

export const command: Command = {
  name: 'fixture',
  summary: 'write a starter fixture synthesised from what the template reads',
  help,
  async run(argv, io) {
    let values: { name?: string | undefined; format?: string | undefined };
    let positionals: string[];
    try {
      ({ values, positionals } = parseFlags({
        args: argv,
        allowPositionals: true,
        options: { name: { type: 'string' }, format: { type: 'string' } },
      }, 'fixture'));
      if (positionals.length !== 1) throw new Error('give exactly one EMAIL_DIR (see --help)');
      if (values.format !== undefined && !(SYNTH_FORMATS as readonly string[]).includes(values.format)) {
        throw new Error(`--format is ${SYNTH_FORMATS.join(', ')}, got '${values.format}'`);
      }
    } catch (err) {
      io.stderr(`velvet fixture: ${(err as Error).message}\n`);
      return 2;
    }
    const dir = resolve(io.cwd, positionals[0]!);
    try {
      if (!isEmailDir(dir)) throw new UsageError(`${positionals[0]} is not an email folder (no email.html)`);
      const { config } = loadProject(dir);
      const { root } = config;
      const email = await loadEmail(dir);
      const payload = synthesizeFor(email, config);
      const format = (values.format ?? 'plain') as SynthFormat;
      const text = fixtureFile(payload, { format, eventTypeKey: email.name, schemaRef: schemaRef(root, resolve(dir, 'data'), 'fixture.schema.json') });
      const file = writeNewFixture(root, dir, text, values.name);
      const shown = relative(io.cwd, file).split(sep).join('/');
      io.stdout(`wrote ${shown.startsWith('..') ? file : shown} (${format}, ${Object.keys(payload).length} top-level keys)\n`);
      return 0;
    } catch (err) {
      if (!(err instanceof VelvetError)) throw err;
      io.stderr(`velvet fixture: ${errorLine(err, io.cwd)}\n${err.frame ? err.frame + '\n' : ''}`);
      return exitCodeFor(err);
    }
  },
};
