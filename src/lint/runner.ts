/**
 * The lint runner: builds one context per email part (the body, and the subject and preheader
 * of email.json) with its parse (with recovery), analysis, HTML map and renders, each computed
 * once and only when a rule asks, runs the enabled rules, turns spans into positions in the file
 * that holds the part, applies inline disable comments and merges findings that several
 * fixtures share. A rule that throws becomes an error diagnostic about that rule; the run goes on.
 */
import { readFileSync } from 'node:fs';
import { parseJson, type ParsedJson } from '../json/index.js';
import { listVariants, type Email, type ResolvedConfig } from '../project/index.js';
import { analyse, type Analysis } from './analysis.js';
import { linkChecker, type LinkCheckOptions } from './check-links.js';
import { coverageOf, type CoverageReport } from './coverage.js';
import { htmlMap, type HtmlMap } from './html.js';
import { outputLocation, parseOutput, type OutputDocument } from './output-doc.js';
import { outputSpan } from './output.js';
import { placedElement } from './output-report.js';
import type { Span } from '../engine/index.js';
import { bodyPart, metaParts, type Part } from './parts.js';
import { emptyFixture, renderSetup, renderVariant, type VariantRender } from './render.js';
import { RULES } from './rules/index.js';
import type { Diagnostic, DiagnosticSeverity, Location, OutputLocation, RenderedVariant, Report, Rule, RuleContext, RuleSetting } from './types.js';

export interface LintOptions {
  /** Rule settings over the config's `lint.rules` (command-line `--rule`). */
  rules?: Readonly<Record<string, RuleSetting>> | undefined;
  /** Also compute branch and loop coverage over the fixtures. */
  coverage?: boolean | undefined;
  /**
   * The text of email.json, for positions of subject and preheader findings (default: read
   * `email.metaFile`); an editor passes its unsaved text here.
   */
  metaText?: string | undefined;
  /** Check the http(s) URLs of the rendered output with HEAD requests (`--check-links`). Default: off. */
  checkLinks?: LinkCheckOptions | undefined;
  /**
   * Give each finding on a rendered element the element's index in the browser's document
   * (`output.element`, which the preview highlights). Default: on. It costs a second parse of the
   * output, by parse5, for each fixture with such a finding: the language server and the CLI
   * formats that do not print it turn it off.
   */
  elementIndex?: boolean | undefined;
}

export interface EmailLintResult {
  email: Email;
  diagnostics: Diagnostic[];
  coverage: CoverageReport | undefined;
}

/** The severity a rule runs with, or undefined when it is off. */
export function severityOf(rule: Rule, config: ResolvedConfig, options: LintOptions = {}): DiagnosticSeverity | undefined {
  const s = options.rules?.[rule.meta.id] ?? config.lint.rules[rule.meta.id];
  if (s === 'off') return undefined;
  if (s === 'info') return 'info';
  if (s === 'warn') return 'warning';
  if (s === 'error') return 'error';
  return rule.meta.defaultSeverity;
}

export async function lintEmailResult(email: Email, config: ResolvedConfig, options: LintOptions = {}): Promise<EmailLintResult> {
  const body = bodyPart(email);
  const parts: Part[] = [body, ...metaParts(email, options.metaText)];
  let renders: RenderedVariant[] | undefined;
  // fixtures that render the same HTML share its parse (compared, not hashed: outputs are long
  // and most differ in length)
  const docs: OutputDocument[] = [];
  const documentOf = (html: string | undefined): OutputDocument | undefined => {
    if (html === undefined) return undefined;
    let d = docs.find((x) => x.html.length === html.length && x.html === html);
    if (!d) docs.push((d = parseOutput(html)));
    return d;
  };
  const getRenders = (): RenderedVariant[] => {
    if (renders) return renders;
    // whether a comment hides a finding on the output depends on the template line behind it:
    // the output rules (all but client-support, which places its own) then ask for the map
    const mapBody = RULES.some((r) => r.meta.id.startsWith('output-') && body.disabled.mayHide(r.meta.id) && severityOf(r, config, options));
    const setup = renderSetup(parts, config, Boolean(options.coverage), mapBody);
    const variants = listVariants(email);
    const empty = variants.length === 0;
    // without fixtures the email is rendered once with no data, as Yespo does for a contact
    // without any, so that the output rules still see its HTML
    renders = (empty ? [emptyFixture()] : variants).map(({ fixture, variant }) => {
      const result = renderVariant(email, setup, variant);
      return {
        fixture,
        variant,
        label: fixture.variants.length > 1 ? `${fixture.name}/${variant.name}` : fixture.name,
        result,
        empty,
        document: () => documentOf(result.html),
      };
    });
    return renders;
  };
  const perPart = new Map<Part, { analysis?: Analysis; html?: HtmlMap; renders?: RenderedVariant[] }>();
  const cache = (part: Part) => {
    let c = perPart.get(part);
    if (!c) perPart.set(part, (c = {}));
    return c;
  };
  const rendersOf = (part: Part): RenderedVariant[] => {
    if (part === body) return getRenders();
    const c = cache(part);
    return (c.renders ??= getRenders().map((r) => {
      const result = partResult(r.result, part);
      return { ...r, result, document: () => documentOf(result.html) };
    }));
  };
  let meta: ParsedJson | null | undefined;
  const metaLocation = (pointer: string): Location | undefined => {
    if (meta === undefined) meta = readMeta(email.metaFile, options.metaText);
    const pos = meta?.locate(pointer) ?? meta?.locate('');
    return pos && email.metaFile ? { file: email.metaFile, line: pos.line, column: pos.column } : undefined;
  };
  const out: Diagnostic[] = [];
  // the checks rules asked to run on each fixture's parsed output (RuleContext.eachDocument)
  const deferred: Deferred[] = [];
  for (const rule of RULES) {
    const severity = severityOf(rule, config, options);
    if (!severity) continue;
    for (const part of rule.meta.parts === 'all' ? parts : [body]) {
      if (rule.meta.needs === 'renders' && !part.ast) continue;
      const found: Diagnostic[] = [];
      let later: Deferred | undefined;
      const context: RuleContext = {
        email,
        config,
        part: part.name,
        file: part.file,
        source: part.source,
        lines: part.lines,
        ast: part.ast,
        syntax: part.syntax,
        analysis: () => (cache(part).analysis ??= analyse(part.ast!)),
        html: () => (cache(part).html ??= htmlMap(part.source, part.ast!)),
        renders: () => rendersOf(part),
        links: options.checkLinks ? linkChecker(options.checkLinks) : undefined,
        // one options object serves a whole CLI run (one per worker thread); the preview and the
        // language server make one per request, so what a rule keeps for the run is fresh there
        run: options,
        metaLocation,
        report: (r) => {
          // a finding that a disable comment hides is dropped before its output place is worked
          // out (the element index of a finding on the output costs a second parse of the HTML)
          const hidden = (span: Span) => part.file === body.file && body.disabled.isDisabled(rule.meta.id, part.position(span.start).line);
          const placed = r.output ? placeOutput(r, rendersOf(part), part.source, options.elementIndex !== false, r.loc ? undefined : hidden) : undefined;
          if (placed === null) return;
          const d = toDiagnostic(part, rule.meta.id, severity, placed?.report ?? r);
          if (d && placed) d.output = placed.output;
          if (d) found.push(d);
        },
        eachDocument:
          part === body
            ? (check, done) => {
                if (!later) deferred.push((later = { ruleId: rule.meta.id, file: part.file, found, checks: [], failed: undefined }));
                later.checks.push({ check, done });
              }
            : undefined,
      };
      try {
        await rule.create(context);
        if (!later) out.push(...found);
      } catch (err) {
        if (later) later.failed = err;
        else out.push(crashed(rule.meta.id, part.file, err));
      }
    }
  }
  if (deferred.length > 0) {
    // fixture by fixture, every rule's checks on one parse, which is then let go
    for (const r of getRenders()) {
      const doc = r.document();
      if (!doc) continue;
      for (const d of deferred) {
        if (d.failed !== undefined) continue;
        try {
          for (const c of d.checks) c.check(r, doc);
        } catch (err) {
          d.failed = err;
        }
      }
      docs.length = 0;
    }
    for (const d of deferred) {
      try {
        if (d.failed === undefined) for (const c of d.checks) c.done?.();
      } catch (err) {
        d.failed = err;
      }
      if (d.failed !== undefined) out.push(crashed(d.ruleId, d.file, d.failed));
      else out.push(...d.found);
    }
  }
  const kept = merge(out.filter((d) => d.file !== body.file || !body.disabled.isDisabled(d.ruleId, d.line)));
  const coverage =
    options.coverage && body.ast ? coverageOf(body.file, body.ast, getRenders().filter((r) => !r.empty), body.lines) : undefined;
  return { email, diagnostics: kept, coverage };
}

/** A rule's checks on each fixture's parsed output, and its findings until they have run. */
interface Deferred {
  ruleId: string;
  file: string;
  found: Diagnostic[];
  checks: { check: (render: RenderedVariant, doc: OutputDocument) => void; done: (() => void) | undefined }[];
  failed: unknown;
}

function crashed(ruleId: string, file: string, err: unknown): Diagnostic {
  const why = err instanceof Error ? err.message : String(err);
  return { ruleId, severity: 'error', message: `Rule '${ruleId}' crashed: ${why}`, file, line: 1, column: 1 };
}

/** A finding at its position in the part's file; undefined when a disable comment in a subject or preheader hides it. */
function toDiagnostic(part: Part, ruleId: string, severity: DiagnosticSeverity, r: Report): Diagnostic | undefined {
  const message = part.name === 'body' ? r.message : `${part.name}: ${r.message}`;
  const d: Diagnostic = { ruleId, severity: r.severity ?? severity, message, file: part.file, line: 1, column: 1 };
  if (r.loc) {
    Object.assign(d, { file: r.loc.file, line: r.loc.line, column: r.loc.column });
    if (r.loc.endLine !== undefined) Object.assign(d, { endLine: r.loc.endLine, endColumn: r.loc.endColumn });
  } else if (r.span) {
    if (part.name !== 'body' && part.disabled.isDisabled(ruleId, part.lines.position(r.span.start).line)) return undefined;
    const a = part.position(r.span.start);
    const b = part.position(Math.max(r.span.start, r.span.end));
    Object.assign(d, { line: a.line, column: a.column, endLine: b.line, endColumn: b.column });
  } else if (part.name !== 'body') {
    Object.assign(d, part.position(0));
  }
  if (r.fixtures) d.fixture = r.fixtures.join(', ');
  else if (r.fixture !== undefined) d.fixture = r.fixture;
  return d;
}

/**
 * A report on rendered output with its place: the output location in the HTML of its fixture
 * and, unless the rule gave one, the template span that produced it.
 */
function placeOutput(
  r: Report,
  renders: readonly RenderedVariant[],
  source: string,
  withIndex: boolean,
  hidden?: (span: Span) => boolean,
): { report: Report; output: OutputLocation } | undefined | null {
  const o = r.output!;
  const label = r.fixtures ? r.fixtures[0] : r.fixture;
  const v = renders.find((x) => x.label === label);
  const html = v?.result.html;
  if (!v || html === undefined) return undefined;
  const start = Math.max(0, Math.min(o.start, html.length));
  const end = Math.max(start, Math.min(o.end, html.length));
  const span = r.span || r.loc ? r.span : outputSpan(v.result, source, start, end, placedElement(o));
  if (span && hidden?.(span)) return null;
  return { report: { ...r, span }, output: outputLocation(html, start, end, withIndex ? o.element : undefined) };
}

/** A variant's render as a subject or preheader context sees it: that part's output and errors. */
function partResult(v: VariantRender, part: Part): VariantRender {
  const p = v.parts[part.name];
  return {
    html: p?.output,
    subject: v.subject,
    hasSubject: v.hasSubject,
    sizeBytes: p?.output === undefined ? 0 : Buffer.byteLength(p.output, 'utf8'),
    error: p?.error,
    branches: p?.branches ?? new Map(),
    loops: p?.loops ?? new Map(),
    parts: v.parts,
    map: () => p?.map(),
  };
}

function readMeta(file: string | undefined, text: string | undefined): ParsedJson | null {
  if (!file) return null;
  try {
    return parseJson(text ?? readFileSync(file, 'utf8'), { file });
  } catch {
    return null;
  }
}

/** One diagnostic per rule, place and message; the fixtures that share it are listed together. */
function merge(list: Diagnostic[]): Diagnostic[] {
  const byKey = new Map<string, Diagnostic>();
  for (const d of list) {
    const key = `${d.ruleId}\0${d.file}\0${d.line}\0${d.column}\0${d.message}`;
    const prev = byKey.get(key);
    if (!prev) byKey.set(key, { ...d });
    else if (d.fixture !== undefined && prev.fixture !== undefined && prev.fixture !== d.fixture) {
      const have = prev.fixture.split(', ');
      for (const f of d.fixture.split(', ')) if (!have.includes(f)) have.push(f);
      prev.fixture = have.join(', ');
    }
  }
  return [...byKey.values()].sort(compareDiagnostics);
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}

export type { Location };
