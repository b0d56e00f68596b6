/**
 * Where JSON text stops being JSON: the offset and message of its first syntax error, found by a
 * small scanner of the JSON grammar (JSON.parse does not always say where). Used by the payload
 * editor to put its error marker in the right place.
 */
export interface JsonProblem {
  /** Offsets of the offending text (`to` > `from`, except at the end of the text). */
  from: number;
  to: number;
  message: string;
}

/** Deeper nesting than this is reported rather than scanned (the scanner recurses). */
const MAX_DEPTH = 512;

export function jsonProblem(text: string): JsonProblem | undefined {
  let i = 0;
  const n = text.length;
  const fail = (message: string, at = i): never => {
    throw { from: at, to: Math.min(n, at + 1), message } satisfies JsonProblem;
  };
  const space = (): void => {
    while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const what = (): string => (i >= n ? 'the end of the text' : `'${text[i]}'`);
  const string = (): void => {
    const start = i++;
    while (i < n && text[i] !== '"') {
      const c = text.charCodeAt(i);
      if (c < 0x20) fail('a line break or control character inside a string (write \\n)');
      if (text[i] === '\\') {
        const e = text[i + 1] ?? '';
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail('\\u needs four hex digits');
          i += 6;
          continue;
        }
        if (!'"\\/bfnrt'.includes(e) || e === '') fail(`unknown escape \\${e}`);
        i += 2;
        continue;
      }
      i++;
    }
    if (i >= n) fail('the string is not closed', start);
    i++;
  };
  const value = (depth: number): void => {
    space();
    if (depth > MAX_DEPTH) fail('nested too deeply');
    const c = text[i];
    if (c === '{') {
      i++;
      space();
      if (text[i] === '}') return void i++;
      for (;;) {
        space();
        if (text[i] !== '"') fail(text[i] === '}' ? 'a comma before } (trailing commas are not JSON)' : `expected a "quoted" property name, found ${what()}`);
        string();
        space();
        if (text[i] !== ':') fail(`expected ':' after the property name, found ${what()}`);
        i++;
        value(depth + 1);
        space();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') return void i++;
        fail(`expected ',' or '}' after a value, found ${what()}`);
      }
    }
    if (c === '[') {
      i++;
      space();
      if (text[i] === ']') return void i++;
      for (;;) {
        value(depth + 1);
        space();
        if (text[i] === ',') {
          i++;
          space();
          if (text[i] === ']') fail('a comma before ] (trailing commas are not JSON)');
          continue;
        }
        if (text[i] === ']') return void i++;
        fail(`expected ',' or ']' after a value, found ${what()}`);
      }
    }
    if (c === '"') return string();
    const m = /-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?|true|false|null/y;
    m.lastIndex = i;
    const found = m.exec(text);
    if (found && found[0]) {
      i += found[0].length;
      return;
    }
    fail(`expected a value, found ${what()}`);
  };
  try {
    value(0);
    space();
    if (i < n) fail(`unexpected ${what()} after the end of the JSON value`);
    return undefined;
  } catch (e) {
    if (e && typeof e === 'object' && 'message' in e && 'from' in e) return e as JsonProblem;
    throw e;
  }
}
