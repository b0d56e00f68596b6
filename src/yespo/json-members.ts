/**
 * Replacing members of a JSON object in its text, leaving every other byte as it was. A message
 * GET from Yespo goes back in the PUT with only velvet's fields changed; re-serialising the whole
 * object would turn `1.50` into `1.5`, round ids beyond 2^53 and reorder nothing but still touch
 * fields velvet knows nothing about.
 */

interface Member {
  key: string;
  /** Offsets of the value: text.slice(start, end) is its JSON. */
  start: number;
  end: number;
}

/** Top-level members of the JSON object `text`; throws when `text` is not one. */
export function topLevelMembers(text: string): { members: Member[]; close: number } {
  let i = skipWs(text, 0);
  if (text[i] !== '{') throw new Error('not a JSON object');
  i++;
  const members: Member[] = [];
  for (;;) {
    i = skipWs(text, i);
    if (text[i] === '}') return { members, close: i };
    if (members.length > 0) {
      if (text[i] !== ',') throw new Error(`expected ',' at ${i}`);
      i = skipWs(text, i + 1);
    }
    const keyEnd = skipString(text, i);
    const key = JSON.parse(text.slice(i, keyEnd)) as string;
    i = skipWs(text, keyEnd);
    if (text[i] !== ':') throw new Error(`expected ':' at ${i}`);
    const start = skipWs(text, i + 1);
    const end = skipValue(text, start);
    members.push({ key, start, end });
    i = end;
  }
}

/**
 * `text` with the values of `replace` written over the members of the same name (the last one
 * when a key repeats) and the missing ones added before the closing brace. Values are written as
 * JSON.stringify writes them; everything else is kept byte for byte.
 */
export function replaceMembers(text: string, replace: Record<string, unknown>): string {
  const { members, close } = topLevelMembers(text);
  const last = new Map<string, Member>();
  for (const m of members) last.set(m.key, m);
  const edits: Array<{ start: number; end: number; text: string }> = [];
  const added: string[] = [];
  for (const [key, value] of Object.entries(replace)) {
    if (value === undefined) continue;
    const m = last.get(key);
    if (m) edits.push({ start: m.start, end: m.end, text: JSON.stringify(value) });
    else added.push(`${JSON.stringify(key)}:${JSON.stringify(value)}`);
  }
  if (added.length) {
    const sep = members.length ? ',' : '';
    edits.push({ start: close, end: close, text: sep + added.join(',') });
  }
  let out = text;
  for (const e of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

function skipWs(t: string, i: number): number {
  while (i < t.length && (t[i] === ' ' || t[i] === '\n' || t[i] === '\r' || t[i] === '\t')) i++;
  return i;
}

function skipString(t: string, i: number): number {
  if (t[i] !== '"') throw new Error(`expected a string at ${i}`);
  for (i++; i < t.length; i++) {
    if (t[i] === '\\') i++;
    else if (t[i] === '"') return i + 1;
  }
  throw new Error('unterminated string');
}

/** End of the value starting at `i` (objects and arrays by bracket depth, strings skipped). */
function skipValue(t: string, i: number): number {
  if (t[i] === '"') return skipString(t, i);
  if (t[i] === '{' || t[i] === '[') {
    let depth = 0;
    while (i < t.length) {
      const c = t[i];
      if (c === '"') {
        i = skipString(t, i);
        continue;
      }
      if (c === '{' || c === '[') depth++;
      else if (c === '}' || c === ']') {
        depth--;
        if (depth === 0) return i + 1;
      }
      i++;
    }
    throw new Error('unterminated value');
  }
  // a number, true, false or null: up to the next separator
  let end = i;
  while (end < t.length && !',}] \t\r\n'.includes(t[end] as string)) end++;
  if (end === i) throw new Error(`expected a value at ${i}`);
  return end;
}
