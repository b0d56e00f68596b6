import { resolve } from 'node:path';
import type { Command } from '../command.js';
import { clientFor, fail, keyRedactedIO, parseFlags, redactedIO, secondsFlag } from '../../yespo/cli-support.js';
import { accountCheck, formatChecks, localChecks } from '../../yespo/doctor.js';
import { displayPath } from '../report.js';
import { emailSource, findConfigFile } from '../../yespo/email-source.js';
import { resolveSendSettings } from '../../yespo/settings.js';
import { UsageError } from '../../errors.js';

const help = `velvet doctor: check the setup for sending test emails through Yespo

Usage: velvet doctor [DIR] [--api-url URL] [--timeout SECONDS]

Checks, in order: the project config (velvet.config.json in DIR or a parent, default the current
folder), the API URL and where it came from (a warning when it is not the default), that
YESPO_API_KEY is set, the allow-list and the carrier message id; then asks Yespo
(GET /v1/account/info) who the key belongs to. The key is never printed.

Options:
  --api-url URL        API base (default https://yespo.io/api; also YESPO_API_URL; send.apiUrl
                       in the config only as https on yespo.io)
  --timeout SECONDS    request timeout (default 30)
  -h, --help           show this help

Environment:
  YESPO_API_KEY        the API key (password of HTTP Basic auth)
  YESPO_API_URL        API base
  VELVET_SEND_ALLOW    allow-list, replaces send.allow (comma-separated addresses or @domains)

Exit codes: 0 ready to send (warnings allowed), 1 a check failed (no key, key rejected,
network), 2 usage or config error.
`;

export const command: Command = {
  name: 'doctor',
  summary: 'check the Yespo API key and the send configuration',
  help,
  async run(argv, rawIO) {
    let io = keyRedactedIO(rawIO);
    try {
      const { values, positionals } = parseFlags({
        args: argv,
        options: { 'api-url': { type: 'string' }, timeout: { type: 'string' } },
        allowPositionals: true,
        strict: true,
      }, 'doctor');
      if (positionals.length > 1) throw new UsageError('doctor takes at most one folder');
      const dir = resolve(io.cwd, positionals[0] ?? '.');
      const configFile = await findConfigFile(dir);
      const config = await emailSource().loadSendConfig(dir);
      const settings = resolveSendSettings(config, io.env, {
        apiUrl: values['api-url'],
        timeoutMs: secondsFlag('timeout', values.timeout, 30_000),
      });
      const client = clientFor(settings, io, 1);
      io = redactedIO(io, client.redact);
      const checks = localChecks(settings, configFile === undefined ? undefined : displayPath(io.cwd, configFile));
      if (settings.apiKey) checks.push(await accountCheck(client));
      io.stdout(formatChecks(checks));
      const failed = checks.some((c) => c.level === 'fail');
      io.stdout(failed ? '\nNot ready to send: fix the FAIL lines above.\n' : '\nReady to send test emails.\n');
      return failed ? 1 : 0;
    } catch (err) {
      return fail(io, 'doctor', err);
    }
  },
};
