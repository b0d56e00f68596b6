/**
 * Pull: a plan per message (write, refresh the lock, or refuse because the files hold work not
 * yet pushed), then an apply that writes the folder and records what was taken. A pull never
 * deletes a file and never overwrites a local change unless forced.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { META_FILE, TEMPLATE_FILE } from '../project/email.js';
import { MANAGED_FIELDS, type RemoteMessage } from '../yespo/messages.js';
import { editMembers } from '../yespo/json-members.js';
import { fieldsDiff } from './diff.js';
import { writeInside } from './files.js';
import { changedFields, differingFields, fieldHashes, managedSet } from './hash.js';
import { readLocal, type LocalEmail } from './local.js';
import { entry, findEntry, recordsState, type Lock } from './lock.js';
import { emailName, type SyncProject } from './project.js';

/** `ahead`: changed here and not in Yespo, so left alone; `refused`: changed on both sides. */
export type PullAction = 'create' | 'update' | 'unchanged' | 'ahead' | 'refused';

export interface PullItem {
  name: string;
  dir: string;
  remote: RemoteMessage;
  action: PullAction;
  /** Fields that the pull changes in the files. */
  changes: string[];
  /** Local → Yespo diff (what the pull writes, or what it refused to write). */
  diff: string;
}

/**
 * A folder name from a message name: lower-case words of letters and digits of any script joined
 * by '-' (accents on Latin letters dropped: `Café` gives `cafe`, `Весна` gives `весна`), at most
 * 60 characters, a name `velvet new` accepts; '' when nothing is left.
 */
export function slug(name: string | undefined): string {
  const folded = (name ?? '').normalize('NFKD').replace(/(?<=[A-Za-z])\p{M}+/gu, '').normalize('NFC').toLowerCase();
  const words = folded.replace(/[^\p{L}\p{M}\p{N}]+/gu, '-').replace(/^[-\p{M}]+/u, '');
  return Array.from(words).slice(0, 60).join('').replace(/-+$/, '');
}

/** Where message `id` goes: the folder already linked to it, or a new one under `targetDir`. */
export function targetFor(project: SyncProject, linked: readonly LocalEmail[], remote: RemoteMessage, targetDir: string): { name: string; dir: string } {
  const own = linked.find((l) => l.messageId === remote.id);
  if (own) return { name: own.name, dir: own.dir };
  const name = slug(remote.fields.name);
  // A name without letters or digits (only emoji, say) gives no slug: the id names the folder.
  // A device name of Windows (`con`) could not be checked out there: the id follows it.
  const stem = !name ? `message-${remote.id}` : WINDOWS_DEVICE.test(name) ? `${name}-${remote.id}` : name;
  // A folder that exists is someone's work (another email, linked or not): never pulled into.
  const first = join(targetDir, stem);
  const withId = stem.endsWith(`-${remote.id}`) ? first : `${first}-${remote.id}`;
  let dir = existsSync(first) ? withId : first;
  for (let n = 2; existsSync(dir); n++) dir = `${withId}-${n}`;
  return { name: emailName(project, dir), dir };
}

/** Names Windows reserves for devices, whatever the case (a slug has no extension). */
const WINDOWS_DEVICE = /^(?:con|prn|aux|nul|com[0-9]|lpt[0-9])$/;

export function planPull(project: SyncProject, target: { name: string; dir: string }, remote: RemoteMessage, force: boolean): PullItem {
  const item = (action: PullAction, changes: string[] = [], diff = ''): PullItem => ({ ...target, remote, action, changes, diff });
  if (!existsSync(join(target.dir, TEMPLATE_FILE))) return item('create', ['all'], fieldsDiff(target.name, {}, remote.fields, ['local', 'yespo']));
  const local = readLocal(project.root, target);
  const pulled = remote.fields;
  const changes = differingFields(local.fields, pulled, ['name', 'from', 'subject', 'htmlText', 'tags']);
  const diff = fieldsDiff(target.name, local.fields, pulled, ['local', 'yespo']);
  if (changes.length === 0) return item('unchanged');
  const base = findEntry(project.lock, target.name, remote.id);
  const unpushed = base ? changedFields(fieldHashes(local.fields), base.local, managedSet(local.fields)) : changes;
  if (unpushed.length === 0 || force) return item('update', changes, diff);
  // Changed here only: Yespo has nothing new, so there is nothing to take (and the lock stays).
  const moved = base ? changedFields(fieldHashes(remote.fields), base.remote, MANAGED_FIELDS) : changes;
  return item(moved.length === 0 ? 'ahead' : 'refused', changes, diff);
}

/** Writes the folder (unless unchanged or refused) and records the state in the lock. */
export function applyPull(project: SyncProject, item: PullItem, lock: Lock): void {
  if (item.action === 'refused' || item.action === 'ahead') return;
  const f = item.remote.fields;
  if (item.action !== 'unchanged') {
    writeInside(project.root, join(item.dir, TEMPLATE_FILE), f.htmlText ?? '');
    writeInside(project.root, join(item.dir, META_FILE), metaText(join(item.dir, META_FILE), item.remote));
  }
  const local = readLocal(project.root, item);
  const localHashes = fieldHashes(local.fields);
  const remoteHashes = fieldHashes(f);
  // an email whose recorded state is still true keeps its entry as it is (its time too), so a
  // pull that changed nothing leaves velvet.lock.json byte for byte as it was
  if (recordsState(lock.emails[item.name], item.remote.id, localHashes, remoteHashes)) return;
  const translations = findEntry(lock, item.name, item.remote.id)?.translations;
  lock.emails[item.name] = entry(item.remote.id, localHashes, remoteHashes, translations ? { translations } : {});
}

/**
 * email.json with Yespo's values for the managed keys and every other key kept as it was
 * (preheader, contact, translations…). A key Yespo does not have is removed. The file's own
 * text is edited, not rewritten: its indentation, key order and untouched values keep their bytes.
 */
export function metaText(file: string, remote: RemoteMessage): string {
  const f = remote.fields;
  const set: Record<string, unknown> = { name: f.name, subject: f.subject, from: f.from, tags: f.tags, messageId: remote.id };
  if (!existsSync(file)) {
    return JSON.stringify(Object.fromEntries(Object.entries(set).filter(([, v]) => v !== undefined)), null, 2) + '\n';
  }
  const text = readFileSync(file, 'utf8');
  // a file that is no JSON object fails here as it did when it was parsed whole
  JSON.parse(text.replace(/^\uFEFF/, ''));
  return editMembers(text, set);
}
