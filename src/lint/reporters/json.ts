import { countBySeverity } from './counts.js';
import type { LintResults } from './index.js';
import { displayPath } from './paths.js';

/** `{ diagnostics, errorCount, warningCount, infoCount, coverage? }` with paths relative to the working folder. */
export function json(results: LintResults): string {
  const diagnostics = results.diagnostics.map((d) => ({ ...d, file: displayPath(d.file, results.cwd) }));
  const { errors, warnings, infos } = countBySeverity(diagnostics);
  const out: Record<string, unknown> = { diagnostics, errorCount: errors, warningCount: warnings, infoCount: infos, files: results.files };
  if (results.coverage) out['coverage'] = results.coverage.map((c) => ({ ...c, file: displayPath(c.file, results.cwd) }));
  return JSON.stringify(out, null, 2) + '\n';
}
