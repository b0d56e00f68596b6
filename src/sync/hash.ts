/** Hashes of managed field values: what the lock file records instead of the values themselves. */
import { createHash } from 'node:crypto';
import { MANAGED_FIELDS, type ManagedField, type ManagedFields } from '../yespo/messages.js';

export type FieldHashes = Partial<Record<ManagedField, string>>;

/** A short, stable hash of one value; a missing value has its own mark. */
export function hashValue(value: unknown): string {
  if (value === undefined) return 'absent';
  return 'sha256:' + createHash('sha256').update(JSON.stringify(value), 'utf8').digest('hex').slice(0, 32);
}

export function fieldHashes(fields: ManagedFields): FieldHashes {
  const out: FieldHashes = {};
  for (const f of MANAGED_FIELDS) out[f] = hashValue(fields[f]);
  return out;
}

/** The fields an email manages: the ones its files define (the HTML always). */
export function managedSet(local: ManagedFields): ManagedField[] {
  return MANAGED_FIELDS.filter((f) => f === 'htmlText' || local[f] !== undefined);
}

/** Fields of `set` whose hash in `now` differs from `base` (a field `base` lacks counts as changed). */
export function changedFields(now: FieldHashes, base: FieldHashes | undefined, set: readonly ManagedField[]): ManagedField[] {
  return set.filter((f) => base?.[f] === undefined || now[f] !== base[f]);
}

/** Fields of `set` whose values differ between `a` and `b`. */
export function differingFields(a: ManagedFields, b: ManagedFields, set: readonly ManagedField[]): ManagedField[] {
  return set.filter((f) => hashValue(a[f]) !== hashValue(b[f]));
}
