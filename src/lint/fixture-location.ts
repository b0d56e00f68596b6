/**
 * Where a value of a variant's payload is written in its fixture file. The payload is not always
 * the file's top level: an event's params, an order in `orders`, a smartsend recipient's
 * `jsonParam` string. Falls back to the nearest enclosing value that can be found.
 */
import { readFileSync } from 'node:fs';
import { parseJson, pointerSegments, toPointer, type ParsedJson } from '../json/index.js';
import type { Fixture, FixtureVariant } from '../fixtures/types.js';
import type { Location } from './types.js';

/** The file of each loaded fixture, read again for positions (a fixture loaded anew is read anew). */
const parsed = new WeakMap<Fixture, ParsedJson | null>();

function read(fixture: Fixture): ParsedJson | null {
  let doc = parsed.get(fixture);
  if (doc === undefined) {
    try {
      doc = parseJson(readFileSync(fixture.file, 'utf8'), { file: fixture.file });
    } catch {
      doc = null;
    }
    parsed.set(fixture, doc);
  }
  return doc;
}

export function fixtureLocation(fixture: Fixture, variant: FixtureVariant, pointer: string): Location {
  const doc = read(fixture);
  const fallback = { file: fixture.file, line: 1, column: 1 };
  if (!doc) return fallback;
  const segs = pointerSegments(pointer) ?? [];
  const vi = Math.max(0, fixture.variants.indexOf(variant));
  let base: string[];
  let rest = segs;
  switch (fixture.format) {
    case 'orders':
      base = ['orders', String(vi)];
      break;
    case 'smartsend':
      base = ['recipients', String(vi), 'jsonParam'];
      rest = [];
      break;
    case 'event-v1':
    case 'event-v2': {
      const params = (doc.value as Record<string, unknown>)['params'];
      if (Array.isArray(params)) {
        const i = params.findIndex((p) => (p as { name?: unknown } | null)?.name === segs[0]);
        base = i >= 0 ? ['params', String(i), 'value'] : ['params'];
        rest = i >= 0 ? segs.slice(1) : [];
      } else base = ['params'];
      break;
    }
    default:
      base = [];
  }
  for (let n = rest.length; n >= 0; n--) {
    const pos = doc.locate(toPointer([...base, ...rest.slice(0, n)]));
    if (pos) return { file: fixture.file, line: pos.line, column: pos.column };
  }
  return fallback;
}
