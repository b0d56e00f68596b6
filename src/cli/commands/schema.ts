import { existsSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Command } from '../command.js';
import { parseFlags } from '../flags.js';
import { DataError, UsageError, VelvetError } from '../../errors.js';
import { readText } from '../input.js';
import { parseNamed } from '../parse-errors.js';
import { errorReport } from '../report.js';
import { SourceLines } from '../../json/positions.js';
import { inferSchema, type JsonSchema } from '../../lint/index.js';
import { isEmailDir, loadEmail } from '../../project/index.js';

const help = `velvet schema: print the JSON Schema of the payload an email expects

Usage: velvet schema EMAIL_DIR
       velvet schema TEMPLATE

Reads email.html and the subject and preheader of email.json (or one bare template file) and
infers, from how they use the payload, a JSON Schema (draft-07): the keys they read and their
nesting, lists (#foreach, .get(N), [N]), and types (compared with a number: a number or a numeric string, as Velocity 2.x converts
it; compared with a string or given string methods: a string). Every key is optional and may be
null. Validate Generate event payloads against it with Ajv; \`velvet lint\` checks each fixture
against it (rule fixture-schema).

Options:
  -h, --help   show this help

Exit codes: 0 printed, 2 usage error, a missing path, a folder without email.html, or a template
with syntax errors (file:line:column and a code frame on stderr).
`;

export const command: Command = {
  name: 'schema',
  summary: 'print the JSON Schema of the payload an email uses',
  help,
  async run(argv, io) {
    try {
      const { positionals } = parseFlags({ args: argv, allowPositionals: true, strict: true, options: {} }, 'schema');
      if (positionals.length !== 1) throw new UsageError('give exactly one EMAIL_DIR or TEMPLATE (see --help)');
      const given = positionals[0] ?? '';
      const target = resolve(io.cwd, given);
      if (!existsSync(target)) throw new DataError('cannot read: no such file or folder', { file: given });
      const parts: { text: string; file: string; name: string }[] = [];
      let title: string;
      if (statSync(target).isDirectory()) {
        if (!isEmailDir(target)) throw new UsageError(`${given} is not an email folder (no email.html) nor a template file`);
        const email = await loadEmail(target);
        title = email.name;
        parts.push({ text: email.source, file: 'email.html', name: email.templateFile });
        const meta = email.metaFile ?? `${target}/email.json`;
        if (email.subjectSource !== undefined) parts.push({ text: email.subjectSource, file: 'email.json#subject', name: `${meta}#subject` });
        if (email.preheaderSource !== undefined) parts.push({ text: email.preheaderSource, file: 'email.json#preheader', name: `${meta}#preheader` });
      } else {
        title = basename(target);
        parts.push({ text: readText(target, given), file: basename(target), name: target });
      }
      const schema: JsonSchema = inferSchema(
        parts.map((p) => ({ ast: parseNamed(p.text, p.name), file: p.file, lines: new SourceLines(p.text) })),
        `Payload of ${title}`,
      );
      io.stdout(JSON.stringify(schema, null, 2) + '\n');
      return 0;
    } catch (err) {
      if (err instanceof VelvetError) {
        io.stderr(errorReport(err, io, 'schema'));
        return 2;
      }
      throw err;
    }
  },
};
