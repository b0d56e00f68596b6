import { resolve } from 'node:path';
import type { Command } from '../command.js';
import { UsageError } from '../../errors.js';
import { clientFor, fail, formatFindings, idFlag, keyRedactedIO, parseFlags, progressLine, redactedIO, secondsFlag, statusSummary } from '../../yespo/cli-support.js';
import { emailSource } from '../../yespo/email-source.js';
import { executeSend } from '../../yespo/endpoints.js';
import { MAX_TEST_RECIPIENTS } from '../../yespo/safety.js';
import { formatOutcomes, summarizeResults } from '../../yespo/send-report.js';
import { resolveSendSettings } from '../../yespo/settings.js';
import { pollStatus } from '../../yespo/status.js';
import { planTestSend, type SendMode, type SendVia } from '../../yespo/test-send.js';

const help = `velvet send: send a test of one email to real inboxes through Yespo

Usage: velvet send EMAIL_DIR --to ADDR[,ADDR] [options]

Modes:
  --mode render   (default) render the email locally with the fixture and send the finished
                  subject and HTML through the carrier message (send.carrierMessageId, see
                  \`velvet carrier\`) with smartsend; the subject gets the [TEST] prefix
                  (send.subjectPrefix). --via email sends the HTML with Send email message
                  (POST /v1/message/email) instead and needs a sender.
  --mode data     let Yespo render its stored template: smartsend to the email's Yespo message
                  (messageId in email.json, or --message-id) with the fixture as jsonParam.

Options:
  --to ADDR[,ADDR]      recipients (repeatable); at most ${MAX_TEST_RECIPIENTS}, each must be in the allow-list
  --fixture NAME        fixture file of the email (default: the first in email.json's
                        "fixtures", else "default", else the first by name)
  --variant NAME        variant of that fixture, e.g. a smartsend locator (default: the first)
  --mode data|render    see above (default render)
  --via smartsend|email render mode transport (default smartsend)
  --message-id N        Yespo message id for data mode (overrides email.json)
  --carrier-id N        carrier message id for render mode (overrides send.carrierMessageId)
  --from SENDER         sender for --via email, e.g. '"Shop" <shop@example.com>' (default: email.json from)
  --dry-run             print the exact request (key redacted) and send nothing; works
                        without a key, allow-list or carrier, and lists what a real send
                        would refuse (the carrier's id shows as CARRIER-ID)
  --force               send although the render has leftover Velocity code or check errors
  --wait SECONDS        follow delivery status for up to this long (default 120; 0: do not follow)
  --poll-interval SECS  time between status requests (default 3)
  --timeout SECONDS     request timeout (default 30)
  --api-url URL         API base (default https://yespo.io/api; also YESPO_API_URL; send.apiUrl
                        in the config only as https on yespo.io)
  -h, --help            show this help

Safety: nothing is sent to an address that is not in the allow-list (send.allow in
velvet.config.json, or VELVET_SEND_ALLOW, comma-separated addresses or @domains); --force never
lifts that. A send is never retried: after a timeout it may or may not have been delivered.

Environment: YESPO_API_KEY (required to send; never printed), YESPO_API_URL, VELVET_SEND_ALLOW.

Exit codes: 0 sent (and delivered, when followed), 1 Yespo refused or failed a recipient,
delivery not confirmed in time, the render failed or checks found errors, 2 usage, data or
configuration error (including recipients refused by the allow-list).
`;

export const command: Command = {
  name: 'send',
  summary: 'test-send an email to allowed inboxes through Yespo (smartsend or message/email)',
  help,
  async run(argv, rawIO) {
    let io = keyRedactedIO(rawIO);
    try {
      const { values: v, positionals } = parseFlags({
        args: argv,
        allowPositionals: true,
        options: {
          to: { type: 'string', multiple: true }, fixture: { type: 'string' }, variant: { type: 'string' },
          mode: { type: 'string' }, via: { type: 'string' }, 'message-id': { type: 'string' },
          'carrier-id': { type: 'string' }, from: { type: 'string' }, 'dry-run': { type: 'boolean' },
          force: { type: 'boolean' }, wait: { type: 'string' }, 'poll-interval': { type: 'string' },
          timeout: { type: 'string' }, 'api-url': { type: 'string' },
        },
      }, 'send');
      if (positionals.length !== 1) throw new UsageError('give exactly one EMAIL_DIR (see --help)');
      const mode = (v.mode ?? 'render') as SendMode;
      if (mode !== 'data' && mode !== 'render') throw new UsageError(`--mode is data or render, got '${v.mode}'`);
      const via = (v.via ?? 'smartsend') as SendVia;
      if (via !== 'smartsend' && via !== 'email') throw new UsageError(`--via is smartsend or email, got '${v.via}'`);
      const waitMs = secondsFlag('wait', v.wait, 120_000);
      const intervalMs = secondsFlag('poll-interval', v['poll-interval'], 3_000);
      const dir = resolve(io.cwd, positionals[0] ?? '.');

      const source = emailSource();
      const settings = resolveSendSettings(await source.loadSendConfig(dir), io.env, {
        apiUrl: v['api-url'],
        timeoutMs: secondsFlag('timeout', v.timeout, 30_000),
      });
      const client = clientFor(settings, io);
      io = redactedIO(io, client.redact);
      const email = await source.prepareEmail(dir, { fixture: v.fixture, variant: v.variant });
      const rendered = await email.render().catch((err: unknown) => (err instanceof Error ? err : new Error(String(err))));
      const plan = await planTestSend(
        {
          email: email.name, mode, via, to: v.to ?? [], payload: email.json, rendered,
          messageId: idFlag('message-id', v['message-id']) ?? email.meta.messageId,
          carrierMessageId: idFlag('carrier-id', v['carrier-id']), from: v.from ?? email.meta.from,
          force: v.force ?? false, checks: source.checks?.(dir), dryRun: v['dry-run'] ?? false,
        },
        settings,
      );
      if (plan.findings.length) io.stderr(`checks of ${email.name}:\n${formatFindings(plan.findings)}`);
      for (const p of plan.usageProblems) io.stderr(`velvet send: ${p}\n`);
      for (const p of plan.failures) io.stderr(`velvet send: ${p}\n`);
      if (plan.usageProblems.length) return 2;
      if (plan.failures.length || !plan.request) return 1;

      const what = `${email.name}${email.fixture ? ` (fixture ${email.fixture}${email.variant ? `, ${email.variant}` : ''})` : ''}`;
      const how = mode === 'data' ? 'data mode: Yespo renders its stored template' : `render mode via ${via}`;
      io.stderr(`${v['dry-run'] ? 'would send' : 'sending'} ${what} to ${plan.recipients.join(', ')} (${how})` +
        (plan.subject !== undefined ? `\nsubject: ${plan.subject}` : '') + '\n');
      if (v['dry-run']) {
        io.stdout(client.describe(plan.request));
        if (plan.wouldRefuse.length) {
          io.stderr(`a real send would refuse, until this is set up:\n${plan.wouldRefuse.map((p) => `  - ${p}\n`).join('')}`);
        }
        io.stderr('dry run: nothing was sent\n');
        return 0;
      }

      const response = await executeSend(client, plan.request);
      const summary = summarizeResults(plan.recipients, response.results);
      io.stdout(`Yespo answered:\n${summary.lines}`);
      const follow = summary.accepted.filter((a) => a.requestId);
      if (waitMs === 0 || follow.length === 0) return summary.rejected ? 1 : 0;

      const progress = progressLine(io);
      const result = await pollStatus(client, follow.map((a) => a.requestId), {
        timeoutMs: waitMs,
        intervalMs,
        onProgress: (statuses, elapsed) => progress.update(statusSummary(statuses, elapsed)),
      }).finally(() => progress.done());
      io.stdout(`Delivery:\n${formatOutcomes(follow, result.statuses, result.timedOut)}`);
      const bad = summary.rejected > 0 || result.timedOut || result.statuses.some((s) => s.outcome !== 'delivered');
      return bad ? 1 : 0;
    } catch (err) {
      return fail(io, 'send', err);
    }
  },
};
