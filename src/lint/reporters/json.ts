import type { LintResults } from './index.js';
import { displayPath } from './paths.js';

/** `{ diagnostics, errorCount, warningCount, coverage? }` with paths relative to the working folder. */
export function json(results: LintResults): string {
  const diagnostics = results.diagnostics.map((d) => ({ ...d, file: displayPath(d.file, results.cwd) }));
  const errorCount = diagnostics.filter((d) => d.severity === 'error').length;
  const out: Record<string, unknown> = { diagnostics, errorCount, warningCount: diagnostics.length - errorCount, files: results.files };
  if (results.coverage) out['coverage'] = results.coverage.map((c) => ({ ...c, file: displayPath(c.file, results.cwd) }));
  return JSON.stringify(out, null, 2) + '\n';
}
