import { DiagnosticSeverity } from 'vscode-languageserver';
import { describe, expect, it } from 'vitest';
import { REPORTERS, RULES, type Diagnostic } from '../../src/lint/index.js';
import { toLspDiagnostics } from '../../src/lsp/diagnostics.js';
import { validateSarif } from '../support/sarif.js';
import { runCli, tempTree } from './helpers.js';

const cwd = '/p';
const info: Diagnostic = { ruleId: 'client-support', severity: 'info', message: 'CSS margin is only partly supported by Gmail (iOS)', file: '/p/a/email.html', line: 3, column: 5, fixture: 'one' };
const warning: Diagnostic = { ruleId: 'output-img-alt', severity: 'warning', message: '<img> has no alt attribute', file: '/p/a/email.html', line: 4, column: 1 };
const results = (diagnostics: Diagnostic[]) => ({ diagnostics, cwd, rules: RULES.map((r) => r.meta), files: 1 });

describe('info severity in the reporters', () => {
  it('stylish shows infos as info and counts them apart from problems', () => {
    const out = REPORTERS.stylish(results([info, warning]));
    expect(out).toContain('3:5  info     CSS margin is only partly supported by Gmail (iOS) [fixture one]  client-support');
    expect(out).toContain('✖ 1 problem (0 errors, 1 warning) and 1 info');
    expect(REPORTERS.stylish(results([info]))).toContain('✔ 1 template, no problems (1 info)');
    expect(REPORTERS.stylish(results([info]), { color: true })).toContain('\u001b[36minfo   \u001b[0m');
  });

  it('SARIF gives infos the level note, and stays valid', () => {
    const log = JSON.parse(REPORTERS.sarif(results([info, warning])));
    expect(log.runs[0].results.map((r: { level: string }) => r.level)).toEqual(['note', 'warning']);
    expect(validateSarif(log)).toBe(true);
  });

  it('GitHub writes ::notice, GitLab severity info, JSON counts infos apart', () => {
    expect(REPORTERS.github(results([info]))).toMatch(/^::notice file=a\/email\.html,line=3,col=5,title=client-support::CSS margin/);
    expect(JSON.parse(REPORTERS.gitlab(results([info, warning]))).map((i: { severity: string }) => i.severity)).toEqual(['info', 'minor']);
    expect(JSON.parse(REPORTERS.json(results([info, warning])))).toMatchObject({ errorCount: 0, warningCount: 1, infoCount: 1 });
  });

  it('the language server sends infos as Information', () => {
    const byUri = toLspDiagnostics([info, warning], undefined, () => undefined);
    const list = [...byUri.values()].flat();
    expect(list.map((d) => d.severity)).toEqual([DiagnosticSeverity.Information, DiagnosticSeverity.Warning]);
  });
});

describe('info severity in velvet lint', () => {
  const tree = () =>
    tempTree({
      'velvet.config.json': { lint: { clients: ['gmail.*'] } },
      'a/email.html': '<html lang="en"><body>\n<p style="margin:0">Hi <a href="https://example.com/unsubscribe">Unsubscribe</a></p>\n</body></html>',
      'a/email.json': { subject: 'Hello' },
    });

  it('never fails a run, and --max-warnings does not count infos', async () => {
    const t = tree();
    try {
      const run = await runCli(['lint', t.dir, '--max-warnings', '0', '--format', 'json'], t.dir);
      const out = JSON.parse(run.stdout);
      expect(out.infoCount).toBeGreaterThan(0);
      expect(out.warningCount).toBe(0);
      expect(run.code).toBe(0);
    } finally {
      t.cleanup();
    }
  });

  it('takes info as a rule setting on the command line', async () => {
    const t = tree();
    try {
      const run = await runCli(['lint', t.dir, '--rule', 'output-img-alt=info', '--format', 'json'], t.dir);
      expect(run.code).toBe(0);
      const bad = await runCli(['lint', t.dir, '--rule', 'output-img-alt=loud'], t.dir);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('--rule takes ID=off|info|warn|error');
    } finally {
      t.cleanup();
    }
  });

  it('lists infos in the stylish, GitHub and GitLab reports only with --infos, and counts them', async () => {
    const t = tree();
    try {
      const json = JSON.parse((await runCli(['lint', t.dir, '--format', 'json'], t.dir)).stdout);
      const n = json.infoCount as number;
      expect(n).toBeGreaterThan(0);
      const stylish = await runCli(['lint', t.dir], t.dir);
      expect(stylish.stdout).not.toMatch(/^\s+\d+:\d+\s+info\s/m);
      expect(stylish.stdout).toContain(`no problems (${n} info${n === 1 ? '' : 's'}: --infos lists them)`);
      const listed = await runCli(['lint', t.dir, '--infos'], t.dir);
      expect(listed.stdout.match(/^\s+\d+:\d+\s+info\s/gm)?.length).toBe(n);
      expect((await runCli(['lint', t.dir, '--format', 'github'], t.dir)).stdout).not.toContain('::notice');
      expect((await runCli(['lint', t.dir, '--format', 'github', '--infos'], t.dir)).stdout.match(/::notice /g)?.length).toBe(n);
      expect(JSON.parse((await runCli(['lint', t.dir, '--format', 'gitlab'], t.dir)).stdout)).toEqual([]);
      const sarif = JSON.parse((await runCli(['lint', t.dir, '--format', 'sarif'], t.dir)).stdout);
      expect(sarif.runs[0].results.filter((r: { level: string }) => r.level === 'note').length).toBe(n);
    } finally {
      t.cleanup();
    }
  });
});
