/**
 * The linter's public API. `lintEmail` is what the preview and `velvet send` call (an editor
 * passes its unsaved email.json text as `metaText`); the CLI finds targets with `findTargets`
 * and lints them on several threads with `lintRefs`, then uses the reporters and coverage.
 */
import { loadEmail, findConfig, loadConfig, normalizeConfig, type Email, type ResolvedConfig } from '../project/index.js';
import type { SendChecks, SendFinding } from '../yespo/safety.js';
import { lintEmailResult, type EmailLintResult, type LintOptions } from './runner.js';
import type { LintTarget } from './targets.js';
import type { Diagnostic } from './types.js';

export type { Diagnostic, DiagnosticSeverity, Rule, RuleContext, RuleMeta, RuleSetting } from './types.js';
export type { CoverageGap, CoverageReport } from './coverage.js';
export type { EmailLintResult, LintOptions } from './runner.js';
export type { LintTarget } from './targets.js';
export { RULES, ruleById } from './rules/index.js';
export { REPORTERS, countBySeverity, isFormat, type LintResults, type ReportFormat, type Reporter } from './reporters/index.js';
export { findTargets, loadTarget, resolveTargets, type TargetRef } from './targets.js';
export { defaultJobs, lintRefs, mayLintMany, startWorkers, type TargetResult, type WorkerPool } from './parallel.js';
export { inferSchema, type JsonSchema } from './schema.js';
export { lintEmailResult, severityOf } from './runner.js';
export { parseWithRecovery, type SyntaxProblem } from './recover.js';

/** Lints one email (template, subject, preheader, fixtures, rendered output) with the rule settings of `config`. */
export async function lintEmail(email: Email, config: ResolvedConfig, options: LintOptions = {}): Promise<Diagnostic[]> {
  return (await lintEmailResult(email, config, options)).diagnostics;
}

/** Lints many emails one after another (rules are synchronous CPU work). */
export async function lintTargets(targets: readonly LintTarget[], options: LintOptions = {}): Promise<EmailLintResult[]> {
  const out: EmailLintResult[] = [];
  for (const t of targets) out.push(await lintEmailResult(t.email, t.config, options));
  return out;
}

/** Lint diagnostics as `velvet send` findings: errors block the send unless --force; infos are left out. */
export function toSendFindings(diagnostics: readonly Diagnostic[]): SendFinding[] {
  return diagnostics.flatMap((d) => (d.severity === 'info' ? [] : [{ ...d, severity: d.severity }])).map((d) => ({
    severity: d.severity,
    rule: d.ruleId,
    message: `${d.message}${d.fixture ? ` [${d.fixture}]` : ''}${d.file.endsWith('.html') ? '' : ` (${d.file})`}`,
    line: d.line,
    column: d.column,
  }));
}

/**
 * The send checks for the email folder `dir`: lints it with its project's config. For
 * `defaultSendChecks()` in src/yespo/checks.ts once it receives the email folder.
 */
export function lintSendChecks(dir: string): SendChecks {
  return async () => {
    const email = await loadEmail(dir);
    const file = findConfig(dir);
    const config = file ? loadConfig(file) : normalizeConfig([], { root: dir });
    return toSendFindings(await lintEmail(email, config));
  };
}
