import { describe, expect, it } from 'vitest';
import { REPORTERS, RULES, type Diagnostic } from '../../src/lint/index.js';

const diagnostics: Diagnostic[] = [
  { ruleId: 'loud-reference', severity: 'warning', message: "'$a' prints as written", file: '/p/e/email.html', line: 3, column: 5, endLine: 3, endColumn: 7 },
  { ruleId: 'syntax', severity: 'error', message: 'Encountered ")"', file: '/p/e/email.html', line: 9, column: 12 },
  { ruleId: 'loud-reference', severity: 'warning', message: "'$a' prints as written", file: '/p/e/email.html', line: 20, column: 1, fixture: 'vip' },
  { ruleId: 'loud-reference', severity: 'warning', message: "'$a' prints as written", file: '/p/e/email.html', line: 30, column: 1, fixture: 'vip' },
];
const results = (d: Diagnostic[]) => ({ diagnostics: d, cwd: '/p', rules: RULES.map((r) => r.meta), files: 1 });

describe('gitlab reporter (GitLab Code Quality)', () => {
  it('writes one issue per finding with the fields GitLab reads', () => {
    const issues = JSON.parse(REPORTERS.gitlab(results(diagnostics))) as Record<string, unknown>[];
    expect(issues).toHaveLength(4);
    expect(issues[0]).toEqual({
      type: 'issue',
      description: "'$a' prints as written",
      check_name: 'loud-reference',
      categories: ['Bug Risk'],
      fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/),
      severity: 'minor',
      location: { path: 'e/email.html', lines: { begin: 3, end: 3 }, positions: { begin: { line: 3, column: 5 }, end: { line: 3, column: 7 } } },
    });
    expect(issues[1]).toMatchObject({ check_name: 'syntax', severity: 'major', location: { path: 'e/email.html', lines: { begin: 9 } } });
    expect(issues[2]).toMatchObject({ description: "'$a' prints as written [fixture vip]" });
  });

  it('gives every finding its own fingerprint, kept when lines above it move', () => {
    const first = (JSON.parse(REPORTERS.gitlab(results(diagnostics))) as { fingerprint: string }[]).map((i) => i.fingerprint);
    expect(new Set(first).size).toBe(4);
    const moved = diagnostics.map((d) => ({ ...d, line: d.line + 5 }));
    const second = (JSON.parse(REPORTERS.gitlab(results(moved))) as { fingerprint: string }[]).map((i) => i.fingerprint);
    expect(second).toEqual(first);
  });

  it('is an empty array when there is nothing to report', () => {
    expect(JSON.parse(REPORTERS.gitlab(results([])))).toEqual([]);
  });
});
