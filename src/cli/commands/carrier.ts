import type { Command } from '../command.js';
import { parseFlags } from '../flags.js';
import { CARRIER_BODY, CARRIER_PREHEADER, CARRIER_SUBJECT, carrierInstructions } from '../../yespo/carrier.js';

const help = `velvet carrier: print the carrier message template for render-mode test sends

Usage: velvet carrier [--json]

Render mode (\`velvet send --mode render\`, the default) renders an email locally and sends the
finished subject and HTML through one prepared message in Yespo, the "carrier", whose subject is
${CARRIER_SUBJECT} and whose body is ${CARRIER_BODY}. Create it once in Yespo, then
put its id in velvet.config.json as send.carrierMessageId. See docs/sending.md.

Options:
  --json      print the template as JSON ({subject, preheader, html})
  -h, --help  show this help

Exit codes: 0 ok, 2 usage error.
`;

export const command: Command = {
  name: 'carrier',
  summary: 'print the carrier message to create once in Yespo for render-mode sends',
  help,
  async run(argv, io) {
    let json = false;
    try {
      json = parseFlags({ args: argv, options: { json: { type: 'boolean' } }, strict: true }, 'carrier').values.json ?? false;
    } catch (err) {
      io.stderr(`velvet carrier: ${(err as Error).message}\n`);
      return 2;
    }
    if (json) {
      io.stdout(JSON.stringify({ subject: CARRIER_SUBJECT, preheader: CARRIER_PREHEADER, html: CARRIER_BODY }, null, 2) + '\n');
    } else {
      io.stdout(carrierInstructions());
    }
    return 0;
  },
};
