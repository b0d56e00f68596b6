import { resolve } from 'node:path';
import type { Command } from '../command.js';
import { UsageError } from '../../errors.js';
import { errorText, fail, idFlag, keyRedactedIO, parseFlags, progressLine, redactedIO, secondsFlag } from '../../yespo/cli-support.js';
import { listAllMessages } from '../../yespo/messages.js';
import { getMessageOrNull, openSync } from '../../sync/context.js';
import { readLocal, type LocalEmail } from '../../sync/local.js';
import { writeLock } from '../../sync/lock.js';
import { emailRefs } from '../../sync/project.js';
import { applyPull, planPull, targetFor } from '../../sync/pull.js';

const help = `velvet pull: fetch email messages from Yespo into email folders

Usage: velvet pull [EMAIL_DIR... | --id N... | --all] [options]

Writes each message as an email folder: email.html (its htmlText, exact bytes) and email.json
(name, subject, from, tags, messageId; other keys are kept), and records the state it came from
in velvet.lock.json (commit it). Without arguments every linked email of the project is pulled.

A pull never overwrites a change made here since the last pull or push. When Yespo changed too,
it refuses, shows the diff and leaves the folder as it is; when only this side changed there is
nothing to take ("ahead"). --force takes Yespo's version. It never deletes a file.

Options:
  --id N             pull the message with this id (repeatable); a new folder is named after it
  --all              pull every message of the account (pages through the search)
  --dir FOLDER       where new email folders go (default: the project's emails folder)
  --force            overwrite local changes with Yespo's version
  --timeout SECONDS  request timeout (default 30)
  --api-url URL      API base (default https://yespo.io/api; also YESPO_API_URL)
  -h, --help         show this help

Environment: YESPO_API_KEY (required; never printed), YESPO_API_URL.

Exit codes: 0 pulled (or already in step), 1 a pull was refused (local changes) or a message
is missing, 2 usage or configuration error.
`;

export const command: Command = {
  name: 'pull',
  summary: 'fetch messages from Yespo into email folders, never overwriting local changes',
  help,
  async run(argv, rawIO) {
    let io = keyRedactedIO(rawIO);
    try {
      const { values: v, positionals } = parseFlags({
        args: argv,
        allowPositionals: true,
        options: {
          id: { type: 'string', multiple: true }, all: { type: 'boolean' }, dir: { type: 'string' },
          force: { type: 'boolean' }, timeout: { type: 'string' }, 'api-url': { type: 'string' },
        },
      }, 'pull');
      const ids = (v.id ?? []).map((s) => idFlag('id', s) as number);
      if ([positionals.length > 0, ids.length > 0, v.all === true].filter(Boolean).length > 1) {
        throw new UsageError('give EMAIL_DIRs, --id or --all, not several of them (see --help)');
      }
      const { project, client } = await openSync(io, { apiUrl: v['api-url'], timeoutMs: secondsFlag('timeout', v.timeout, 30_000) });
      io = redactedIO(io, client.redact);
      const targetDir = v.dir === undefined ? project.emailsDir : resolve(io.cwd, v.dir);
      const linked: LocalEmail[] = [];
      let bad = 0;
      // an email named on the command line that cannot be read stops the pull (reported once, below)
      const named = new Set(positionals.length ? emailRefs(project, io.cwd, positionals).map((r) => r.name) : []);
      for (const ref of emailRefs(project, io.cwd, [])) {
        try {
          linked.push(readLocal(project.root, ref));
        } catch (err) {
          if (named.has(ref.name)) continue;
          // reported, and left alone: its link to a message cannot be read
          io.stderr(`skipped ${ref.name}: ${errorText(err, io.cwd)}\n`);
          bad++;
        }
      }
      if (v.all) {
        const progress = progressLine(io);
        const all = await listAllMessages(client, { onPage: (n) => progress.update(`listing messages in Yespo: ${n}`) });
        progress.done();
        ids.push(...all.map((m) => m.id));
      } else if (ids.length === 0) {
        const chosen = positionals.length ? emailRefs(project, io.cwd, positionals).map((r) => readLocal(project.root, r)) : linked;
        for (const l of chosen) {
          if (l.messageId === undefined) io.stderr(`skipped ${l.name}: not linked to a message (no messageId in email.json)\n`);
          else ids.push(l.messageId);
        }
      }
      const counts = { create: 0, update: 0, unchanged: 0, ahead: 0, refused: 0 };
      for (const [i, id] of ids.entries()) {
        if (ids.length > 1) io.stderr(`pulling ${i + 1}/${ids.length}: message ${id}\n`);
        const remote = await getMessageOrNull(client, id);
        if (!remote) {
          io.stderr(`message ${id} is not in the account (404)\n`);
          bad++;
          continue;
        }
        const item = planPull(project, targetFor(project, linked, remote, targetDir), remote, v.force ?? false);
        counts[item.action]++;
        if (item.action === 'ahead') {
          io.stdout(`ahead     ${item.name} (message ${id}): changed here, not in Yespo; left as it is (push it)\n`);
          continue;
        }
        if (item.action === 'refused') {
          io.stderr(`refused ${item.name}: it has changes here that are not in Yespo; push them, or pull with --force to take Yespo's version. Diff (local → Yespo):\n`);
          io.stdout(item.diff);
          bad++;
          continue;
        }
        applyPull(project, item, project.lock);
        writeLock(project.root, project.lock);
        if (item.action === 'create') linked.push(readLocal(project.root, item));
        const what = item.action === 'unchanged' ? 'already in step' : item.action === 'create' ? 'new folder' : `updated ${item.changes.join(', ')}`;
        io.stdout(`${item.action.padEnd(9)} ${item.name} (message ${id}): ${what}\n`);
      }
      io.stderr(`pulled ${ids.length - bad} of ${ids.length}: ${counts.create} new, ${counts.update} updated, ${counts.unchanged} in step, ${counts.ahead} ahead, ${counts.refused} refused\n`);
      return bad ? 1 : 0;
    } catch (err) {
      return fail(io, 'pull', err);
    }
  },
};
