/**
 * The sync state of a project's emails, read on demand: one GET per linked email (and the whole
 * search with `remote`). `velvet status` prints it; the preview shows it in its email list.
 */
import type { YespoClient } from '../yespo/client.js';
import { listAllMessages } from '../yespo/messages.js';
import { getMessageOrNull } from './context.js';
import type { LocalEmail } from './local.js';
import { findEntry, type Lock } from './lock.js';
import { emailStatus, type EmailStatus } from './status.js';

export interface CheckOptions {
  /** Also list the account's messages no email is linked to. */
  remote?: boolean | undefined;
  onStatus?: ((s: EmailStatus) => void) | undefined;
  onListed?: ((count: number) => void) | undefined;
}

export async function checkEmails(client: YespoClient, lock: Lock, locals: readonly LocalEmail[], options: CheckOptions = {}): Promise<EmailStatus[]> {
  const out: EmailStatus[] = [];
  const add = (s: EmailStatus): void => {
    out.push(s);
    options.onStatus?.(s);
  };
  for (const local of locals) {
    const remote = local.messageId === undefined ? null : await getMessageOrNull(client, local.messageId);
    add(emailStatus(local, findEntry(lock, local.name, local.messageId), remote ? remote.fields : null));
  }
  if (options.remote) {
    const all = await listAllMessages(client, { onPage: options.onListed });
    const linked = new Set(locals.map((l) => l.messageId));
    for (const m of all.filter((m) => !linked.has(m.id))) {
      add({ name: m.name ?? '(no name)', messageId: m.id, state: 'only-in-yespo', here: [], yespo: [] });
    }
  }
  return out;
}
