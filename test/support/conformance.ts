/**
 * Loads and runs conformance cases (templates, payloads and the exact output of Apache
 * Velocity 2.4.1). A case passes when the output is byte-identical, or when both fail in the
 * same class (parse-error / render-error) at the same line.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile } from '../../src/engine/index.js';
import { ParseError, RenderError } from '../../src/errors.js';

export const DEFAULT_CORPUS = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'conformance', 'cases');

export interface Case {
  name: string;
  category: string;
  template: string;
  json: string | undefined;
  tools: boolean;
  out: string | undefined;
  err: { kind: 'parse-error' | 'render-error'; line: number | undefined } | undefined;
  /** For a listed deviation: what Apache Velocity 2.4.1 renders (`.out` holds velvet's output). */
  velocity?: string | undefined;
}

export interface CaseResult {
  name: string;
  ok: boolean;
  detail: string;
  actual?: string;
}

/**
 * The folder that holds the category folders of a corpus: DIR itself, or DIR/cases when DIR is a
 * corpus root (with a README or DEVIATIONS.md next to `cases/`).
 */
export function corpusRoot(dir: string): string {
  const cases = join(dir, 'cases');
  return existsSync(cases) && statSync(cases).isDirectory() ? cases : dir;
}

/**
 * Loads every case under `dir`: a folder of category folders (or a corpus root with `cases/`).
 * Files next to the category folders (a README.md) are ignored; a folder that holds .vm files
 * itself is one category.
 */
export function loadCases(dir = DEFAULT_CORPUS, category?: string): Case[] {
  const root = corpusRoot(dir);
  const entries = readdirSync(root, { withFileTypes: true });
  const cats = entries.filter((e) => e.isDirectory()).map((e) => e.name);
  const cases: Case[] = [];
  if (entries.some((e) => e.isFile() && e.name.endsWith('.vm'))) cases.push(...loadCategory(root, basename(root)));
  for (const cat of cats.filter((c) => !category || c === category).sort()) cases.push(...loadCategory(join(root, cat), cat));
  return cases;
}

function loadCategory(cdir: string, cat: string): Case[] {
  const cases: Case[] = [];
  for (const f of readdirSync(cdir).filter((x) => x.endsWith('.vm')).sort()) {
    const base = join(cdir, f.slice(0, -3));
    const read = (ext: string) => (existsSync(base + ext) ? readFileSync(base + ext, 'utf8') : undefined);
    const out = read('.out');
    const errText = read('.err');
    if (out === undefined && errText === undefined) continue; // not a case: no expected result
    let err: Case['err'];
    if (errText !== undefined) {
      const lines = errText.split('\n');
      const m = /^line (\d+) column (\d+)/.exec(lines[1] ?? '');
      err = { kind: lines[0]!.trim() as 'parse-error' | 'render-error', line: m ? Number(m[1]) : undefined };
    }
    cases.push({
      name: `${cat}/${f.slice(0, -3)}`,
      category: cat,
      template: readFileSync(base + '.vm', 'utf8'),
      json: read('.json'),
      tools: (read('.opts') ?? '').includes('tools'),
      out,
      err,
      velocity: read('.velocity'),
    });
  }
  return cases;
}

export function runCase(c: Case): CaseResult {
  let output: string | undefined;
  let failure: { kind: string; line: number | undefined; message: string } | undefined;
  try {
    const t = compile(c.template, { name: c.name.split('/')[1] + '.vm' });
    output = t.render(c.json ?? '{}', { tools: c.tools }).output;
  } catch (e) {
    if (e instanceof ParseError) failure = { kind: 'parse-error', line: e.line, message: e.message };
    else if (e instanceof RenderError) failure = { kind: 'render-error', line: e.line, message: e.message };
    else failure = { kind: 'crash', line: undefined, message: String((e as Error)?.stack ?? e) };
  }
  if (c.out !== undefined) {
    if (failure) return { name: c.name, ok: false, detail: `expected output, got ${failure.kind}: ${failure.message.split('\n')[0]}` };
    if (output === c.out) return { name: c.name, ok: true, detail: '' };
    return { name: c.name, ok: false, detail: firstDifference(c.out, output!), actual: output };
  }
  const want = c.err!;
  if (!failure) return { name: c.name, ok: false, detail: `expected ${want.kind}${want.line ? ` at line ${want.line}` : ''}, got output`, actual: output };
  if (failure.kind !== want.kind) return { name: c.name, ok: false, detail: `expected ${want.kind}, got ${failure.kind}: ${failure.message.split('\n')[0]}` };
  if (want.line !== undefined && failure.line !== want.line) {
    return { name: c.name, ok: false, detail: `expected ${want.kind} at line ${want.line}, got line ${failure.line}: ${failure.message.split('\n')[0]}` };
  }
  return { name: c.name, ok: true, detail: '' };
}

function firstDifference(expected: string, actual: string): string {
  const e = expected.split('\n');
  const a = actual.split('\n');
  for (let i = 0; i < Math.max(e.length, a.length); i++) {
    if (e[i] !== a[i]) {
      return `line ${i + 1}: expected ${JSON.stringify(e[i] ?? '<end>')}, got ${JSON.stringify(a[i] ?? '<end>')}`;
    }
  }
  return 'outputs differ';
}

/** The folder of deliberate deviations, next to the default corpus's cases. */
export const DEVIATIONS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'conformance', 'deviations');

/**
 * The deviations DEVIATIONS.md lists (lines ``- `deviations/name`: reason``). Each is a case in
 * test/conformance/deviations whose `.out` is velvet's deliberate output and whose `.velocity`
 * is what Apache Velocity 2.4.1 renders instead.
 */
export function listedDeviations(file = join(DEVIATIONS_DIR, '..', 'DEVIATIONS.md')): Set<string> {
  if (!existsSync(file)) return new Set();
  // `known/...` lines (differences not chosen, test/differential/known) are not deviations
  const names = [...readFileSync(file, 'utf8').matchAll(/^- `(deviations\/[^`]+)`/gm)].map((m) => m[1]!);
  return new Set(names);
}

/** A deviation passes when velvet gives its recorded output and Velocity's differs from it. */
export function runDeviation(c: Case): CaseResult {
  const r = runCase(c);
  if (!r.ok) return r;
  if (c.velocity === undefined) return { name: c.name, ok: false, detail: 'no .velocity file with Velocity\'s output' };
  if (c.velocity === c.out) return { name: c.name, ok: false, detail: 'Velocity gives the same output: not a deviation' };
  return r;
}

export function runCorpus(dir?: string, category?: string) {
  const root = dir ? resolve(dir) : DEFAULT_CORPUS;
  const results = loadCases(root, category).map(runCase);
  let deviations = 0;
  if (!dir && !category) {
    // the default corpus also checks its listed deviations (velvet's deliberate outputs)
    const listed = listedDeviations();
    const found = loadCases(DEVIATIONS_DIR);
    for (const c of found) {
      const r = runDeviation(c);
      results.push(listed.has(c.name) ? r : { ...r, ok: false, detail: 'not listed in DEVIATIONS.md' });
    }
    for (const name of listed) {
      if (!found.some((c) => c.name === name)) results.push({ name, ok: false, detail: 'listed in DEVIATIONS.md without a case' });
    }
    deviations = found.length;
  }
  const passed = results.filter((r) => r.ok).length;
  return { results, passed, failed: results.length - passed, deviations };
}
