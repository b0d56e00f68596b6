/**
 * Where a payload path is written in a fixture's text, and how to add a missing key to it. The
 * payload is not always the file's top level: an event's `params` (name/value pairs), an order in
 * `orders`; a smartsend payload is a JSON string (`recipients[i].jsonParam`): its keys are found
 * inside the decoded string and mapped back to the file's text, and it is not edited.
 */
import { parseJson, toPointer, type ParsedJson, type Position } from '../json/index.js';
import { locateOffset } from '../json/locate.js';
import { SourceLines } from '../json/positions.js';
import type { Fixture } from '../fixtures/types.js';

/** `items[].name` → ['items', '[]', 'name']. */
export function pathSegments(path: string): string[] {
  return path.split(/(?=\[\])|\./).flatMap((s) => (s.startsWith('[]') && s.length > 2 ? ['[]', s.slice(2)] : [s])).filter(Boolean);
}

/** The last fixture texts parsed: one check looks up many keys in the same few files. */
const recent = new Map<string, ParsedJson | undefined>();
const RECENT = 16;

function parse(text: string, file: string): ParsedJson | undefined {
  const key = `${file}\0${text}`;
  if (recent.has(key)) return recent.get(key);
  let doc: ParsedJson | undefined;
  try {
    doc = parseJson(text, { file });
  } catch {
    doc = undefined;
  }
  recent.set(key, doc);
  if (recent.size > RECENT) recent.delete(recent.keys().next().value!);
  return doc;
}

/** The JSON pointer segments of `segs` of variant `vi` in the file, or undefined. */
function pointerOf(doc: ParsedJson, fixture: Fixture, vi: number, segs: string[]): (string | number)[] | undefined {
  const value = doc.value as Record<string, unknown>;
  let base: (string | number)[] = [];
  let rest = segs;
  if (fixture.format === 'orders') base = ['orders', vi];
  else if (fixture.format === 'smartsend') return undefined;
  else if (fixture.format === 'event-v1' || fixture.format === 'event-v2') {
    const params = value['params'];
    if (!Array.isArray(params)) return undefined;
    if (segs.length === 0) return ['params'];
    const i = params.findIndex((p) => (p as { name?: unknown } | null)?.name === segs[0]);
    if (i < 0) return undefined;
    base = ['params', i, 'value'];
    rest = segs.slice(1);
  }
  const out = [...base];
  for (let k = 0; k < rest.length; k++) {
    const seg = rest[k]!;
    if (seg !== '[]') {
      out.push(seg);
      continue;
    }
    // a list item: the first one that holds the rest of the path
    for (let i = 0; ; i++) {
      if (!doc.locate(toPointer([...out, i]))) return undefined;
      const tail = pointerOf(doc, { ...fixture, format: 'plain' }, 0, rest.slice(k + 1));
      if (tail && doc.locate(toPointer([...out, i, ...tail]))) return [...out, i, ...tail];
      if (i > 50) return undefined;
    }
  }
  return out;
}

/** Position of the key of `path` (or of the value, for list items) in the fixture text. */
export function locatePath(fixture: Fixture, vi: number, path: string, text: string): Position | undefined {
  const doc = parse(text, fixture.file);
  if (!doc) return undefined;
  if (fixture.format === 'smartsend') return locateInJsonParam(doc, fixture, vi, path, text);
  const ptr = pointerOf(doc, fixture, vi, pathSegments(path));
  if (!ptr) return undefined;
  return doc.locate(toPointer(ptr), 'key');
}

/**
 * The key of `path` in recipient `vi`'s `jsonParam` string: found in the decoded payload text,
 * then mapped back through the string's escapes (`\"`, `\n`, `\u00e9`: one character each) to
 * the fixture file's line and column.
 */
function locateInJsonParam(doc: ParsedJson, fixture: Fixture, vi: number, path: string, text: string): Position | undefined {
  const pointer = `/recipients/${vi}/jsonParam`;
  const at = locateOffset(text, pointer);
  const raw = at === undefined || text.charCodeAt(at) !== 0x22 ? undefined : stringLiteralAt(text, at);
  if (at === undefined || raw === undefined) return undefined;
  const inner = doc.locate(pointer) && (JSON.parse(raw) as unknown);
  if (typeof inner !== 'string') return undefined;
  const payload = parse(inner, `${fixture.file}#${pointer}`);
  if (!payload) return undefined;
  const ptr = pointerOf(payload, { ...fixture, format: 'plain' }, 0, pathSegments(path));
  const offset = ptr && locateOffset(inner, toPointer(ptr), 'key');
  if (offset === undefined) return undefined;
  return new SourceLines(text).position(at + rawOffset(raw, offset));
}

/** The string literal (with its quotes) that opens at `at`, or undefined when it does not close. */
function stringLiteralAt(text: string, at: number): string | undefined {
  for (let i = at + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x5c) i++;
    else if (c === 0x22) return text.slice(at, i + 1);
  }
  return undefined;
}

/** Offset in the literal `raw` (from its opening quote) of the decoded string's character `n`. */
function rawOffset(raw: string, n: number): number {
  let i = 1;
  for (let k = 0; k < n && i < raw.length; k++) i += raw.charCodeAt(i) !== 0x5c ? 1 : raw[i + 1] === 'u' ? 6 : 2;
  return i;
}

export interface KeyInsert {
  /** 1-based position just after the `{` of the object that lacks the key. */
  line: number;
  column: number;
  text: string;
}

/** An edit adding `"key": ""` to the object at `parent` of variant `vi`, or undefined. */
export function insertKey(fixture: Fixture, vi: number, parent: string, key: string, text: string): KeyInsert | undefined {
  const doc = parse(text, fixture.file);
  if (!doc) return undefined;
  const ptr = pointerOf(doc, fixture, vi, pathSegments(parent));
  if (!ptr) return undefined;
  const at = doc.locate(toPointer(ptr));
  if (!at) return undefined;
  const lines = text.split(/\r?\n/);
  const lineText = lines[at.line - 1] ?? '';
  if (lineText[at.column - 1] !== '{') return undefined;
  const after = lineText.slice(at.column).trimStart();
  const nextLine = lines.slice(at.line).find((l) => l.trim() !== '') ?? '';
  const empty = after.startsWith('}') || (after === '' && nextLine.trim().startsWith('}'));
  const indent = /^\s*/.exec(lineText)![0] + '  ';
  const entry = `${JSON.stringify(key)}: ""`;
  // the file's own line break: a CRLF fixture stays CRLF
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return { line: at.line, column: at.column + 1, text: after === '' || empty ? `${eol}${indent}${entry}${empty ? '' : ','}` : ` ${entry},` };
}
