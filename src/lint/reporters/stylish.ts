import type { Diagnostic } from '../types.js';
import { countBySeverity } from './counts.js';
import type { LintResults, ReporterOptions } from './index.js';
import { displayPath } from './paths.js';

const paint = (on: boolean, code: number, s: string) => (on ? `\u001b[${code}m${s}\u001b[0m` : s);
const SEVERITY_COLOR = { error: 31, warning: 33, info: 36 } as const;

/** Grouped by file: `line:column  severity  message  rule-id`, then a summary (infos counted apart) and coverage. */
export function stylish(results: LintResults, options: ReporterOptions = {}): string {
  const color = options.color ?? false;
  const byFile = new Map<string, Diagnostic[]>();
  for (const d of results.diagnostics) {
    const f = displayPath(d.file, results.cwd);
    byFile.set(f, [...(byFile.get(f) ?? []), d]);
  }
  let out = '';
  for (const [file, list] of byFile) {
    out += `\n${paint(color, 4, file)}\n`;
    const w = Math.max(...list.map((d) => `${d.line}:${d.column}`.length));
    for (const d of list) {
      const sev = paint(color, SEVERITY_COLOR[d.severity], d.severity.padEnd(7));
      const where = `${d.line}:${d.column}`.padEnd(w);
      const text = d.message + (d.fixture ? ` [fixture ${d.fixture}]` : '');
      out += `  ${where}  ${sev}  ${text}  ${paint(color, 2, d.ruleId)}\n`;
    }
  }
  const { errors, warnings, infos: shown } = countBySeverity(results.diagnostics);
  const hidden = results.hiddenInfos ?? 0;
  const infos = shown + hidden;
  const total = errors + warnings;
  const infoText = infos > 0 ? ` and ${infos} info${infos === 1 ? '' : 's'}${hidden > 0 ? ' (--infos lists them)' : ''}` : '';
  if (total > 0) {
    const line = `${total} problem${total === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'})${infoText}`;
    out += `\n${paint(color, errors ? 31 : 33, `✖ ${line}`)}\n`;
  } else {
    const infoLine = infos > 0 ? ` (${infos} info${infos === 1 ? '' : 's'}${hidden > 0 ? ': --infos lists them' : ''})` : '';
    out += `${shown > 0 ? '\n' : ''}${paint(color, 32, `✔ ${results.files} template${results.files === 1 ? '' : 's'}, no problems${infoLine}`)}\n`;
  }
  for (const c of results.coverage ?? []) {
    out += `\nCoverage ${displayPath(c.file, results.cwd)}: ${c.percent}% (${c.covered}/${c.total} branches and loop outcomes)\n`;
    for (const g of c.gaps) out += `  ${g.line}:${g.column}  ${g.message}\n`;
  }
  return out;
}
