/**
 * The push plan, as plain data: for each email whether it is pushed (update or create), left
 * alone (nothing changed), refused (Yespo moved since the recorded state) or blocked (lint
 * errors). Planning reads Yespo (one GET per email changed here) and writes nothing.
 */
import { basename } from 'node:path';
import type { YespoClient } from '../yespo/client.js';
import { getMessage, updateBody, type ManagedFields, type RemoteMessage } from '../yespo/messages.js';
import type { SendFinding } from '../yespo/safety.js';
import { fieldsDiff, textDiff } from './diff.js';
import { changedFields, differingFields, fieldHashes, managedSet } from './hash.js';
import { changedTranslations, type LocalEmail } from './local.js';
import { findEntry, type Lock } from './lock.js';

export type PushKind = 'update' | 'create' | 'unchanged' | 'refused' | 'blocked';

export interface PushItem {
  name: string;
  local: LocalEmail;
  kind: PushKind;
  /** The message as Yespo has it now (updates and refusals). */
  remote?: RemoteMessage | undefined;
  /** The managed fields sent (only the ones the files define). */
  send: ManagedFields;
  /** The PUT body: Yespo's object with the managed fields replaced. */
  body?: string | undefined;
  /** Fields that change in Yespo. */
  changes: string[];
  /** Languages whose translation is pushed. */
  translations: string[];
  /** Yespo → after the push; for a refusal, your files → what Yespo has now. */
  diff: string;
  reason?: string | undefined;
  findings: SendFinding[];
}

export interface PushOptions {
  force: boolean;
  /** Lint of one email; error findings block it unless `force`. */
  lint?: ((local: LocalEmail) => Promise<SendFinding[]>) | undefined;
}

export function sendFields(local: LocalEmail): ManagedFields {
  const out: ManagedFields = {};
  for (const f of managedSet(local.fields)) (out as Record<string, unknown>)[f] = local.fields[f];
  return out;
}

export async function planPushItem(client: YespoClient, lock: Lock, local: LocalEmail, options: PushOptions): Promise<PushItem> {
  const base = findEntry(lock, local.name, local.messageId);
  const send = sendFields(local);
  const item: PushItem = { name: local.name, local, kind: 'unchanged', send, changes: [], translations: [], diff: '', findings: [] };
  const translations = changedTranslations(local, base?.translations);
  if (local.messageId === undefined) {
    send.name ??= basename(local.dir);
    Object.assign(item, { kind: 'create', changes: ['new message'], translations: Object.keys(local.translations), diff: fieldsDiff(local.name, {}, send, ['yespo', 'local']) });
  } else {
    const set = managedSet(local.fields);
    const here = base ? changedFields(fieldHashes(local.fields), base.local, set) : set;
    if (here.length === 0 && translations.length === 0) return item;
    const remote = await getMessage(client, local.messageId);
    item.remote = remote;
    const yespo = base ? changedFields(fieldHashes(remote.fields), base.remote, set) : differingFields(remote.fields, local.fields, set);
    if (yespo.length > 0 && !options.force) {
      item.kind = 'refused';
      item.reason = base
        ? `changed in Yespo since the last pull/push (${yespo.join(', ')}); pull it first, or push with --force to overwrite`
        : 'no state recorded for it (never pulled or pushed here) and it differs from Yespo; pull it first, or push with --force';
      item.diff = fieldsDiff(local.name, local.fields, remote.fields, ['local', 'yespo']);
      return item;
    }
    item.changes = differingFields(remote.fields, local.fields, set);
    item.translations = translations;
    if (item.changes.length === 0 && translations.length === 0) return item;
    item.kind = 'update';
    item.body = item.changes.length ? updateBody(remote, send) : undefined;
    item.diff = fieldsDiff(local.name, remote.fields, { ...remote.fields, ...send }, ['yespo', 'local']);
  }
  for (const lang of item.translations) {
    const t = local.translations[lang];
    if (t) item.diff += textDiff(`${local.name}/email.${lang}.html (translation, pushed whole)`, '', `subject: ${JSON.stringify(t.subject ?? '')}\n${t.htmlText}`, ['yespo', 'local']);
  }
  if (options.lint) {
    item.findings = await options.lint(local);
    if (item.findings.some((f) => f.severity === 'error') && !options.force) {
      item.kind = 'blocked';
      item.reason = 'lint errors block the push (fix them, or push with --force)';
    }
  }
  return item;
}

/** Plans every email in order; one GET per email changed here. */
export async function planPush(client: YespoClient, lock: Lock, locals: readonly LocalEmail[], options: PushOptions): Promise<PushItem[]> {
  const out: PushItem[] = [];
  for (const l of locals) out.push(await planPushItem(client, lock, l, options));
  return out;
}
