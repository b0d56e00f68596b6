import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { CliIO } from '../../src/cli/command.js';
import { main } from '../../src/cli/main.js';
import { lintEmailResult, type LintOptions } from '../../src/lint/index.js';
import type { Diagnostic } from '../../src/lint/types.js';
import { loadEmail, normalizeConfig, type VelvetConfigInput } from '../../src/project/index.js';

export const SAMPLES = join(import.meta.dirname, '..', '..', 'samples');

/** A temp folder filled from `{ "relative/path": "content" }`; objects are written as JSON. */
export function tempTree(files: Record<string, unknown>): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'velvet-lint-'));
  for (const [rel, content] of Object.entries(files)) {
    const file = join(dir, rel);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A copy of the samples folder in a temp dir. */
export function copySamples(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'velvet-samples-'));
  cpSync(SAMPLES, dir, { recursive: true });
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Lints one email made of a template and fixtures (`name.json` → payload object) and returns the
 * diagnostics of `rule` (all rules when omitted).
 */
export async function lintCase(
  template: string,
  options: { fixtures?: Record<string, unknown>; meta?: Record<string, unknown>; config?: VelvetConfigInput; rule?: string; lint?: LintOptions } = {},
): Promise<Diagnostic[]> {
  const files: Record<string, unknown> = { 'email.html': template, 'email.json': options.meta ?? { subject: 'Hello' } };
  for (const [k, v] of Object.entries(options.fixtures ?? {})) files[`data/${k}.json`] = v;
  const t = tempTree(files);
  try {
    const email = await loadEmail(t.dir);
    const config = normalizeConfig([options.config ?? {}], { root: t.dir });
    const { diagnostics } = await lintEmailResult(email, config, options.lint);
    return options.rule ? diagnostics.filter((d) => d.ruleId === options.rule) : diagnostics;
  } finally {
    t.cleanup();
  }
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(argv: string[], cwd = process.cwd()): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd, env: {}, color: false };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

/**
 * `count` texts made of `pieces`, each of fewer than `longest` pieces, chosen by a seeded
 * generator: the same texts on every run.
 */
export function generatedTexts(pieces: readonly string[], seed: number, count: number, longest: number): string[] {
  let s = seed;
  const next = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) >>> 8);
  return Array.from({ length: count }, () => {
    let text = '';
    for (let k = next() % longest; k > 0; k--) text += pieces[next() % pieces.length];
    return text;
  });
}
