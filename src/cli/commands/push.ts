import { createInterface } from 'node:readline/promises';
import type { CliIO, Command } from '../command.js';
import { errorText, fail, formatFindings, keyRedactedIO, parseFlags, redactedIO, secondsFlag } from '../../yespo/cli-support.js';
import { ConfigError } from '../../errors.js';
import { displayPath } from '../report.js';
import { NO_KEY } from '../../yespo/client.js';
import { openSync } from '../../sync/context.js';
import type { LocalEmail } from '../../sync/local.js';
import { emailRefs, readLocals } from '../../sync/project.js';
import { applyPush } from '../../sync/push-apply.js';
import { planPush, type PushItem } from '../../sync/push-plan.js';

const help = `velvet push: update the Yespo messages from the email folders

Usage: velvet push [EMAIL_DIR...] [options]

For each email changed here since the last pull or push (velvet.lock.json), velvet GETs its
message; when it changed in Yespo meanwhile (an edit in the web editor) the push of that email
is refused and the diff is shown, unless --force. Otherwise it shows a unified diff of what will
change, asks for confirmation, PUTs the whole message with only name, subject, from, tags and
htmlText replaced (every other field as Yespo sent it), GETs it again to check what Yespo stored
and records that in the lock. An email without messageId is created (POST) and its new id is
written into email.json, but only for an email named on the command line or with --create:
without EMAIL_DIRs a push updates linked messages and lists the unlinked emails it left alone,
so scratch emails never become messages. Translations in email.json go with PUT
.../{id}/{language}. Nothing is ever deleted in the account. Lint errors block a push unless
--force.

Options:
  --create           also create a message for every email without messageId (without
                     EMAIL_DIRs only these are created when named)
  --dry-run          show the plan and the diffs, push nothing ("nothing to push" when in step)
  --yes              push without asking (for CI); without it velvet asks on a terminal
  --force            push over changes made in Yespo and despite lint errors
  --timeout SECONDS  request timeout (default 30)
  --api-url URL      API base (default https://yespo.io/api; also YESPO_API_URL)
  -h, --help         show this help

Environment: YESPO_API_KEY (required; never printed), YESPO_API_URL.

Exit codes: 0 pushed (or nothing to push), 1 an email was refused, blocked or failed, or the
push was not confirmed, 2 usage or configuration error.
`;

async function confirm(io: CliIO, question: string): Promise<boolean> {
  io.stderr(question);
  let answer: string;
  if (io.stdin) answer = await io.stdin();
  else {
    const rl = createInterface({ input: process.stdin });
    answer = await new Promise<string>((r) => rl.once('line', r).once('close', () => r('')));
    rl.close();
  }
  return /^\s*y(es)?\s*$/i.test(answer);
}

function describe(item: PushItem): string {
  const id = item.local.messageId === undefined ? 'new message' : `message ${item.local.messageId}`;
  const what = [...item.changes, ...item.translations.map((l) => `translation ${l}`)].join(', ');
  return `${item.kind === 'create' ? 'create' : 'update'} ${item.name} (${id}): ${what}\n`;
}

export const command: Command = {
  name: 'push',
  summary: 'update Yespo messages from the email folders (refuses when Yespo changed meanwhile)',
  help,
  async run(argv, rawIO) {
    let io = keyRedactedIO(rawIO);
    try {
      const { values: v, positionals } = parseFlags({
        args: argv,
        allowPositionals: true,
        options: {
          'dry-run': { type: 'boolean' }, yes: { type: 'boolean' }, force: { type: 'boolean' }, create: { type: 'boolean' },
          timeout: { type: 'string' }, 'api-url': { type: 'string' },
        },
      }, 'push');
      const { project, client } = await openSync(io, { apiUrl: v['api-url'], timeoutMs: secondsFlag('timeout', v.timeout, 30_000) });
      io = redactedIO(io, client.redact);
      const all = readLocals(project, emailRefs(project, io.cwd, positionals));
      // a new message is made only for an email named here, or with --create: a push of the
      // whole project (the CI recipe) never turns a scratch email into a message in the account
      const create = positionals.length > 0 || v.create === true;
      const locals = create ? all : all.filter((l) => l.messageId !== undefined);
      const unlinked = all.filter((l) => !locals.includes(l));
      for (const l of unlinked) {
        io.stderr(`not created ${l.name}: not linked to a message (no messageId); \`velvet push ${displayPath(io.cwd, l.dir)}\` creates it (or --create, every such email)\n`);
      }
      const lint = async (l: LocalEmail) => {
        const { lintSendChecks } = await import('../../lint/index.js');
        return lintSendChecks(l.dir)({ email: l.name, subject: l.fields.subject ?? '', html: l.fields.htmlText ?? '' });
      };
      const items = await planPush(client, project.lock, locals, { force: v.force ?? false, lint });

      let stopped = 0;
      for (const item of items) {
        if (item.kind === 'refused') io.stderr(`refused ${item.name}: ${item.reason}\n`);
        if (item.kind === 'refused') io.stdout(item.diff);
        if (item.findings.length) io.stderr(`lint of ${item.name}:\n${formatFindings(item.findings)}`);
        if (item.kind === 'blocked') io.stderr(`blocked ${item.name}: ${item.reason}\n`);
        if (item.kind === 'refused' || item.kind === 'blocked') stopped++;
      }
      const todo = items.filter((i) => i.kind === 'update' || i.kind === 'create');
      if (todo.length === 0) {
        const linked = unlinked.length ? ' linked' : '';
        io.stdout(stopped ? 'nothing else to push\n' : `nothing to push: every${linked} email is in step with Yespo\n`);
        return stopped ? 1 : 0;
      }
      for (const item of todo) io.stdout(describe(item) + item.diff);
      if (v['dry-run']) {
        io.stderr(`dry run: ${todo.length} email(s) would be pushed; nothing was sent\n`);
        return stopped ? 1 : 0;
      }
      if (!client.hasKey) {
        throw new ConfigError(`${NO_KEY}; nothing was pushed.`);
      }
      if (!v.yes) {
        if (!io.interactive) {
          io.stderr('velvet push: not a terminal, so nobody can confirm; pass --yes to push (nothing was pushed)\n');
          return 1;
        }
        if (!(await confirm(io, `push ${todo.length} email(s) to Yespo? [y/N] `))) {
          io.stderr('nothing was pushed\n');
          return 1;
        }
      }
      const results = await applyPush(client, todo, {
        root: project.root,
        lock: project.lock,
        onStep: (name, step) => io.stdout(`${name}: ${step}\n`),
      });
      let failed = false;
      for (const r of results) {
        for (const n of r.normalised) io.stderr(`${r.name}: Yespo stored ${n.field} differently (${n.detail}); the lock records what it stored; \`velvet pull\` brings that form into your files\n`);
        if (!r.verified) io.stderr(`${r.name}: the message could not be read back after the push; recorded as sent\n`);
        if (r.error !== undefined) {
          failed = true;
          io.stderr(`velvet push: ${r.name} failed: ${errorText(r.error, io.cwd)}\n`);
        }
      }
      const pushed = results.filter((r) => r.error === undefined).length;
      const notTried = todo.length - results.length;
      io.stderr(`pushed ${pushed} of ${todo.length}` + (failed ? `; ${results.length - pushed} failed` : '') + (notTried ? `, ${notTried} not tried` : '') + '; velvet.lock.json records what Yespo stored\n');
      return failed || stopped ? 1 : 0;
    } catch (err) {
      return fail(io, 'push', err);
    }
  },
};
