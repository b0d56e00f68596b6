/**
 * Applying a push plan step by step. After every step that Yespo confirmed, the lock is written
 * with what Yespo really stored (read back with a GET), so a push that fails half way leaves a
 * lock true to the account: the emails before the failure are recorded as pushed, the rest as
 * they were. Nothing is ever deleted in the account.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { META_FILE } from '../project/email.js';
import type { YespoClient } from '../yespo/client.js';
import {
  createMessage, getMessage, updateMessage, updateTranslation, type ManagedField, type ManagedFields,
} from '../yespo/messages.js';
import { writeInside } from './files.js';
import { differingFields, fieldHashes, hashValue, managedSet } from './hash.js';
import { entry, findEntry, writeLock, type Lock } from './lock.js';
import type { PushItem } from './push-plan.js';

export interface Normalisation {
  field: ManagedField;
  detail: string;
}

export interface PushResult {
  name: string;
  messageId: number | undefined;
  /** What was stored, in order: `created 41`, `updated`, `translation de`. */
  done: string[];
  /** Fields Yespo stored differently from what was sent. */
  normalised: Normalisation[];
  /** False when the message could not be read back after the PUT. */
  verified: boolean;
  error?: unknown;
}

export interface ApplyOptions {
  root: string;
  lock: Lock;
  onStep?: ((name: string, step: string) => void) | undefined;
}

/** Applies the items to push in order and stops at the first failure. */
export async function applyPush(client: YespoClient, items: readonly PushItem[], options: ApplyOptions): Promise<PushResult[]> {
  const results: PushResult[] = [];
  for (const item of items) {
    if (item.kind !== 'update' && item.kind !== 'create') continue;
    const result = await applyItem(client, item, options);
    results.push(result);
    if (result.error !== undefined) break;
  }
  return results;
}

async function applyItem(client: YespoClient, item: PushItem, o: ApplyOptions): Promise<PushResult> {
  const r: PushResult = { name: item.name, messageId: item.local.messageId, done: [], normalised: [], verified: true };
  const base = findEntry(o.lock, item.name, item.local.messageId);
  const translations = { ...(base?.translations ?? {}) };
  try {
    let stored: ManagedFields | undefined = item.remote?.fields;
    if (item.kind === 'create') {
      const id = await createMessage(client, item.send);
      r.messageId = id;
      writeMessageId(o.root, item.local.dir, id, item.local.fields.name === undefined ? item.send.name : undefined);
      r.done.push(`created message ${id}`);
      o.onStep?.(item.name, `created message ${id}, id written to ${META_FILE}`);
      stored = await readBack(client, id, item.send, r);
    } else if (item.body !== undefined && r.messageId !== undefined) {
      await updateMessage(client, r.messageId, item.body);
      r.done.push('updated');
      o.onStep?.(item.name, `updated message ${r.messageId}`);
      stored = await readBack(client, r.messageId, { ...item.remote?.fields, ...item.send }, r);
    }
    const id = r.messageId as number;
    const localFields = { ...item.local.fields, ...(item.kind === 'create' ? { name: item.send.name } : {}) };
    const record = (): void => {
      o.lock.emails[item.name] = entry(id, fieldHashes(localFields), fieldHashes(stored ?? {}), {
        translations: Object.keys(translations).length ? { ...translations } : undefined,
        verified: r.verified ? undefined : false,
      });
      writeLock(o.root, o.lock);
    };
    record();
    for (const lang of item.translations) {
      const t = item.local.translations[lang];
      if (!t) continue;
      await updateTranslation(client, id, lang, t);
      translations[lang] = hashValue(t);
      r.done.push(`translation ${lang}`);
      o.onStep?.(item.name, `updated translation ${lang} of message ${id}`);
      record();
    }
  } catch (err) {
    r.error = err;
  }
  return r;
}

/** GETs the message after a write and notes every field Yespo stored differently. */
async function readBack(client: YespoClient, id: number, sent: ManagedFields, r: PushResult): Promise<ManagedFields> {
  let stored: ManagedFields;
  try {
    stored = (await getMessage(client, id)).fields;
  } catch {
    // The write was confirmed; without the read-back its state is taken to be what was sent.
    r.verified = false;
    return sent;
  }
  const set = managedSet(sent);
  for (const f of differingFields(sent, stored, set)) r.normalised.push({ field: f, detail: describeChange(sent[f], stored[f]) });
  return stored;
}

function describeChange(sent: unknown, stored: unknown): string {
  if (typeof sent === 'string' && typeof stored === 'string') {
    if (sent.replace(/\r\n/g, '\n') === stored) return 'line endings CRLF → LF';
    if (sent.trim() === stored.trim()) return 'white space at the start or end trimmed';
    return `${sent.length} characters sent, ${stored.length} stored`;
  }
  return `sent ${JSON.stringify(sent)}, stored ${JSON.stringify(stored)}`;
}

/** Writes the new message id (and the name it was created with) into email.json, keeping the rest. */
function writeMessageId(root: string, dir: string, id: number, name: string | undefined): void {
  const file = join(dir, META_FILE);
  const meta: Record<string, unknown> = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  if (name !== undefined) meta['name'] = name;
  meta['messageId'] = id;
  writeInside(root, file, JSON.stringify(meta, null, 2) + '\n');
}
