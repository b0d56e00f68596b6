/**
 * The syntax error the preview shows for an email: for a block left open, lint's clearer
 * "#if is not closed by #end" at the `#if`, also when the `(` of its condition is not closed and
 * the parser only notices on the next line; other errors as the parser says them.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadEmail } from '../../src/project/index.js';
import { preloadLinter } from '../../src/preview/lint.js';
import type { ErrorInfo } from '../../src/preview/protocol.js';
import { templateProblem } from '../../src/preview/template-check.js';

const info = (err: unknown): ErrorInfo => {
  const e = err as { name: string; reason: string; line?: number; column?: number; frame?: string };
  return { name: e.name, message: e.reason, line: e.line, column: e.column, frame: e.frame };
};

describe('the syntax error shown for an email', () => {
  const dirs: string[] = [];
  const problemOf = async (template: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'velvet-check-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'email.html'), template);
    return templateProblem(await loadEmail(dir), info);
  };

  beforeAll(() => preloadLinter());
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('points at the #if that is never closed', async () => {
    const p = await problemOf('<p>a</p>\n#if($x)\n<p>b</p>\n');
    expect(p).toMatchObject({ name: 'ParseError', message: '#if is not closed by #end', line: 2, column: 1 });
    expect(p?.frame).toContain('#if($x)');
  });

  it('points at the #if whose condition is not closed, not at the next line', async () => {
    const p = await problemOf('<p>a</p>\n#if($x\n<p>b</p>\n');
    expect(p).toMatchObject({ name: 'ParseError', line: 2, column: 1 });
    expect(p?.message).toMatch(/^#if is not closed by #end/);
    expect(p?.message).toContain('expected an expression');
  });

  it('keeps other parse errors as they are', async () => {
    const p = await problemOf('<p>a</p>\n#end\n');
    expect(p?.line).toBe(2);
    expect(p?.message).toMatch(/#end/);
  });

  it('finds nothing in a template that parses', async () => {
    expect(await problemOf('<p>Hello $name</p>\n#if($x)yes#end\n')).toBeUndefined();
  });
});
