/**
 * The sync state of one email from three sides: its files (local), the lock (base) and the
 * message in Yespo (remote). Pure: the caller reads the three and gets plain data back.
 */
import type { ManagedField, ManagedFields } from '../yespo/messages.js';
import { changedFields, differingFields, fieldHashes, managedSet } from './hash.js';
import { changedTranslations, type LocalEmail } from './local.js';
import type { LockEntry } from './lock.js';

export type SyncState =
  | 'in-step'
  | 'changed-here'
  | 'changed-in-yespo'
  | 'conflict'
  | 'not-linked'
  | 'not-recorded'
  | 'missing-in-yespo'
  | 'only-in-yespo';

export const STATE_TEXT: Record<SyncState, string> = {
  'in-step': 'in step',
  'changed-here': 'changed here',
  'changed-in-yespo': 'changed in Yespo since the last pull',
  conflict: 'changed on both sides (conflict)',
  'not-linked': 'not linked to a Yespo message (no messageId)',
  'not-recorded': 'linked but never pulled or pushed here, and different from Yespo',
  'missing-in-yespo': 'its message is not in the account (404)',
  'only-in-yespo': 'in the account but not here',
};

export interface EmailStatus {
  name: string;
  messageId: number | undefined;
  state: SyncState;
  /** Fields (and `translation LANG`) changed here since the lock. */
  here: string[];
  /** Fields changed in Yespo since the lock. */
  yespo: string[];
}

/** What changed on each side of `local` since `base`. */
export function sides(local: LocalEmail, base: LockEntry | undefined, remote: ManagedFields | undefined): { here: string[]; yespo: ManagedField[] } {
  const set = managedSet(local.fields);
  const here: string[] = changedFields(fieldHashes(local.fields), base?.local, set);
  here.push(...changedTranslations(local, base?.translations).map((l) => `translation ${l}`));
  const yespo = remote ? changedFields(fieldHashes(remote), base?.remote, set) : [];
  return { here, yespo };
}

/** `remote` is the message's fields, null when Yespo answered 404, undefined when not asked. */
export function emailStatus(local: LocalEmail, base: LockEntry | undefined, remote: ManagedFields | null): EmailStatus {
  const id = local.messageId;
  const out = (state: SyncState, here: string[] = [], yespo: string[] = []): EmailStatus => ({ name: local.name, messageId: id, state, here, yespo });
  if (id === undefined) return out('not-linked');
  if (remote === null) return out('missing-in-yespo');
  const set = managedSet(local.fields);
  const differs = differingFields(local.fields, remote, set);
  if (!base || base.messageId !== id) {
    return differs.length === 0 && Object.keys(local.translations).length === 0 ? out('in-step') : out('not-recorded', differs, differs);
  }
  const { here, yespo } = sides(local, base, remote);
  if (here.length === 0 && yespo.length === 0) return out('in-step');
  if (here.length === 0) return out('changed-in-yespo', [], yespo);
  if (yespo.length === 0) return out('changed-here', here);
  // Both moved; when they moved to the same values only the lock is behind.
  const onlyFields = here.every((h) => !h.startsWith('translation '));
  return differs.length === 0 && onlyFields ? out('in-step') : out('conflict', here, yespo);
}
