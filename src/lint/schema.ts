/**
 * The data contract of an email: a JSON Schema (draft-07) inferred from how its templates use the
 * payload. Keys and nesting come from the references, lists from `#foreach` and indexes, types
 * from comparisons (`> 5` → a number, or a numeric string as Velocity 2.x converts it;
 * `== 'x'` → a string) and string methods. Every value may be null or absent: templates that
 * read a value do not say it is required.
 */
import type { TemplateAst } from '../engine/index.js';
import type { SourceLines } from '../json/positions.js';
import { analyse, childKey, type Analysis, type TypeHint } from './analysis.js';

export type JsonSchema = Record<string, unknown>;

interface Tree {
  keys: Map<string, Tree>;
  item: Tree | undefined;
  hints: Set<TypeHint>;
  /** Where the template first reads the value (made into text only for the schema). */
  usedAt: { t: TemplateInput; offset: number } | undefined;
}

const tree = (): Tree => ({ keys: new Map(), item: undefined, hints: new Set(), usedAt: undefined });
export const NUMERIC_STRING = '^\\s*[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?\\s*$';

export interface TemplateInput {
  ast: TemplateAst;
  /** The template's analysis, when already made. */
  analysis?: Analysis | undefined;
  file: string;
  lines: SourceLines;
}

/** The payload schema of one or more templates of an email (body, subject, preheader). */
export function inferSchema(templates: readonly TemplateInput[], title: string, options: { describe?: boolean } = {}): JsonSchema {
  const root = tree();
  for (const t of templates) addTemplate(root, t.analysis ?? analyse(t.ast), t);
  const schema = node(root, options.describe ?? true, true);
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title,
    description: 'Inferred by velvet from how the templates use the payload. Keys are optional and may be null.',
    ...schema,
  };
}

function addTemplate(root: Tree, a: Analysis, t: TemplateInput): void {
  const byKey = new Map<string, Tree>();
  for (const u of a.uses) {
    if (u.resolved.kind !== 'payload') continue;
    let at = root;
    let key = '';
    for (const seg of u.resolved.path) {
      if ('key' in seg) {
        let next = at.keys.get(seg.key);
        if (!next) at.keys.set(seg.key, (next = tree()));
        at = next;
      } else at = at.item ??= tree();
      key = childKey(key, seg);
      at.usedAt ??= { t, offset: seg.span.start };
      byKey.set(key, at);
    }
  }
  for (const [key, hints] of a.hints) {
    const n = byKey.get(key);
    if (n) for (const h of hints) n.hints.add(h);
  }
}

/** The schema of one tree node; `describe` adds where the template reads each value. */
function node(n: Tree, describe: boolean, top = false): JsonSchema {
  const out: JsonSchema = {};
  if (describe && !top && n.usedAt) {
    const { t, offset } = n.usedAt;
    const p = t.lines.position(offset);
    out['description'] = `Used at ${t.file}:${p.line}:${p.column}`;
  }
  const isObject = n.keys.size > 0 || n.hints.has('object');
  const isArray = n.item !== undefined || n.hints.has('array');
  if (top) {
    out['type'] = 'object';
  } else if (isObject && !isArray) {
    out['type'] = ['object', 'null'];
  } else if (isArray && !isObject) {
    out['type'] = ['array', 'null'];
  } else if (!isObject && !isArray) {
    const num = n.hints.has('number');
    const str = n.hints.has('string');
    if (num && !str) out['anyOf'] = [{ type: ['number', 'null'] }, { type: 'string', pattern: NUMERIC_STRING }];
    else if (str && !num) out['type'] = ['string', 'null'];
  }
  if (n.keys.size > 0 && !isArray) {
    const props: Record<string, JsonSchema> = {};
    for (const [k, child] of [...n.keys].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) props[k] = node(child, describe);
    out['properties'] = props;
  }
  if (n.item && !isObject) out['items'] = node(n.item, describe);
  return out;
}
