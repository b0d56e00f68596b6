/**
 * Replacing members of a JSON object in its text, leaving every other byte as it was. A message
 * GET from Yespo goes back in the PUT with only velvet's fields changed; re-serialising the whole
 * object would turn `1.50` into `1.5`, round ids beyond 2^53 and reorder nothing but still touch
 * fields velvet knows nothing about.
 */

interface Member {
  key: string;
  /** Offset of the key's opening quote. */
  keyStart: number;
  /** Offsets of the value: text.slice(start, end) is its JSON. */
  start: number;
  end: number;
}

/** Top-level members of the JSON object `text`; throws when `text` is not one. */
export function topLevelMembers(text: string): { members: Member[]; open: number; close: number } {
  let i = skipWs(text, text.charCodeAt(0) === 0xfeff ? 1 : 0);
  if (text[i] !== '{') throw new Error('not a JSON object');
  const open = i;
  i++;
  const members: Member[] = [];
  for (;;) {
    i = skipWs(text, i);
    if (text[i] === '}') return { members, open, close: i };
    if (members.length > 0) {
      if (text[i] !== ',') throw new Error(`expected ',' at ${i}`);
      i = skipWs(text, i + 1);
    }
    const keyStart = i;
    const keyEnd = skipString(text, i);
    const key = JSON.parse(text.slice(i, keyEnd)) as string;
    i = skipWs(text, keyEnd);
    if (text[i] !== ':') throw new Error(`expected ':' at ${i}`);
    const start = skipWs(text, i + 1);
    const end = skipValue(text, start);
    members.push({ key, keyStart, start, end });
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

/**
 * `text` (a JSON object written by hand, such as email.json) with the members of `changes` set:
 * a value that differs is written over the old one, `undefined` removes the member with its
 * comma, a new key is added after the last member. Everything else keeps its bytes: the file's
 * indentation, line ends, key order and the members not named. New values are indented as the
 * file's members are (compact when the file is on one line).
 */
export function editMembers(text: string, changes: Record<string, unknown>): string {
  const { members, open, close } = topLevelMembers(text);
  if (members.length === 0) {
    const set = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    if (Object.keys(set).length === 0) return text;
    return text.slice(0, open) + JSON.stringify(set, null, 2) + text.slice(close + 1);
  }
  const first = members[0] as Member;
  // what stands before a member (whitespace, after a comma for all but the first), and between a key and its value
  const before = (k: number): string => text.slice(k === 0 ? open + 1 : (members[k - 1] as Member).end, (members[k] as Member).keyStart);
  const colon = text.slice(skipString(text, first.keyStart), first.start);
  const lead = before(0);
  const newline = /\r\n/.test(lead) ? '\r\n' : '\n';
  const indent = /[ \t]*$/.exec(lead)?.[0] ?? '';
  const multiline = lead.includes('\n');
  const written = (value: unknown): string =>
    multiline ? JSON.stringify(value, null, indent || '  ').split('\n').join(newline + indent) : JSON.stringify(value);
  const same = (m: Member, value: unknown): boolean => {
    try {
      return JSON.stringify(JSON.parse(text.slice(m.start, m.end))) === JSON.stringify(value);
    } catch {
      return false;
    }
  };
  let out = text.slice(0, open + 1);
  let kept = 0;
  members.forEach((m, k) => {
    const has = Object.hasOwn(changes, m.key);
    const value = has ? changes[m.key] : undefined;
    if (has && value === undefined) return;
    const sep = kept === 0 ? lead : k === 0 ? `,${lead}` : before(k);
    const valueText = has && !same(m, value) ? written(value) : text.slice(m.start, m.end);
    out += sep + text.slice(m.keyStart, m.start) + valueText;
    kept++;
  });
  const present = new Set(members.map((m) => m.key));
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined || present.has(key)) continue;
    out += (kept === 0 ? lead : `,${lead.replace(/^[^\S\r\n]*/, '')}`) + JSON.stringify(key) + colon + written(value);
    kept++;
  }
  const tail = text.slice((members[members.length - 1] as Member).end, close);
  return out + (kept === 0 ? '' : tail) + text.slice(close);
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
