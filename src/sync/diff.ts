/** Unified diffs of managed fields: the HTML as a file, the other fields as `field: value` lines. */
import { createTwoFilesPatch } from 'diff';
import { MANAGED_FIELDS, type ManagedFields } from '../yespo/messages.js';

function metaText(f: ManagedFields): string {
  return MANAGED_FIELDS.filter((k) => k !== 'htmlText' && f[k] !== undefined)
    .map((k) => `${k}: ${JSON.stringify(f[k])}\n`)
    .join('');
}

/**
 * Control characters other than tab and line ends, shown as `\xNN` / `\uNNNN`: a diff shows what
 * Yespo holds, and a message's text must not be able to drive the terminal it is printed on.
 */
function visible(text: string): string {
  // a carriage return is shown too unless it ends a line (CRLF), where it cannot hide text
  return text.replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]|\r(?!\n)/g, (c) => {
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

function patch(file: string, a: string, b: string, labels: [string, string]): string {
  if (a === b) return '';
  return visible(createTwoFilesPatch(`${labels[0]}/${file}`, `${labels[1]}/${file}`, a, b, undefined, undefined, { context: 3 })
    .split('\n')
    .slice(1) // the "Index:"-less header line of `diff` is a separator row of '='
    .join('\n'));
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
