/**
 * A strict JSON parser (RFC 8259) that reads the text once and gives three things at the same
 * time: the plain JavaScript value (what JSON.parse returns), the Java value with the exact
 * typing a Java JSON reader gives (so `258.0` stays a Double and `10` an Integer), and the
 * position of every value, so schema errors can point at `file:line:column`.
 *
 * Why not JSON.parse: it loses `10.0` vs `10`, rounds integers beyond 2^53 and reports errors
 * without a line. Duplicate keys are accepted, the last one wins in the original key position,
 * as `LinkedHashMap.put` does in Java.
 */
import { DataError } from '../errors.js';
import { JBigInteger, JDouble, JMap, type Value } from '../engine/values.js';
import { SourceLines, type Position } from './positions.js';
import { describeChar, isWordChar } from './chars.js';
import { walk, type Node } from './pointer.js';
import { FAIL, readJava } from './fast.js';
import { locateOffset } from './locate.js';
import { MAX_NESTING, MAX_NUMBER_LENGTH, MAX_STRING_LENGTH } from './limits.js';

export type { Position } from './positions.js';

export interface ParseJsonOptions {
  /** File name used in error messages (default "<json>"). */
  file?: string | undefined;
  /** Maximum nesting of arrays and objects (default 1000, Jackson's limit). */
  maxDepth?: number | undefined;
}


export interface ParsedJson {
  /** The plain JavaScript value, as JSON.parse would give it. */
  value: unknown;
  /** The Java value read from the text with exact number typing. */
  java: Value;
  /**
   * 1-based position of the value at an RFC 6901 JSON pointer (`/items/0/name`), or of its
   * property name when `part` is "key". Undefined when the pointer does not resolve.
   */
  locate(pointer: string, part?: 'value' | 'key'): Position | undefined;
}

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * Parse JSON text; throws DataError with file, line, column and a code frame on bad syntax.
 * Valid text is read once for the Java value; the plain value (JSON.parse) is made only when
 * asked for, and a position by walking the text along the pointer (see locate.ts), which is
 * the path of an error or a finding.
 */
export function parseJson(text: string, options: ParseJsonOptions = {}): ParsedJson {
  const file = options.file ?? '<json>';
  const maxDepth = options.maxDepth ?? MAX_NESTING;
  const java = readJava(text, maxDepth);
  if (java === FAIL) return fullParse(text, file, maxDepth);
  return new ReadJson(text, java);
}

/**
 * What parseJson gives for valid text: the plain value and positions made when first asked for.
 * A class, not an object literal with a getter: V8 keeps a literal's getter in a pair allocated
 * straight in the old generation, and until the next full collection that pair held the text,
 * both values and everything they reached through every scavenge, long after the email they
 * belonged to was done.
 */
class ReadJson implements ParsedJson {
  readonly #text: string;
  #plain: { v: unknown } | undefined;
  #lines: SourceLines | undefined;
  constructor(
    text: string,
    readonly java: Value,
  ) {
    this.#text = text;
  }
  get value(): unknown {
    const t = this.#text;
    this.#plain ??= { v: JSON.parse(t.charCodeAt(0) === 0xfeff ? t.slice(1) : t) };
    return this.#plain.v;
  }
  /** A function of its own (not a method), so it can be passed on as `parsed.locate`. */
  readonly locate = (pointer: string, part: 'value' | 'key' = 'value'): Position | undefined => {
    const at = locateOffset(this.#text, pointer, part);
    return at === undefined ? undefined : (this.#lines ??= new SourceLines(this.#text)).position(at);
  };
}

/** The full read: plain value, Java value and positions, with the messages of every error (exported for tests). */
export function fullParse(text: string, file: string, maxDepth: number): ParsedJson {
  const p = new Parser(text, file, maxDepth);
  const root = p.parseDocument();
  const lines = new SourceLines(text);
  return {
    value: p.plain,
    java: p.java,
    locate: (pointer, part = 'value') => {
      const node = walk(root, pointer);
      if (!node) return undefined;
      return lines.position(part === 'key' && node.key !== undefined ? node.key : node.at);
    },
  };
}

class Parser {
  i = 0;
  /** Results of the last parsed value (kept in fields to avoid a tuple per value). */
  plain: unknown = null;
  java: Value = null;

  constructor(
    readonly src: string,
    readonly file: string,
    readonly maxDepth: number,
  ) {}

  parseDocument(): Node {
    if (this.src.charCodeAt(0) === 0xfeff) this.i = 1; // a BOM is not content
    this.ws();
    const root = this.value(0);
    this.ws();
    if (this.i < this.src.length) this.unexpected('after the end of the JSON value');
    return root;
  }

  fail(reason: string, at = this.i): never {
    const lines = new SourceLines(this.src);
    const { line, column } = lines.position(at);
    throw new DataError(reason, { file: this.file, line, column, source: this.src });
  }

  unexpected(expected: string): never {
    const s = this.src;
    if (this.i >= s.length) this.fail(`Unexpected end of input (${expected})`);
    const c = s.charCodeAt(this.i);
    if (c === 0x2f && (s[this.i + 1] === '/' || s[this.i + 1] === '*')) {
      this.fail('Comments are not allowed in JSON');
    }
    if (isWordChar(c) && !(c >= 0x30 && c <= 0x39)) {
      let end = this.i;
      while (end < s.length && isWordChar(s.charCodeAt(end))) end++;
      this.fail(`Unexpected token '${s.slice(this.i, end)}' (${expected})`);
    }
    const hint = c === 0x27 ? '; JSON strings use double quotes' : '';
    this.fail(`Unexpected character ${describeChar(s, this.i)} (${expected}${hint})`);
  }

  ws(): void {
    const s = this.src;
    let i = this.i;
    for (;;) {
      const c = s.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else break;
    }
    this.i = i;
  }

  value(depth: number): Node {
    const at = this.i;
    const c = this.src.charCodeAt(at);
    if (c === 0x7b) return this.object(depth + 1);
    if (c === 0x5b) return this.array(depth + 1);
    if (c === 0x22) {
      this.plain = this.java = this.string();
      return { at };
    }
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      this.number();
      return { at };
    }
    if (this.word('true', true) || this.word('false', false) || this.word('null', null)) return { at };
    return this.unexpected('expected a value');
  }

  word(w: string, v: boolean | null): boolean {
    if (!this.src.startsWith(w, this.i) || isWordChar(this.src.charCodeAt(this.i + w.length))) return false;
    this.i += w.length;
    this.plain = this.java = v;
    return true;
  }

  enter(depth: number): void {
    if (depth > this.maxDepth) this.fail(`Nesting deeper than ${this.maxDepth} levels`);
  }

  object(depth: number): Node {
    this.enter(depth);
    const node: Node = { at: this.i };
    const kids = new Map<string, Node>();
    node.kids = kids;
    const plain: Record<string, unknown> = {};
    const java = new JMap();
    this.i++;
    this.ws();
    if (this.src.charCodeAt(this.i) === 0x7d) {
      this.i++;
      this.plain = plain;
      this.java = java;
      return node;
    }
    for (;;) {
      if (this.src.charCodeAt(this.i) !== 0x22) this.unexpected('expected a property name in double quotes');
      const keyAt = this.i;
      const key = this.string();
      this.ws();
      if (this.src.charCodeAt(this.i) !== 0x3a) this.unexpected("expected ':' after the property name");
      this.i++;
      this.ws();
      const child = this.value(depth);
      child.key = keyAt;
      kids.set(key, child);
      if (key === '__proto__') {
        Object.defineProperty(plain, key, { value: this.plain, writable: true, enumerable: true, configurable: true });
      } else {
        plain[key] = this.plain;
      }
      java.keys.set(key, this.java);
      this.ws();
      const c = this.src.charCodeAt(this.i);
      if (c === 0x7d) break;
      if (c !== 0x2c) this.unexpected("expected ',' or '}'");
      const comma = this.i++;
      this.ws();
      if (this.src.charCodeAt(this.i) === 0x7d) this.fail('Trailing comma is not allowed in JSON', comma);
    }
    this.i++;
    this.plain = plain;
    this.java = java;
    return node;
  }

  array(depth: number): Node {
    this.enter(depth);
    const node: Node = { at: this.i };
    const kids: Node[] = [];
    node.kids = kids;
    const plain: unknown[] = [];
    const java: Value[] = [];
    this.i++;
    this.ws();
    if (this.src.charCodeAt(this.i) === 0x5d) {
      this.i++;
      this.plain = plain;
      this.java = java;
      return node;
    }
    for (;;) {
      kids.push(this.value(depth));
      plain.push(this.plain);
      java.push(this.java);
      this.ws();
      const c = this.src.charCodeAt(this.i);
      if (c === 0x5d) break;
      if (c !== 0x2c) this.unexpected("expected ',' or ']'");
      const comma = this.i++;
      this.ws();
      if (this.src.charCodeAt(this.i) === 0x5d) this.fail('Trailing comma is not allowed in JSON', comma);
    }
    this.i++;
    this.plain = plain;
    this.java = java;
    return node;
  }

  string(): string {
    const s = this.src;
    const open = this.i;
    let i = open + 1;
    let out = '';
    let chunk = i;
    for (;;) {
      if (i >= s.length) this.fail('Unterminated string', open);
      const c = s.charCodeAt(i);
      if (c === 0x22) break;
      if (c === 0x5c) {
        out += s.slice(chunk, i);
        out += this.escape(i);
        i += s.charCodeAt(i + 1) === 0x75 ? 6 : 2;
        chunk = i;
        continue;
      }
      if (c < 0x20) {
        if (c === 0x0a || c === 0x0d) this.fail('Unterminated string (a line break inside a string is written \\n)', open);
        this.fail(`Unescaped control character ${describeChar(s, i)} in string`, i);
      }
      i++;
    }
    this.i = i + 1;
    if (out.length + (i - chunk) > MAX_STRING_LENGTH) {
      this.fail(`String longer than ${MAX_STRING_LENGTH} characters (the limit of Java JSON readers)`, open);
    }
    return out + s.slice(chunk, i);
  }

  escape(at: number): string {
    const e = this.src[at + 1];
    switch (e) {
      case '"': return '"';
      case '\\': return '\\';
      case '/': return '/';
      case 'b': return '\b';
      case 'f': return '\f';
      case 'n': return '\n';
      case 'r': return '\r';
      case 't': return '\t';
      case 'u': {
        const hex = this.src.slice(at + 2, at + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail(`Invalid unicode escape '\\u${hex}'`, at);
        return String.fromCharCode(parseInt(hex, 16));
      }
      case undefined: return this.fail('Unterminated string', at);
      default: return this.fail(`Invalid escape '\\${e}' in string`, at);
    }
  }

  number(): void {
    const s = this.src;
    const start = this.i;
    let i = start;
    if (s.charCodeAt(i) === 0x2d) i++;
    const intStart = i;
    while (isDigit(s.charCodeAt(i))) i++;
    if (i === intStart) { this.i = i; this.unexpected("expected a digit after '-'"); }
    if (s.charCodeAt(intStart) === 0x30 && i - intStart > 1) {
      this.fail(`Invalid number '${s.slice(start, i)}' (leading zeros are not allowed)`, start);
    }
    let integral = true;
    if (s.charCodeAt(i) === 0x2e) {
      integral = false;
      const d = ++i;
      while (isDigit(s.charCodeAt(i))) i++;
      if (i === d) this.fail(`Invalid number '${s.slice(start, i)}' (expected a digit after '.')`, start);
    }
    const e = s.charCodeAt(i);
    if (e === 0x65 || e === 0x45) {
      integral = false;
      i++;
      if (s.charCodeAt(i) === 0x2b || s.charCodeAt(i) === 0x2d) i++;
      const d = i;
      while (isDigit(s.charCodeAt(i))) i++;
      if (i === d) this.fail(`Invalid number '${s.slice(start, i)}' (expected a digit in the exponent)`, start);
    }
    this.i = i;
    if (i - start > MAX_NUMBER_LENGTH) {
      this.fail(`Number longer than ${MAX_NUMBER_LENGTH} characters (the limit of Java JSON readers)`, start);
    }
    const text = s.slice(start, i);
    const n = Number(text);
    this.plain = n;
    this.java = integral ? javaInteger(text, n) : new JDouble(n);
  }
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** Integer → Integer (int32), Long (int64) or BigInteger, as Jackson types JSON integers. */
function javaInteger(text: string, n: number): Value {
  if (n >= INT32_MIN && n <= INT32_MAX) return n | 0; // `| 0` also turns -0 into 0
  const big = BigInt(text);
  return big >= INT64_MIN && big <= INT64_MAX ? big : new JBigInteger(big);
}
