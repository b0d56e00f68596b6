import { createHash } from 'node:crypto';
import type { LintResults } from './index.js';
import { displayPath } from './paths.js';

/**
 * GitLab Code Quality report (`artifacts: reports: codequality:`): a JSON array of issues with
 * description, check_name, fingerprint, severity and location (path, lines, and positions with
 * columns).
 * Errors are `major`, warnings `minor`, infos `info`. The fingerprint leaves the line out, so a finding keeps
 * its identity when lines above it change (the merge request widget compares fingerprints); the
 * same finding twice in one file is told apart by its occurrence number.
 */
export function gitlab(results: LintResults): string {
  const seen = new Map<string, number>();
  const issues = results.diagnostics.map((d) => {
    const path = displayPath(d.file, results.cwd);
    const description = d.message + (d.fixture ? ` [fixture ${d.fixture}]` : '');
    const key = [d.ruleId, path, description].join('\0');
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    const begin = { line: d.line, column: d.column };
    const end = d.endLine !== undefined ? { line: d.endLine, column: d.endColumn ?? d.column } : begin;
    return {
      type: 'issue',
      description,
      check_name: d.ruleId,
      categories: ['Bug Risk'],
      fingerprint: createHash('sha256').update(`${key}\0${n}`).digest('hex').slice(0, 32),
      severity: d.severity === 'error' ? 'major' : d.severity === 'info' ? 'info' : 'minor',
      location: { path, lines: { begin: begin.line, end: end.line }, positions: { begin, end } },
    };
  });
  return JSON.stringify(issues, null, 2) + '\n';
}
