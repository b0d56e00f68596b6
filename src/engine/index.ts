/**
 * Engine API. compile() parses a template once; render() evaluates it against a payload with
 * Apache Velocity 2.4.1 semantics and Yespo's context (every top-level key, the whole payload as
 * $data, and the $mathTool / $numberTool / $dateTool tools).
 */
import { copyJava, parseJson, toJava } from '../json/index.js';
import { DataError, ParseError, VelvetError } from '../errors.js';
import type { TemplateAst } from './ast.js';
import { Context } from './context.js';
import { Renderer, type Limits, type RenderTrace } from './evaluator.js';
import { parse } from './parser.js';
import { createTools, type ToolOptions } from './tools/index.js';
import { JMap, type Value } from './values.js';

export type { Value } from './values.js';
export type { Limits, RenderTrace } from './evaluator.js';
export type * from './ast.js';
export { knownMethodNames } from './methods.js';
export type { TemplateAst } from './ast.js';
export { parse } from './parser.js';
export { toJava };

/** Default limits: generous for real emails, small enough that no template can hang a process. */
export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  maxIterations: 1_000_000,
  maxOutput: 10_000_000,
  maxDepth: 20,
  maxTimeMs: 5_000,
  maxMemory: 100_000_000,
});

export interface RenderOptions extends ToolOptions {
  /** Put $mathTool, $numberTool, $dateTool in the context (default true). */
  tools?: boolean | undefined;
  limits?: Partial<Limits> | undefined;
  /** Observer of branches taken and loop counts (coverage). */
  trace?: RenderTrace | undefined;
}

export interface RenderResult {
  output: string;
}

export interface Template {
  readonly name: string;
  readonly source: string;
  readonly ast: TemplateAst;
  /** payload: JSON text (exact Java typing: 258.0 stays a Double) or a JavaScript value. */
  render(payload?: string | unknown, options?: RenderOptions): RenderResult;
}

export interface CompileOptions {
  /** File name used in error messages (default "<template>"). */
  name?: string | undefined;
}

/** Parses a template (throws ParseError with line, column and code frame). */
export function compile(source: string, options: CompileOptions = {}): Template {
  const name = options.name ?? '<template>';
  let ast: TemplateAst;
  try {
    ast = parse(source, { name });
  } catch (e) {
    // the parser's own safety net: nothing but a positioned ParseError leaves it
    if (e instanceof VelvetError) throw e;
    const what = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    throw new ParseError(`the template could not be parsed (${what})`, { file: name, line: 1, column: 1, source }, { cause: e });
  }
  return {
    name,
    source,
    ast,
    render(payload, renderOptions = {}) {
      const ctx = buildContext(toPayload(payload), renderOptions);
      const limits = renderOptions.limits ? { ...DEFAULT_LIMITS, ...renderOptions.limits } : DEFAULT_LIMITS;
      const output = new Renderer(ast, source, name, ctx, limits, renderOptions.trace).run();
      return { output: wellFormed(output) };
    },
  };
}

/**
 * The output as Velocity writes it in UTF-8: half of a surrogate pair (`$name.charAt(1)` of an
 * emoji) becomes '?', as Java's encoder writes it, so the output is always valid text.
 */
function wellFormed(s: string): string {
  if ((s as unknown as { isWellFormed(): boolean }).isWellFormed()) return s;
  return s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '?');
}

/** Parses and renders in one call. */
export function render(
  source: string,
  payload?: string | unknown,
  options: RenderOptions & CompileOptions = {},
): RenderResult {
  return compile(source, options).render(payload, options);
}

/**
 * The payload as a Java map: JSON text is read with exact number typing. A text rendered again
 * (a fixture, for every save in the preview and every template in lint) is read once: later
 * renders get a copy of its maps and lists, since a template may change them. The first render
 * of a text uses what it reads as it is, and keeps nothing but the text: most texts are
 * rendered once, and a value kept for later outlives the render and costs the collector more.
 */
export function toPayload(payload: unknown): JMap {
  if (payload === undefined || payload === null) return new JMap();
  if (typeof payload === 'string') return readPayload(payload);
  const v: Value = toJava(payload);
  if (!(v instanceof JMap)) throw new DataError('the payload must be a JSON object');
  return v;
}

/**
 * Payload texts read lately, newest last (at most READ_CACHE_SIZE, each at most READ_CACHE_TEXT
 * characters), with their value once they were read a second time. A short list compared with
 * `===` (lengths first) costs less than hashing a long text for a Map.
 */
const readTexts: string[] = [];
const readValues: (JMap | undefined)[] = [];
const READ_CACHE_SIZE = 16;
const READ_CACHE_TEXT = 1_000_000;

function readPayload(text: string): JMap {
  let at = -1;
  for (let k = readTexts.length - 1; k >= 0; k--) {
    if (readTexts[k] === text) {
      at = k;
      break;
    }
  }
  const known = at < 0 ? undefined : readValues[at];
  if (known) return copyJava(known) as JMap;
  const v = parseJson(text, { file: '<payload>' }).java;
  if (!(v instanceof JMap)) throw new DataError('the payload must be a JSON object');
  if (at >= 0) {
    // read a second time: keep this value unchanged for the renders to come, render a copy
    readValues[at] = v;
    return copyJava(v) as JMap;
  }
  if (text.length <= READ_CACHE_TEXT) {
    if (readTexts.length >= READ_CACHE_SIZE) {
      readTexts.shift();
      readValues.shift();
    }
    readTexts.push(text);
    readValues.push(undefined);
  }
  return v;
}

/** The render context: tools, then every top-level key, and the whole payload as $data. */
export function buildContext(payload: JMap, options: RenderOptions = {}): Context {
  const ctx = new Context();
  if (options.tools !== false) {
    const tools = createTools(options);
    for (const k in tools) ctx.set(k, tools[k]!);
  }
  ctx.set('data', payload);
  for (const [k, v] of payload.keys) {
    if (typeof k === 'string') ctx.set(k, v);
  }
  return ctx;
}
