import { resolve } from 'node:path';
import type { Command } from '../command.js';
import { parseFlags } from '../flags.js';
import { VelvetError } from '../../errors.js';
import { SourceLines } from '../../json/positions.js';
import { inferSchema, type JsonSchema } from '../../lint/index.js';
import { parse } from '../../engine/index.js';
import { isEmailDir, loadEmail } from '../../project/index.js';

const help = `velvet schema: print the JSON Schema of the payload an email expects

Usage: velvet schema EMAIL_DIR

Reads email.html and the subject and preheader of email.json and infers, from how they use the
payload, a JSON Schema (draft-07): the keys they read and their nesting, lists (#foreach, .get(N),
[N]), and types (compared with a number: a number or a numeric string, as Velocity 2.x converts
it; compared with a string or given string methods: a string). Every key is optional and may be
null. Validate Generate event payloads against it with Ajv; \`velvet lint\` checks each fixture
against it (rule fixture-schema).

Options:
  -h, --help   show this help

Exit codes: 0 printed, 2 usage error, a folder without email.html, or a template with syntax errors.
`;

export const command: Command = {
  name: 'schema',
  summary: 'print the JSON Schema of the payload an email uses',
  help,
  async run(argv, io) {
    let positionals: string[];
    try {
      ({ positionals } = parseFlags({ args: argv, allowPositionals: true, strict: true, options: {} }, 'schema'));
    } catch (err) {
      io.stderr(`velvet schema: ${(err as Error).message}\n`);
      return 2;
    }
    if (positionals.length !== 1) {
      io.stderr('velvet schema: give exactly one EMAIL_DIR (see --help)\n');
      return 2;
    }
    const dir = resolve(io.cwd, positionals[0]!);
    try {
      if (!isEmailDir(dir)) throw new VelvetError(`${positionals[0]} is not an email folder (no email.html)`);
      const email = await loadEmail(dir);
      const parts: { text: string; file: string }[] = [{ text: email.source, file: 'email.html' }];
      if (email.subjectSource !== undefined) parts.push({ text: email.subjectSource, file: 'email.json#subject' });
      if (email.preheaderSource !== undefined) parts.push({ text: email.preheaderSource, file: 'email.json#preheader' });
      const schema: JsonSchema = inferSchema(
        parts.map((p) => ({ ast: parse(p.text, { name: p.file }), file: p.file, lines: new SourceLines(p.text) })),
        `Payload of ${email.name}`,
      );
      io.stdout(JSON.stringify(schema, null, 2) + '\n');
      return 0;
    } catch (err) {
      if (err instanceof VelvetError) {
        io.stderr(`velvet schema: ${err.message}\n`);
        return 2;
      }
      throw err;
    }
  },
};
