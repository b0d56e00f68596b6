/**
 * Helpers of the String table: Java's whitespace, per-char case folding, code points, line
 * splitting, and the accounting of the characters a method touches and builds.
 */
import { chargeMemory, chargeWork, checkClock } from '../budget.js';
import { MethodLimit } from '../regex.js';
import { JObject, type Value } from '../values.js';
import { JavaException, NO_METHOD, VOID, type MethodResult } from './core.js';
import { javaString } from '../java.js';

/** Longest string a single method call may build (Java would run out of memory first). */
export const MAX_STRING = 10_000_000;

/** Counts the characters a step reads. */
export const touch = (n: number) => chargeWork(n);
/** Counts a string a step builds and keeps. */
export function built(s: string): string {
  chargeWork(s.length);
  chargeMemory(s.length);
  return s;
}
export function checkLength(n: number, what: string): void {
  if (n > MAX_STRING) throw new MethodLimit(`${what} would build a string longer than ${MAX_STRING} characters`);
}

/** Character.isWhitespace: Unicode space separators except no-break spaces, plus controls. */
export const JAVA_WS_CLASS = '[\\t\\n\\u000B\\f\\r\\u001C-\\u001F \\u1680\\u2000-\\u2006\\u2008-\\u200A\\u2028\\u2029\\u205F\\u3000]';
export const JAVA_WS = new RegExp(`^${JAVA_WS_CLASS}$`);
export const JAVA_WS_START = new RegExp(`^${JAVA_WS_CLASS}+`);
export const JAVA_WS_END = new RegExp(`${JAVA_WS_CLASS}+$`);

/** Character.toUpperCase / toLowerCase of one char (no expansion: 'ß' stays 'ß'). */
export function upperChar(c: string): string {
  const u = c.toUpperCase();
  return u.length === c.length ? u : c;
}
export function lowerChar(c: string): string {
  const l = c.toLowerCase();
  return l.length === c.length ? l : c;
}

export function compareStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  touch(n);
  for (let i = 0; i < n; i++) {
    const d = a.charCodeAt(i) - b.charCodeAt(i);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/** String.compareToIgnoreCase: char by char, through upper then lower case. */
export function compareIgnoreCase(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  touch(n);
  for (let i = 0; i < n; i++) {
    let x = a[i]!;
    let y = b[i]!;
    if (x === y) continue;
    x = lowerChar(upperChar(x));
    y = lowerChar(upperChar(y));
    if (x !== y) return x.charCodeAt(0) - y.charCodeAt(0);
  }
  return a.length - b.length;
}

/** String.equalsIgnoreCase / regionMatches(true, ...): char by char. */
export function equalsIgnoreCase(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  touch(a.length);
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    const ux = upperChar(x);
    const uy = upperChar(y);
    if (ux === uy || lowerChar(ux) === lowerChar(uy)) continue;
    return false;
  }
  return true;
}

/** The text of a code point (a lone surrogate for 0xD800-0xDFFF). */
export const fromCodePoint = (cp: number) => (cp >= 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : undefined);

/** String.lines(): split at \n, \r\n or \r; no empty last line. */
export function javaLines(s: string): string[] {
  touch(s.length);
  if (s === '') return [];
  const lines = s.split(/\r\n|\r|\n/);
  if (/[\r\n]$/.test(s)) lines.pop();
  return lines;
}

/** A java.util.stream.Stream of a String's lines or chars: count(), toList(), toArray(). */
export class JStream extends JObject {
  readonly javaClass: string;
  constructor(
    private readonly items: Value[],
    intStream: boolean,
  ) {
    super();
    this.javaClass = intStream ? 'java.util.stream.IntPipeline$Head' : 'java.util.stream.ReferencePipeline$Head';
  }
  callMethod(name: string, args: Value[]): MethodResult | typeof NO_METHOD {
    if (args.length) return NO_METHOD;
    if (name === 'count') return BigInt(this.items.length);
    if (name === 'toList' && this.javaClass.includes('Reference')) return [...this.items];
    if (name === 'sum' && this.javaClass.includes('Int')) return this.items.reduce<number>((a, b) => (a + (b as number)) | 0, 0);
    return NO_METHOD;
  }
}

/** Runs `f` over `n` items in chunks, looking at the clock between chunks (long single steps). */
export function chunked(n: number, f: (from: number, to: number) => void): void {
  const CHUNK = 1 << 20;
  for (let i = 0; i < n; i += CHUNK) {
    if (i > 0) checkClock();
    f(i, Math.min(n, i + CHUNK));
  }
}

/** java.util.Optional of a value (describeConstable): get(), isPresent(), orElse(x). */
export class JOptional extends JObject {
  readonly javaClass = 'java.util.Optional';
  constructor(private readonly value: Value) {
    super();
  }
  callMethod(name: string, args: Value[]): MethodResult | typeof NO_METHOD {
    if (name === 'get' && args.length === 0) return this.value;
    if (name === 'isPresent' && args.length === 0) return true;
    if (name === 'isEmpty' && args.length === 0) return false;
    if (name === 'orElse' && args.length === 1) return this.value;
    return NO_METHOD;
  }
  javaToString(): string {
    return `Optional[${javaString(this.value)}]`;
  }
}

/** What a list's own iterator changes it by: the list's set(i, x), add(i, x) and remove(i). */
export interface ListOps {
  set(i: number, x: Value): void;
  add(i: number, x: Value): void;
  remove(i: number): void;
  /** The list's modCount now: a change not made through the iterator fails its next call. */
  modCount(): number;
  /** listIterator() (`java.util.ArrayList$ListItr`), not iterator(). */
  listIterator: boolean;
}

/**
 * A java.util.Iterator over items (hasNext/next). Over a list (`list` given) it is the list's own
 * iterator, live as Java's: `remove()`, and from `listIterator()` also `hasPrevious()`,
 * `previous()`, `nextIndex()`, `previousIndex()`, `set(x)` and `add(x)`, each through the list's
 * own method (so a range or an array refuses them, and a view writes through).
 */
export class JIterator extends JObject {
  private i: number;
  /** The index of the element the last next() or previous() gave, -1 when none may be changed. */
  private last = -1;
  /** The list's modCount the iterator expects (Java's expectedModCount). */
  private expected: number;
  constructor(
    private readonly items: Value[],
    start = 0,
    readonly javaClass = 'java.util.ArrayList$Itr',
    private readonly list?: ListOps,
  ) {
    super();
    this.i = start;
    this.expected = list?.modCount() ?? 0;
  }
  callMethod(name: string, args: Value[]): MethodResult | typeof NO_METHOD {
    const r = this.call(name, args);
    if (this.list) this.expected = this.list.modCount();
    return r;
  }
  /** Java's checkForComodification, before each step that moves or changes: the list changed behind the iterator. */
  private fresh(): void {
    if (this.list && this.list.modCount() !== this.expected) throw new JavaException('java.util.ConcurrentModificationException', '');
  }
  private call(name: string, args: Value[]): MethodResult | typeof NO_METHOD {
    const list = this.list;
    if (args.length === 1 && list?.listIterator && (name === 'set' || name === 'add')) {
      this.fresh();
      if (name === 'set') {
        if (this.last < 0) throw new JavaException('java.lang.IllegalStateException', '');
        list.set(this.last, args[0]!);
      } else {
        list.add(this.i++, args[0]!);
        this.last = -1;
      }
      return VOID;
    }
    if (args.length) return NO_METHOD;
    if (name === 'hasNext') return this.i < this.items.length;
    if (name === 'next') {
      this.fresh();
      if (this.i >= this.items.length) throw new JavaException('java.util.NoSuchElementException', '');
      this.last = this.i;
      return this.items[this.i++]!;
    }
    if (name === 'remove' && list) {
      this.fresh();
      if (this.last < 0) throw new JavaException('java.lang.IllegalStateException', '');
      list.remove(this.last);
      this.i = this.last;
      this.last = -1;
      return VOID;
    }
    if (!list?.listIterator) return NO_METHOD;
    if (name === 'hasPrevious') return this.i > 0;
    if (name === 'nextIndex') return this.i;
    if (name === 'previousIndex') return this.i - 1;
    if (name === 'previous') {
      this.fresh();
      if (this.i <= 0) throw new JavaException('java.util.NoSuchElementException', '');
      this.last = --this.i;
      return this.items[this.i]!;
    }
    return NO_METHOD;
  }
}
