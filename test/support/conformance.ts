/**
 * Loads and runs conformance cases (templates, payloads and the exact output of Apache
 * Velocity 2.4.1). A case passes when the output is byte-identical, or when both fail in the
 * same class (parse-error / render-error) at the same line.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
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
}

export interface CaseResult {
  name: string;
  ok: boolean;
  detail: string;
  actual?: string;
}

export function loadCases(dir = DEFAULT_CORPUS, category?: string): Case[] {
  const cases: Case[] = [];
  const cats = readdirSync(dir).filter((c) => !category || c === category).sort();
  for (const cat of cats) {
    const cdir = join(dir, cat);
    for (const f of readdirSync(cdir).filter((x) => x.endsWith('.vm')).sort()) {
      const base = join(cdir, f.slice(0, -3));
      const read = (ext: string) => (existsSync(base + ext) ? readFileSync(base + ext, 'utf8') : undefined);
      const errText = read('.err');
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
        out: read('.out'),
        err,
      });
    }
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

/** Cases deliberately not matched, with reasons (test/conformance/DEVIATIONS.md). */
export function listedDeviations(dir = DEFAULT_CORPUS): Set<string> {
  const f = join(dir, '..', 'DEVIATIONS.md');
  if (!existsSync(f)) return new Set();
  const names = [...readFileSync(f, 'utf8').matchAll(/^- `([^`]+)`/gm)].map((m) => m[1]!);
  return new Set(names);
}

export function runCorpus(dir?: string, category?: string) {
  const root = dir ? resolve(dir) : DEFAULT_CORPUS;
  const results = loadCases(root, category).map(runCase);
  const passed = results.filter((r) => r.ok).length;
  const deviations = [...listedDeviations(root)].length;
  return { results, passed, failed: results.length - passed, deviations };
}
