/**
 * Rendering every fixture variant of an email for the output rules and for coverage. It follows
 * renderEmail (src/project/render.ts): the same engine options from the config, the same merge
 * tag step, but it renders the linter's own compiled templates so the render trace points at the
 * nodes the linter analysed, and it keeps errors per variant instead of throwing.
 */
import { DEFAULT_LIMITS, buildContext, compile, toPayload, type ForeachNode, type IfNode, type RenderOptions, type Template, type TemplateAst } from '../engine/index.js';
import { Renderer } from '../engine/evaluator.js';
import { VelvetError } from '../errors.js';
import type { FixtureVariant } from '../fixtures/types.js';
import { applyMergeTags, type Email, type ResolvedConfig } from '../project/index.js';

export interface VariantRender {
  html: string | undefined;
  subject: string | undefined;
  /** Set when the subject template exists. */
  hasSubject: boolean;
  sizeBytes: number;
  /** The body failed to render (RenderError or LimitError). */
  error: VelvetError | undefined;
  /** The subject or preheader failed to render. */
  metaError: VelvetError | undefined;
  /** Branch index taken by each #if (branches.length for #else, -1 for none), per visit. */
  branches: Map<IfNode, Set<number>>;
  /** Iteration counts seen by each #foreach. */
  loops: Map<ForeachNode, Set<number>>;
}

export interface CompiledEmail {
  body: Template;
  subject: Template | undefined;
  preheader: Template | undefined;
  metaError: VelvetError | undefined;
}

/** Compiles subject and preheader; the body reuses the AST the linter parsed. */
export function compileEmail(email: Email, ast: TemplateAst): CompiledEmail {
  const name = email.templateFile;
  const body: Template = {
    name,
    source: email.source,
    ast,
    render(payload, options = {}) {
      const ctx = buildContext(toPayload(payload), options);
      const limits = { ...DEFAULT_LIMITS, ...options.limits };
      return { output: new Renderer(ast, email.source, name, ctx, limits, options.trace).run() };
    },
  };
  let metaError: VelvetError | undefined;
  const part = (text: string | undefined, which: string): Template | undefined => {
    if (text === undefined) return undefined;
    try {
      return compile(text, { name: `${email.metaFile ?? 'email.json'}#${which}` });
    } catch (e) {
      if (e instanceof VelvetError) metaError ??= e;
      else throw e;
      return undefined;
    }
  };
  return { body, subject: part(email.subjectSource, 'subject'), preheader: part(email.preheaderSource, 'preheader'), metaError };
}

export function renderVariant(email: Email, compiled: CompiledEmail, variant: FixtureVariant, config: ResolvedConfig): VariantRender {
  const branches = new Map<IfNode, Set<number>>();
  const loops = new Map<ForeachNode, Set<number>>();
  const add = <K>(m: Map<K, Set<number>>, k: K, v: number) => {
    let s = m.get(k);
    if (!s) m.set(k, (s = new Set()));
    s.add(v);
  };
  const base: RenderOptions = { now: config.engine.now, timeZone: config.engine.timeZone, locale: config.engine.locale };
  const contact = { ...email.meta.contact, ...variant.contact };
  const merge = (text: string) => applyMergeTags(text, contact, { knownFields: config.contactFields }).output;
  const out: VariantRender = {
    html: undefined,
    subject: undefined,
    hasSubject: email.subjectSource !== undefined,
    sizeBytes: 0,
    error: undefined,
    metaError: compiled.metaError,
    branches,
    loops,
  };
  try {
    const trace = { branch: (n: IfNode, i: number) => add(branches, n, i), loop: (n: ForeachNode, c: number) => add(loops, n, c) };
    out.html = merge(compiled.body.render(variant.payload, { ...base, trace }).output);
    out.sizeBytes = Buffer.byteLength(out.html, 'utf8');
  } catch (e) {
    if (!(e instanceof VelvetError)) throw e;
    out.error = e;
  }
  try {
    if (compiled.subject) out.subject = merge(compiled.subject.render(variant.payload, base).output);
    if (compiled.preheader) compiled.preheader.render(variant.payload, base);
  } catch (e) {
    if (!(e instanceof VelvetError)) throw e;
    out.metaError ??= e;
  }
  return out;
}
