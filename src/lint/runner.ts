/**
 * The lint runner: builds one context per email (parse with recovery, analysis, HTML map and
 * renders, each computed once and only when a rule asks), runs the enabled rules, turns spans
 * into positions, applies inline disable comments and merges findings that several fixtures share.
 * A rule that throws becomes an error diagnostic about that rule; the run goes on.
 */
import { readFileSync } from 'node:fs';
import { parseJson, type ParsedJson } from '../json/index.js';
import { SourceLines } from '../json/positions.js';
import { listVariants, type Email, type ResolvedConfig } from '../project/index.js';
import { analyse, type Analysis } from './analysis.js';
import { coverageOf, type CoverageReport } from './coverage.js';
import { disableMap } from './disable.js';
import { htmlMap, type HtmlMap } from './html.js';
import { parseWithRecovery } from './recover.js';
import { compileEmail, renderVariant } from './render.js';
import { RULES } from './rules/index.js';
import type { Diagnostic, DiagnosticSeverity, Location, RenderedVariant, Report, Rule, RuleContext, RuleSetting } from './types.js';

export interface LintOptions {
  /** Rule settings over the config's `lint.rules` (command-line `--rule`). */
  rules?: Readonly<Record<string, RuleSetting>> | undefined;
  /** Also compute branch and loop coverage over the fixtures. */
  coverage?: boolean | undefined;
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
  if (s === 'warn') return 'warning';
  if (s === 'error') return 'error';
  return rule.meta.defaultSeverity;
}

export async function lintEmailResult(email: Email, config: ResolvedConfig, options: LintOptions = {}): Promise<EmailLintResult> {
  const file = email.templateFile;
  const source = email.source;
  const lines = new SourceLines(source);
  const { ast, problems } = parseWithRecovery(source, file);
  let analysis: Analysis | undefined;
  let html: HtmlMap | undefined;
  let renders: RenderedVariant[] | undefined;
  let meta: ParsedJson | null | undefined;
  const getRenders = (): RenderedVariant[] => {
    if (renders) return renders;
    if (!ast) return (renders = []);
    const compiled = compileEmail(email, ast);
    renders = listVariants(email).map(({ fixture, variant }) => ({
      fixture,
      variant,
      label: fixture.variants.length > 1 ? `${fixture.name}/${variant.name}` : fixture.name,
      result: renderVariant(email, compiled, variant, config),
    }));
    return renders;
  };
  const out: Diagnostic[] = [];
  const disabled = disableMap(source);
  const toDiagnostic = (ruleId: string, severity: DiagnosticSeverity, r: Report): Diagnostic => {
    const d: Diagnostic = { ruleId, severity, message: r.message, file, line: 1, column: 1 };
    if (r.loc) {
      Object.assign(d, { file: r.loc.file, line: r.loc.line, column: r.loc.column });
      if (r.loc.endLine !== undefined) Object.assign(d, { endLine: r.loc.endLine, endColumn: r.loc.endColumn });
    } else if (r.span) {
      const a = lines.position(r.span.start);
      const b = lines.position(Math.max(r.span.start, r.span.end));
      Object.assign(d, { line: a.line, column: a.column, endLine: b.line, endColumn: b.column });
    }
    if (r.fixture !== undefined) d.fixture = r.fixture;
    return d;
  };
  for (const rule of RULES) {
    const severity = severityOf(rule, config, options);
    if (!severity) continue;
    if (rule.meta.needs === 'renders' && !ast) continue;
    const found: Diagnostic[] = [];
    const context: RuleContext = {
      email,
      config,
      file,
      source,
      lines,
      ast,
      syntax: problems,
      analysis: () => (analysis ??= analyse(ast!)),
      html: () => (html ??= htmlMap(source, ast!)),
      renders: getRenders,
      metaLocation: (pointer) => {
        if (meta === undefined) meta = readMeta(email.metaFile);
        const pos = meta?.locate(pointer) ?? meta?.locate('');
        return pos && email.metaFile ? { file: email.metaFile, line: pos.line, column: pos.column } : undefined;
      },
      report: (r) => void found.push(toDiagnostic(rule.meta.id, severity, r)),
    };
    try {
      await rule.create(context);
      out.push(...found);
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      out.push({ ruleId: rule.meta.id, severity: 'error', message: `Rule '${rule.meta.id}' crashed: ${why}`, file, line: 1, column: 1 });
    }
  }
  const kept = merge(out.filter((d) => d.file !== file || !disabled.isDisabled(d.ruleId, d.line)));
  const coverage = options.coverage && ast ? coverageOf(file, ast, getRenders(), lines) : undefined;
  return { email, diagnostics: kept, coverage };
}

function readMeta(file: string | undefined): ParsedJson | null {
  if (!file) return null;
  try {
    return parseJson(readFileSync(file, 'utf8'), { file });
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
    else if (d.fixture !== undefined && prev.fixture !== undefined && !prev.fixture.split(', ').includes(d.fixture)) {
      prev.fixture = `${prev.fixture}, ${d.fixture}`;
    }
  }
  return [...byKey.values()].sort(compareDiagnostics);
}

export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}

export type { Location };
