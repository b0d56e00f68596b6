/**
 * Rendering every fixture variant of an email for the output rules and for coverage. It follows
 * renderEmail (src/project/render.ts): the same engine options from the config, the same merge
 * tag step, but it renders the linter's own parsed templates (body, subject, preheader) so the
 * render trace points at the nodes the linter analysed, and it keeps errors per variant and per
 * part instead of throwing.
 */
import { DEFAULT_LIMITS, buildContext, toPayload, type ForeachNode, type IfNode, type RenderOptions, type RenderTrace, type TemplateAst } from '../engine/index.js';
import { Renderer } from '../engine/evaluator.js';
import { JMap } from '../engine/values.js';
import { VelvetError } from '../errors.js';
import type { Fixture, FixtureVariant } from '../fixtures/types.js';
import { applyMergeTags, type Email, type ResolvedConfig } from '../project/index.js';
import type { Part } from './parts.js';
import { RenderMap } from './source-map.js';

/** One part (body, subject or preheader) rendered with one variant. */
export interface PartRender {
  /** The output after merge tags; undefined when the render failed. */
  output: string | undefined;
  /** RenderError or LimitError of this part. */
  error: VelvetError | undefined;
  /** Branch index taken by each #if (branches.length for #else, -1 for none), per visit. */
  branches: Map<IfNode, Set<number>>;
  /** Iteration counts seen by each #foreach. */
  loops: Map<ForeachNode, Set<number>>;
  /**
   * The source map of `output`, made on first use by rendering again with the map recorded (a
   * clean render pays nothing for it); undefined when the render failed or gave other output.
   */
  map(): RenderMap | undefined;
}

export interface VariantRender {
  /** The body output (for a subject or preheader context: that part's output). */
  html: string | undefined;
  /** The rendered subject, when the subject template exists and rendered. */
  subject: string | undefined;
  /** Set when the subject template exists. */
  hasSubject: boolean;
  sizeBytes: number;
  /** The body failed to render (RenderError or LimitError). */
  error: VelvetError | undefined;
  branches: Map<IfNode, Set<number>>;
  loops: Map<ForeachNode, Set<number>>;
  /** Each part's own render, by part name. */
  parts: Partial<Record<Part['name'], PartRender>>;
  /** The source map of `html` (see PartRender.map). */
  map(): RenderMap | undefined;
}

/** The variant an email without fixtures is rendered with: no data, as for a contact without any. */
export const EMPTY_PAYLOAD = '(empty payload)';

export function emptyFixture(): { fixture: Fixture; variant: FixtureVariant } {
  const variant: FixtureVariant = { name: EMPTY_PAYLOAD, payload: new JMap(), json: {}, contact: {} };
  return { fixture: { name: EMPTY_PAYLOAD, file: '', format: 'plain', variants: [variant] }, variant };
}

export interface RenderSetup {
  parts: readonly { part: Part; ast: TemplateAst }[];
  base: RenderOptions;
  knownFields: readonly string[];
  trace: boolean;
  /** Record the body's source map in its first render, instead of in a second render when asked (`PartRender.map`). */
  mapBody: boolean;
}

/**
 * What every render of an email shares: the parsed parts and the engine options. `mapBody`:
 * the body's source map will likely be asked for (a template with disable comments: whether
 * one hides a finding on the output depends on the template line behind it).
 */
export function renderSetup(parts: readonly Part[], config: ResolvedConfig, trace: boolean, mapBody = false): RenderSetup {
  return {
    parts: parts.flatMap((part) => (part.ast ? [{ part, ast: part.ast }] : [])),
    base: { now: config.engine.now, timeZone: config.engine.timeZone, locale: config.engine.locale },
    knownFields: config.contactFields,
    trace,
    mapBody,
  };
}

export function renderVariant(email: Email, setup: RenderSetup, variant: FixtureVariant): VariantRender {
  const contact = { ...email.meta.contact, ...variant.contact };
  const out: VariantRender = {
    html: undefined,
    subject: undefined,
    hasSubject: email.subjectSource !== undefined,
    sizeBytes: 0,
    error: undefined,
    branches: new Map(),
    loops: new Map(),
    parts: {},
    map: () => out.parts.body?.map(),
  };
  for (const { part, ast } of setup.parts) {
    const r = renderPart(part, ast, variant, setup, contact);
    out.parts[part.name] = r;
    if (part.name === 'body') {
      Object.assign(out, { html: r.output, error: r.error, branches: r.branches, loops: r.loops });
      if (r.output !== undefined) out.sizeBytes = Buffer.byteLength(r.output, 'utf8');
    } else if (part.name === 'subject') out.subject = r.output;
  }
  return out;
}

function renderPart(part: Part, ast: TemplateAst, variant: FixtureVariant, setup: RenderSetup, contact: Record<string, string>): PartRender {
  let map: RenderMap | null | undefined;
  const r: PartRender = {
    output: undefined,
    error: undefined,
    branches: new Map(),
    loops: new Map(),
    map: () => {
      if (map === undefined) {
        map = null;
        if (r.output !== undefined) {
          const m = new RenderMap();
          let again: string | undefined;
          try {
            again = run(part, ast, variant, setup, contact, { write: (a, b, span) => m.write(a, b, span) }, m);
          } catch (e) {
            if (!(e instanceof VelvetError)) throw e;
          }
          // a render that reads the real clock may differ the second time: then no map
          if (again === r.output) map = m;
        }
      }
      return map ?? undefined;
    },
  };
  const add = <K>(m: Map<K, Set<number>>, k: K, v: number) => {
    let s = m.get(k);
    if (!s) m.set(k, (s = new Set()));
    s.add(v);
  };
  let trace: RenderTrace | undefined = setup.trace
    ? { branch: (n: IfNode, i: number) => add(r.branches, n, i), loop: (n: ForeachNode, c: number) => add(r.loops, n, c) }
    : undefined;
  const first = setup.mapBody && part.name === 'body' ? new RenderMap() : undefined;
  if (first) trace = { ...trace, write: (a, b, span) => first.write(a, b, span) };
  try {
    r.output = run(part, ast, variant, setup, contact, trace, first);
    if (first) map = first;
  } catch (e) {
    if (!(e instanceof VelvetError)) throw e;
    r.error = e;
    if (first) map = null;
  }
  return r;
}

/** One render of a part, merge tags applied; `map` records the merge tag replacements. */
function run(part: Part, ast: TemplateAst, variant: FixtureVariant, setup: RenderSetup, contact: Record<string, string>, trace: RenderTrace | undefined, map?: RenderMap): string {
  const ctx = buildContext(toPayload(variant.payload), setup.base);
  const limits = { ...DEFAULT_LIMITS, ...setup.base.limits };
  const name = part.name === 'body' ? part.file : `${part.file}#${part.name}`;
  const output = new Renderer(ast, part.source, name, ctx, limits, trace).run();
  const onReplace = map && ((offset: number, tag: string, value: string) => map.replace(offset, tag, value));
  return applyMergeTags(output, contact, { knownFields: setup.knownFields, onReplace }).output;
}
