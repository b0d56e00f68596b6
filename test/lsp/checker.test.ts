/** The diagnostics scheduler: first change at once, quick successive changes gathered, stale files cleared. */
import { describe, expect, it } from 'vitest';
import { createChecker } from '../../src/lsp/checker.js';
import type { Diagnostic } from '../../src/lint/types.js';
import { emailWith } from './helpers.js';

const email = emailWith({ a: 1 });
const finding = (file: string): Diagnostic => ({ ruleId: 'syntax', severity: 'error', message: 'x', file, line: 1, column: 1 });

describe('checker', () => {
  it('checks the first change at once and gathers the changes that follow within the window', async () => {
    const linted: string[] = [];
    let source = 'v0';
    const make = (windowMs: number) =>
      createChecker({
        windowMs,
        target: () => ({ email: { ...email, source }, config: {} as never, problems: [], templateFile: email.templateFile }),
        lint: async (e) => (linted.push(e.source), []),
        publish: () => undefined,
        read: () => undefined,
      });
    // a window of a minute: the first change is still checked right away
    const slow = make(60_000);
    slow.mark('k');
    await slow.idle();
    expect(linted).toEqual(['v0']);
    slow.close();
    const checker = make(50);
    checker.mark('k');
    await checker.idle();
    linted.length = 0;
    for (const v of ['v1', 'v2', 'v3', 'v4']) {
      source = v;
      checker.mark('k');
    }
    await checker.idle();
    // one check with the latest text at the end of the window, not one per change
    expect(linted).toEqual(['v4']);
    checker.close();
  });

  it('publishes to every file a check points into and clears the ones that no longer have findings', async () => {
    const published: [string, number][] = [];
    let files = [email.templateFile, email.fixtures[0]!.file];
    const checker = createChecker({
      windowMs: 0,
      target: () => ({ email, config: {} as never, problems: [], templateFile: email.templateFile }),
      lint: async () => files.map(finding),
      publish: (uri, d) => void published.push([uri.replace(/^.*\//, ''), d.length]),
      read: () => undefined,
    });
    checker.mark('k');
    await checker.idle();
    expect(published).toEqual([['email.html', 1], ['f1.json', 1]]);
    files = [];
    checker.mark('k');
    await checker.idle();
    expect(published.slice(2)).toEqual([['email.html', 0], ['f1.json', 0]]);
    checker.drop('k');
    checker.close();
  });
});
