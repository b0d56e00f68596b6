import { validateSarif } from '../support/sarif.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPORTERS, RULES, type Diagnostic, type Rule } from '../../src/lint/index.js';
import { lintCase } from './helpers.js';

// without fixtures the email is rendered with an empty payload, where `$velocityCount` is left
// in the output; these cases are about the runner, so that rule is off
const noLeftover = { rules: { 'output-leftover-code': 'off' as const } };

describe('runner', () => {
  it('honours ## velvet-disable-next-line and ## velvet-disable / velvet-enable', async () => {
    const src = [
      '## velvet-disable-next-line loud-reference',
      '$a',
      '$b',
      '## velvet-disable loud-reference, no-velocity-count -- legacy block',
      '$c $velocityCount',
      '## velvet-enable loud-reference',
      '$d $velocityCount',
      '## velvet-disable-next-line',
      '$e',
    ].join('\n');
    const d = await lintCase(src, { lint: noLeftover });
    expect(d.map((x) => `${x.line}:${x.ruleId}`)).toEqual(['3:loud-reference', '7:loud-reference']);
  });
  it('applies severities: rule default < config lint.rules < options', async () => {
    const src = '$velocityCount';
    expect((await lintCase(src, { lint: noLeftover }))[0]!.severity).toBe('warning');
    const cfg = { lint: { rules: { 'no-velocity-count': 'error' as const, 'output-leftover-code': 'off' as const } } };
    expect((await lintCase(src, { config: cfg }))[0]!.severity).toBe('error');
    expect(await lintCase(src, { config: cfg, lint: { rules: { 'no-velocity-count': 'off' } } })).toEqual([]);
  });
  it('turns a crashing rule into a diagnostic about that rule', async () => {
    const boom: Rule = {
      meta: { id: 'boom', description: 'crashes', defaultSeverity: 'warning', docs: 'docs/rules/boom.md', needs: 'template' },
      create: () => {
        throw new Error('kaput');
      },
    };
    (RULES as Rule[]).push(boom);
    try {
      const d = await lintCase('$velocityCount', { lint: noLeftover });
      expect(d.map((x) => [x.ruleId, x.severity, x.message])).toEqual([
        ['boom', 'error', "Rule 'boom' crashed: kaput"],
        ['no-velocity-count', 'warning', expect.any(String)],
      ]);
    } finally {
      (RULES as Rule[]).pop();
    }
  });
  it('skips render rules when the template has syntax errors', async () => {
    const d = await lintCase('#if($a)\n$b', { fixtures: { a: {} } });
    expect(d.map((x) => x.ruleId)).toEqual(['syntax']);
  });
});

const sample: Diagnostic[] = [
  { ruleId: 'loud-reference', severity: 'warning', message: "'$a' prints, 100%: sure", file: '/p/e/email.html', line: 3, column: 5, endLine: 3, endColumn: 7 },
  { ruleId: 'syntax', severity: 'error', message: 'Encountered ")"', file: '/p/e/email.html', line: 9, column: 12 },
  { ruleId: 'output-img-alt', severity: 'warning', message: '<img> has no alt', file: '/p/e/email.html', line: 10, column: 1, fixture: 'a, b' },
];
const results = { diagnostics: sample, cwd: '/p', rules: RULES.map((r) => r.meta), files: 1 };

describe('reporters', () => {
  it('stylish groups by file and ends with a summary', () => {
    expect(REPORTERS.stylish(results)).toBe(
      [
        '',
        'e/email.html',
        "  3:5   warning  '$a' prints, 100%: sure  loud-reference",
        '  9:12  error    Encountered ")"  syntax',
        '  10:1  warning  <img> has no alt [fixture a, b]  output-img-alt',
        '',
        '✖ 3 problems (1 error, 2 warnings)',
        '',
      ].join('\n'),
    );
    expect(REPORTERS.stylish({ ...results, diagnostics: [] })).toBe('✔ 1 template, no problems\n');
  });
  it('json lists diagnostics with relative paths and counts', () => {
    const out = JSON.parse(REPORTERS.json(results)) as { diagnostics: Diagnostic[]; errorCount: number; warningCount: number };
    expect(out.errorCount).toBe(1);
    expect(out.warningCount).toBe(2);
    expect(out.diagnostics[0]).toEqual({ ...sample[0], file: 'e/email.html' });
  });
  it('sarif validates against the official SARIF 2.1.0 schema', () => {
    const validate = validateSarif;
    const log = JSON.parse(REPORTERS.sarif(results)) as { runs: { results: { ruleIndex: number; locations: unknown[] }[]; tool: { driver: { rules: { id: string }[] } } }[] };
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    const run = log.runs[0]!;
    expect(run.results).toHaveLength(3);
    expect(run.tool.driver.rules[run.results[1]!.ruleIndex]!.id).toBe('syntax');
    expect(run.results[0]!.locations[0]).toEqual({ physicalLocation: { artifactLocation: { uri: 'e/email.html' }, region: { startLine: 3, startColumn: 5, endLine: 3, endColumn: 7 } } });
    expect(validate(JSON.parse(REPORTERS.sarif({ ...results, diagnostics: [] })))).toBe(true);
    // the schema does reject what is not SARIF
    expect(validate({ runs: [] })).toBe(false);
    expect(validate({ ...log, version: '2.0.0' })).toBe(false);
  });
  it('github prints escaped workflow commands', () => {
    expect(REPORTERS.github(results).split('\n')).toEqual([
      "::warning file=e/email.html,line=3,col=5,endLine=3,endColumn=7,title=loud-reference::'$a' prints, 100%25: sure",
      '::error file=e/email.html,line=9,col=12,title=syntax::Encountered ")"',
      '::warning file=e/email.html,line=10,col=1,title=output-img-alt::<img> has no alt [fixture a, b]',
      '',
    ]);
  });
});

describe('rule metadata', () => {
  it('every rule has an id, a description, a severity and a doc page', async () => {
    const { existsSync } = await import('node:fs');
    const ids = new Set<string>();
    for (const r of RULES) {
      expect(r.meta.id).toMatch(/^[a-z0-9-]+$/);
      expect(ids.has(r.meta.id)).toBe(false);
      ids.add(r.meta.id);
      expect(r.meta.description.length).toBeGreaterThan(10);
      expect(['error', 'warning']).toContain(r.meta.defaultSeverity);
      expect(existsSync(join(import.meta.dirname, '..', '..', r.meta.docs)), r.meta.docs).toBe(true);
    }
  });
});
