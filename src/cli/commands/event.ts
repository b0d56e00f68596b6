import { dirname, resolve } from 'node:path';
import type { Command } from '../command.js';
import { DataError, UsageError } from '../../errors.js';
import { clientFor, fail, keyRedactedIO, parseFlags, redactedIO, secondsFlag } from '../../yespo/cli-support.js';
import { emailSource, readEventFixture } from '../../yespo/email-source.js';
import { requests } from '../../yespo/endpoints.js';
import { checkEventContacts } from '../../yespo/safety.js';
import { oneLine } from '../../yespo/server-text.js';
import { resolveSendSettings } from '../../yespo/settings.js';
import type { EventBody } from '../../yespo/types.js';

const help = `velvet event: send a Generate event fixture to Yespo to start a workflow

Usage: velvet event FIXTURE [--v2] [--dry-run] [--force]

FIXTURE is a JSON file holding a Generate event body exactly as Yespo takes it:
  {"eventTypeKey": "...", "keyValue": "...", "params": [{"name": "...", "value": ...}]}
It is posted to POST /v1/event unchanged, or to /v2/event with --v2 or when the fixture declares
"$velvet": {"format": "event-v2"} (as velvet fixture --format event-v2 writes it); velvet's own
keys ($schema, $velvet) are left out. The body must be at most 20 KB; eventTypeKey at most 100 characters.

The workflow the event starts emails the contact it names, so every email address in the event
(keyValue, and anywhere in the params: nested values, lists in one string, escaped JSON) must be
in the allow-list (send.allow in velvet.config.json or VELVET_SEND_ALLOW); --force never lifts
that. A keyValue that is not an email address (a phone number, a contact id) and an event that
names no address are refused unless --force.
An event is never retried: after a timeout it may or may not have been received.

Options:
  --v2                 use Generate event v2 (nested values unescaped); implied by a fixture
                       that declares "$velvet": {"format": "event-v2"}
  --dry-run            print the exact request (key redacted) and send nothing
  --force              send an event whose keyValue is not an address, or that names none
  --timeout SECONDS    request timeout (default 30)
  --api-url URL        API base (default https://yespo.io/api; also YESPO_API_URL; send.apiUrl
                       in the config only as https on yespo.io)
  -h, --help           show this help

Environment: YESPO_API_KEY (never printed), YESPO_API_URL, VELVET_SEND_ALLOW.

Exit codes: 0 Yespo accepted the event, 1 Yespo refused it or did not answer, 2 usage, data or
configuration error (including an address outside the allow-list).
`;

export const command: Command = {
  name: 'event',
  summary: 'send a Generate event fixture (v1 or v2) to start a Yespo workflow',
  help,
  async run(argv, rawIO) {
    let io = keyRedactedIO(rawIO);
    try {
      const { values: v, positionals } = parseFlags({
        args: argv,
        allowPositionals: true,
        options: {
          v2: { type: 'boolean' }, 'dry-run': { type: 'boolean' }, force: { type: 'boolean' },
          timeout: { type: 'string' }, 'api-url': { type: 'string' },
        },
      }, 'event');
      if (positionals.length !== 1) throw new UsageError('give exactly one FIXTURE file (see --help)');
      const file = resolve(io.cwd, positionals[0] ?? '');
      const { body, text, format, declared } = await readEventFixture(file, positionals[0]);
      // the format the fixture declares ("$velvet": {"format": "event-v2"}) decides the endpoint;
      // without a declaration, --v2 does, and a body shaped as v2 needs it
      if (declared && format === 'event-v1' && v.v2) {
        throw new UsageError(`${positionals[0]} declares "$velvet": {"format": "event-v1"}; --v2 would post it to /v2/event: drop one of them`);
      }
      if (format === 'event-v2' && !declared && !v.v2) {
        throw new DataError(
          'has the shape of a Generate event v2 body (params as an object, or nested param values); pass --v2 (or declare ' +
            '"$velvet": {"format": "event-v2"} in it) to post it to /v2/event, or declare "$velvet": {"format": "event-v1"} ' +
            'in it to post it to /v1/event as it is',
          { file: positionals[0] },
        );
      }
      const version = v.v2 || (declared && format === 'event-v2') ? 2 : 1;
      const settings = resolveSendSettings(await emailSource().loadSendConfig(dirname(file)), io.env, {
        apiUrl: v['api-url'],
        timeoutMs: secondsFlag('timeout', v.timeout, 30_000),
      });
      const client = clientFor(settings, io);
      io = redactedIO(io, client.redact);
      const request = requests.event(body as EventBody, version, text);
      const problems = checkEventContacts(body, settings.allow, v.force ?? false, text);
      for (const p of problems) io.stderr(`velvet event: ${p}\n`);
      if (problems.length) return 2;
      const key = `${String(body['eventTypeKey'])}${typeof body['keyValue'] === 'string' ? ` for ${body['keyValue']}` : ''}`;
      if (v['dry-run']) {
        io.stderr(`would send event ${key}\n`);
        io.stdout(client.describe(request));
        io.stderr('dry run: nothing was sent\n');
        return 0;
      }
      const res = await client.request(request);
      const said = typeof res.data === 'string' ? `: ${oneLine(res.data)}` : res.data !== null ? `: ${JSON.stringify(res.data)}` : '';
      io.stdout(`Yespo accepted event ${key} (HTTP ${res.status})${said}\n`);
      return 0;
    } catch (err) {
      return fail(io, 'event', err);
    }
  },
};
