import { describe, expect, it } from 'vitest';
import { runCli, tempTree } from './helpers.js';

describe('meta-invalid', () => {
  it('reports an email.json that does not load at its line and column, and lints that email and the others all the same', async () => {
    const t = tempTree({
      'velvet.config.json': {},
      'a/email.html': '<html lang="en"><body>$name <a href="https://x.example/unsubscribe">Unsubscribe</a></body></html>',
      'a/email.json': '{\n  "subject": "Hi",\n}',
      'b/email.html': '<html lang="en"><body>$name <a href="https://x.example/unsubscribe">Unsubscribe</a></body></html>',
      'b/email.json': '{ "subjct": "Hi" }',
      'c/email.html': '<html lang="en"><body>$name <a href="https://x.example/unsubscribe">Unsubscribe</a></body></html>',
      'c/email.json': { subject: 'Hi' },
    });
    try {
      const run = await runCli(['lint', '.', '--format', 'json'], t.dir);
      expect(run.code).toBe(1);
      const report = JSON.parse(run.stdout) as { files: number; diagnostics: { ruleId: string; file: string; line: number; column: number; message: string }[] };
      expect(report.files).toBe(3);
      const invalid = report.diagnostics.filter((d) => d.ruleId === 'meta-invalid').map((d) => [d.file, d.line, d.column]);
      expect(invalid).toEqual([
        ['a/email.json', 2, 18],
        ['b/email.json', 1, 3],
      ]);
      // the emails were linted: every one has its loud reference
      expect(report.diagnostics.filter((d) => d.ruleId === 'loud-reference').map((d) => d.file)).toEqual(['a/email.html', 'b/email.html', 'c/email.html']);
      // no "no subject" for an email.json that could not be read
      expect(report.diagnostics.filter((d) => d.ruleId === 'missing-subject')).toEqual([]);
    } finally {
      t.cleanup();
    }
  });
});
