/** Unified diffs of managed fields: the HTML as a file, the other fields as `field: value` lines. */
import { createTwoFilesPatch } from 'diff';
import { MANAGED_FIELDS, type ManagedFields } from '../yespo/messages.js';

function metaText(f: ManagedFields): string {
  return MANAGED_FIELDS.filter((k) => k !== 'htmlText' && f[k] !== undefined)
    .map((k) => `${k}: ${JSON.stringify(f[k])}\n`)
    .join('');
}

function patch(file: string, a: string, b: string, labels: [string, string]): string {
  if (a === b) return '';
  return createTwoFilesPatch(`${labels[0]}/${file}`, `${labels[1]}/${file}`, a, b, undefined, undefined, { context: 3 })
    .split('\n')
    .slice(1) // the "Index:"-less header line of `diff` is a separator row of '='
    .join('\n');
}

/**
 * The diff from `from` to `to` for email `name`; '' when nothing differs. `labels` name the two
 * sides (e.g. `yespo`, `local`).
 */
export function fieldsDiff(name: string, from: ManagedFields, to: ManagedFields, labels: [string, string]): string {
  return (
    patch(`${name}/email.json (Yespo fields)`, metaText(from), metaText(to), labels) +
    patch(`${name}/email.html`, from.htmlText ?? '', to.htmlText ?? '', labels)
  );
}

export function textDiff(file: string, from: string, to: string, labels: [string, string]): string {
  return patch(file, from, to, labels);
}
