/**
 * What is left of an email once it is rendered or linted: nothing of it is needed for the next
 * one, so V8's young-generation collector should let it go instead of promoting it to the old
 * generation, where it stays until a full collection. When something long-lived held an email's
 * data (a WeakMap of a module keyed by the email's nodes or documents, or an object literal with
 * a getter: V8 keeps such a getter in a pair allocated in the old generation), every scavenge
 * copied and promoted the whole email: linting 1,000 emails promoted 370 MB, and the scavenges
 * took 0.5 s of one thread's 4.7 s.
 *
 * test/support/promotion.ts renders or lints emails in a process of its own with V8's GC trace;
 * two runs with different numbers of emails give the bytes promoted per email, start-up left out.
 * The sources run as `npm run build` compiles them (transpiled by TypeScript into a folder laid
 * out like the repository), not through tsx: it adds a call to every function it compiles
 * (esbuild's keepNames), and under it linting promoted ten times as much per email as the build.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const FEW = 40;
const MANY = 190;
let dir: string;
let emails: string;
let script: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'velvet-young-'));
  // the sources compiled as the build compiles them, next to what they read at run time
  const build = join(dir, 'build');
  const options = {
    ...ts.convertCompilerOptionsFromJson(JSON.parse(readFileSync(join(root, 'tsconfig.json'), 'utf8')).compilerOptions, root).options,
    sourceMap: false,
    declaration: false,
    // ES modules, as the package's `"type": "module"` makes every compiled file
    module: ts.ModuleKind.ESNext,
  };
  const compileTree = (from: string, only?: (f: string) => boolean) => {
    for (const name of readdirSync(from)) {
      const file = join(from, name);
      if (statSync(file).isDirectory()) compileTree(file, only);
      else if (name.endsWith('.ts') && !name.endsWith('.d.ts') && (!only || only(file))) {
        const out = join(build, relative(root, file)).replace(/\.ts$/, '.js');
        mkdirSync(dirname(out), { recursive: true });
        writeFileSync(out, ts.transpileModule(readFileSync(file, 'utf8'), { compilerOptions: options, fileName: file }).outputText);
      }
    }
  };
  compileTree(join(root, 'src'));
  compileTree(join(root, 'test', 'support'), (f) => f.endsWith('promotion.ts'));
  for (const name of ['node_modules', 'package.json', 'schemas']) symlinkSync(join(root, name), join(build, name));
  script = join(build, 'test', 'support', 'promotion.js');
  // copies of the samples, each template with a marker of its own (as `npm run bench:lint` makes)
  emails = join(dir, 'emails');
  const samples = join(root, 'samples');
  const names = readdirSync(samples).filter((n) => statSync(join(samples, n)).isDirectory() && n !== 'assets');
  mkdirSync(emails);
  cpSync(join(samples, 'velvet.config.json'), join(emails, 'velvet.config.json'));
  cpSync(join(samples, 'assets'), join(emails, 'assets'), { recursive: true });
  for (let i = 0; i < MANY; i++) {
    const email = join(emails, `${String(i).padStart(4, '0')}-${names[i % names.length]}`);
    cpSync(join(samples, names[i % names.length]!), email, { recursive: true });
    const file = join(email, 'email.html');
    writeFileSync(file, readFileSync(file, 'utf8').replace('</body>', `<!-- copy ${i} --></body>`));
  }
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Bytes promoted by the scavenges of one run of the script over the first `count` emails. */
function promoted(mode: 'render' | 'lint', count: number): number {
  const run = spawnSync(process.execPath, ['--trace-gc-nvp', script, mode, emails, String(count)], { encoding: 'utf8', maxBuffer: 1 << 26 });
  expect(run.status, run.stderr).toBe(0);
  const bytes = [...run.stdout.matchAll(/\bgc=s\b.*?\bpromoted=(\d+)/g)].map((m) => Number(m[1]));
  expect(bytes.length).toBeGreaterThan(0);
  return bytes.reduce((a, b) => a + b, 0);
}

/** Bytes promoted per email, start-up and warm-up left out. */
function perEmail(mode: 'render' | 'lint'): number {
  return (promoted(mode, MANY) - promoted(mode, FEW)) / (MANY - FEW);
}

describe('the young generation lets an email go once it is done', () => {
  // per email of the samples, before: about 100 KB (render) and 270 KB (lint); now a few KB at most
  it('rendering emails one after another promotes little of each', () => {
    expect(perEmail('render')).toBeLessThan(60_000);
  }, 120_000);

  it('linting emails one after another promotes little of each', () => {
    expect(perEmail('lint')).toBeLessThan(80_000);
  }, 120_000);
});
