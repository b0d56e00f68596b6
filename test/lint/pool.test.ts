import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..', '..', 'src');

/** The project files `file` loads when imported (static, non-type imports, followed through). */
function loads(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  for (const m of text.matchAll(/^(?:import|export)\s+(?!type\b)[^'";]*?from\s+'(\.[^']+)'|^import\s+'(\.[^']+)'/gm)) {
    const spec = (m[1] ?? m[2])!.replace(/\.js$/, '.ts');
    loads(resolve(dirname(file), spec), seen);
  }
  return seen;
}

describe('starting lint workers', () => {
  it('loads nothing of the linter before the workers start: the lint command and the pool are light modules', () => {
    const loaded = [...loads(join(SRC, 'cli', 'commands', 'lint.ts'))].map((f) => f.slice(SRC.length + 1));
    expect(loaded).toContain('lint/pool.ts');
    // what the workers load for themselves, and what the calling thread loads after starting them
    for (const heavy of ['lint/runner.ts', 'lint/parallel.ts', 'lint/index.ts', 'lint/rules/index.ts', 'engine/index.ts', 'project/email.ts', 'project/index.ts']) {
      expect(loaded).not.toContain(heavy);
    }
    expect(loaded.length).toBeLessThan(20);
  });
});
