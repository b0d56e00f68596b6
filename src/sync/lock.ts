/**
 * velvet.lock.json: the state each email had in Yespo when it was last pulled or pushed, so a
 * later pull or push can tell a change made here from one made in Yespo. It is committed with
 * the emails and holds hashes, ids and times only (no content, no secrets).
 */
import { join } from 'node:path';
import { ConfigError } from '../errors.js';
import { readInside, writeInside } from './files.js';
import type { FieldHashes } from './hash.js';

export const LOCK_FILE = 'velvet.lock.json';
export const VELVET_VERSION = '0.1.0';

export interface LockEntry {
  messageId: number;
  /** Hashes of the email's files when they were last in step with Yespo. */
  local: FieldHashes;
  /** Hashes of what Yespo held then (after a push: what it really stored). */
  remote: FieldHashes;
  /** Hash of each translation as last pushed (language → hash). */
  translations?: Record<string, string> | undefined;
  /** False when a push could not read the message back; its remote state is what was sent. */
  verified?: boolean | undefined;
  at: string;
  by: string;
}

export interface Lock {
  version: 1;
  /** Keyed by email name (its folder relative to the emails folder). */
  emails: Record<string, LockEntry>;
}

export function lockPath(root: string): string {
  return join(root, LOCK_FILE);
}

export function readLock(root: string): Lock {
  const file = lockPath(root);
  const text = readInside(root, file);
  if (text === undefined) return { version: 1, emails: entries() };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`${LOCK_FILE} is not valid JSON (${(err as Error).message}); restore it from git`, { file });
  }
  const emails = (data as { emails?: unknown } | null)?.emails;
  if ((data as { version?: unknown } | null)?.version !== 1 || !emails || typeof emails !== 'object') {
    throw new ConfigError(`${LOCK_FILE} is not a velvet lock file of version 1`, { file });
  }
  return { version: 1, emails: Object.assign(entries(), emails as Record<string, LockEntry>) };
}

/**
 * A map of entries by email name without a prototype: a folder may be named `__proto__` or
 * `constructor`, and such a name must be an entry like any other, not an Object member.
 */
function entries(): Record<string, LockEntry> {
  return Object.create(null) as Record<string, LockEntry>;
}

/**
 * Writes the lock with sorted keys, so its diffs in review stay small. When the text is what the
 * file holds already it is not written at all (a pull that changed nothing leaves it untouched).
 */
export function writeLock(root: string, lock: Lock): void {
  const emails = entries();
  for (const name of Object.keys(lock.emails).sort()) emails[name] = lock.emails[name] as LockEntry;
  const text = JSON.stringify({ version: 1, emails }, null, 2) + '\n';
  if (readInside(root, lockPath(root)) === text) return;
  writeInside(root, lockPath(root), text);
}

/** True when `e` records exactly this state (same message, same hashes, verified), so it stays as it is. */
export function recordsState(e: LockEntry | undefined, messageId: number, local: FieldHashes, remote: FieldHashes): boolean {
  const same = (a: FieldHashes, b: FieldHashes): boolean => {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]) as Set<keyof FieldHashes>;
    return [...keys].every((k) => a[k] === b[k]);
  };
  return e !== undefined && e.messageId === messageId && e.verified !== false && same(e.local, local) && same(e.remote, remote);
}

/** The entry of `name`, or of whichever entry records `messageId` (an email folder that moved). */
export function findEntry(lock: Lock, name: string, messageId: number | undefined): LockEntry | undefined {
  const own = lock.emails[name];
  if (own && (messageId === undefined || own.messageId === messageId)) return own;
  if (messageId === undefined) return undefined;
  return Object.values(lock.emails).find((e) => e.messageId === messageId);
}

export function entry(messageId: number, local: FieldHashes, remote: FieldHashes, extra: Partial<LockEntry> = {}): LockEntry {
  return { messageId, local, remote, ...extra, at: new Date().toISOString(), by: `velvet ${VELVET_VERSION}` };
}
