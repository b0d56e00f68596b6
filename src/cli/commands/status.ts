import type { Command } from '../command.js';
import { fail, keyRedactedIO, parseFlags, progressLine, redactedIO, secondsFlag } from '../../yespo/cli-support.js';
import { checkEmails } from '../../sync/check.js';
import { openSync } from '../../sync/context.js';
import { emailRefs, readLocals } from '../../sync/project.js';
import { STATE_TEXT, type EmailStatus } from '../../sync/status.js';

const help = `velvet status: compare the email folders with their messages in Yespo

Usage: velvet status [EMAIL_DIR...] [options]

One line per email: in step, changed here, changed in Yespo since the last pull, changed on
both sides (conflict), not linked to a message (no messageId in email.json), linked but never
pulled or pushed here, or missing in the account. Changes are told apart with velvet.lock.json
(written by pull and push). Reads Yespo (one GET per linked email); changes nothing.

Options:
  --remote           also list the account's messages that no email folder is linked to
  --timeout SECONDS  request timeout (default 30)
  --api-url URL      API base (default https://yespo.io/api; also YESPO_API_URL)
  -h, --help         show this help

Environment: YESPO_API_KEY (required; never printed), YESPO_API_URL.

Exit codes: 0 every email is in step, 1 anything else (so CI can check it), 2 usage or
configuration error.
`;

function line(s: EmailStatus): string {
  const id = s.messageId === undefined ? '' : ` (message ${s.messageId})`;
  const detail = [s.here.length ? `here: ${s.here.join(', ')}` : '', s.yespo.length ? `Yespo: ${s.yespo.join(', ')}` : '']
    .filter(Boolean)
    .join('; ');
  return `${s.state.padEnd(16)} ${s.name}${id}: ${STATE_TEXT[s.state]}${detail ? ` [${detail}]` : ''}\n`;
}

export const command: Command = {
  name: 'status',
  summary: 'show which emails are in step with their Yespo messages (exit 1 when any is not)',
  help,
  async run(argv, rawIO) {
    let io = keyRedactedIO(rawIO);
    try {
      const { values: v, positionals } = parseFlags({
        args: argv,
        allowPositionals: true,
        options: { remote: { type: 'boolean' }, timeout: { type: 'string' }, 'api-url': { type: 'string' } },
      }, 'status');
      const { project, client } = await openSync(io, { apiUrl: v['api-url'], timeoutMs: secondsFlag('timeout', v.timeout, 30_000) });
      io = redactedIO(io, client.redact);
      const locals = readLocals(project, emailRefs(project, io.cwd, positionals));
      const progress = progressLine(io);
      const statuses = await checkEmails(client, project.lock, locals, {
        remote: v.remote,
        onStatus: (s) => io.stdout(line(s)),
        onListed: (n) => progress.update(`listing messages in Yespo: ${n}`),
      }).finally(() => progress.done());
      if (statuses.length === 0) io.stdout('no emails found\n');
      const off = statuses.filter((s) => s.state !== 'in-step').length;
      io.stderr(off === 0 ? `all ${statuses.length} in step\n` : `${off} of ${statuses.length} not in step\n`);
      return off === 0 ? 0 : 1;
    } catch (err) {
      return fail(io, 'status', err);
    }
  },
};
