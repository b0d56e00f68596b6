/**
 * Lint benchmark: copies the samples into 1,000 email folders in a temp dir (each template gets a
 * unique marker so nothing is shared by accident) and times `velvet lint` CLI runs over them. It
 * runs the built CLI (dist/, as an installed velvet does), building it first, so the time is not
 * that of compiling TypeScript on the fly; `--source` times the tsx-run sources instead.
 *
 * In the same run, and interleaved with the lint runs so both see the same machine load, it
 * times a bare process that parses and renders the same templates with the same fixtures (what
 * `velvet render` does for each: load the email and its fixtures, compile, render every variant,
 * merge tags) and prints the ratio of lint time to that bare time, and times lint with the checks
 * on the rendered HTML switched off, to print what those checks add.
 *   npm run bench:lint              targets: <= 1.5 s per CLI run, <= 3x the bare parse and render
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const samples = join(root, 'samples');
const COUNT = Number(process.env['LINT_BENCH_COUNT'] ?? 1000);
const RUNS = Number(process.env['LINT_BENCH_RUNS'] ?? 3);
/** LINT_BENCH_DIR=path keeps the email folders there, e.g. for `node --cpu-prof` (made when missing: remove it when the samples change). */
const KEEP = process.env['LINT_BENCH_DIR'];
/**
 * LINT_BENCH_COMPARE=path/to/dist/cli/main.js of another build of velvet (an older commit, built
 * with `npx tsc -p tsconfig.build.json` in its checkout): its `velvet lint` is timed in the same
 * interleaved runs, default threads, and the ratio printed.
 */
const COMPARE = process.env['LINT_BENCH_COMPARE'];

/** The bare work, as a script for a fresh process: load, compile, render every variant. */
const bare = (project: string) => `
const { loadProject, loadEmail, listVariants, renderEmail } = await import(${JSON.stringify(project)});
const p = loadProject(process.argv[1]);
const emails = await Promise.all(p.emails.map((e) => loadEmail(e.dir, { name: e.name })));
let renders = 0;
for (const email of emails) {
  for (const { fixture, variant } of listVariants(email)) {
    try { renderEmail(email, { fixture, variant, config: p.config }); } catch {}
    renders++;
  }
}
console.log(JSON.stringify({ emails: emails.length, renders }));
`;

/**
 * The checks that read the parsed rendered HTML (the checks on the finished email): switched off
 * for the "without" run, which lints as velvet did before them (no parse of the output at all).
 */
const OUTPUT_CHECKS = [
  'client-support', 'output-html-lang', 'output-table-role', 'output-link-img-alt', 'output-heading-order', 'output-contrast',
  'output-empty-url', 'output-img-alt', 'output-insecure-link', 'output-img-size', 'output-img-weight', 'output-link-url',
  'output-link-text', 'output-unsubscribe', 'output-broken-link',
];

const emails = readdirSync(samples).filter((n) => statSync(join(samples, n)).isDirectory() && existsSync(join(samples, n, 'email.html')));
const dir = KEEP ?? mkdtempSync(join(tmpdir(), 'velvet-lint-bench-'));
try {
  if (!KEEP || !existsSync(join(dir, 'velvet.config.json'))) makeFolders(dir);
  const fromSource = process.argv.includes('--source');
  if (!fromSource) {
    const build = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json')], { encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}${build.stderr}`);
  }
  const cli = fromSource ? join(root, 'bin', 'velvet.js') : join(root, 'dist', 'cli', 'main.js');
  const project = pathToFileURL(join(root, fromSource ? 'src/project/index.ts' : 'dist/project/index.js')).href;
  const bareArgs = [...(fromSource ? ['--import', 'tsx'] : []), '--input-type=module', '-e', bare(project), dir];

  const timed = (args: string[]): { ms: number; stdout: string; status: number | null; stderr: string } => {
    const start = performance.now();
    const run = spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 });
    return { ms: performance.now() - start, stdout: run.stdout, status: run.status, stderr: run.stderr };
  };
  const listed = timed([cli, 'lint', '--list-rules']).stdout;
  for (const id of OUTPUT_CHECKS) if (!new RegExp(`^\\s*${id}\\b`, 'm').test(listed)) throw new Error(`no rule ${id} (velvet lint --list-rules)`);
  const withoutChecks = OUTPUT_CHECKS.flatMap((id) => ['--rule', `${id}=off`]);
  const lintTimes: number[] = [];
  const oneThread: number[] = [];
  const without: number[] = [];
  const compared: number[] = [];
  const bareTimes: number[] = [];
  let out: { files: number; errorCount: number; warningCount: number } | undefined;
  let bareOut: { emails: number; renders: number } | undefined;
  // interleaved, so that a change of machine load hits lint and bare alike
  for (let i = 0; i < RUNS; i++) {
    const lint = timed([cli, 'lint', dir, '--format', 'json']);
    if (lint.status !== 0 && lint.status !== 1) throw new Error(`velvet lint exited with ${lint.status}\n${lint.stderr}`);
    out = JSON.parse(lint.stdout) as typeof out;
    lintTimes.push(lint.ms);
    const one = timed([cli, 'lint', dir, '--format', 'json', '--jobs', '1']);
    if (one.stdout !== lint.stdout) throw new Error('velvet lint --jobs 1 gave another report than the default run');
    oneThread.push(one.ms);
    const off = timed([cli, 'lint', dir, '--format', 'json', ...withoutChecks]);
    if (off.status !== 0 && off.status !== 1) throw new Error(`velvet lint without the output checks exited with ${off.status}\n${off.stderr}`);
    without.push(off.ms);
    if (COMPARE) {
      const other = timed([COMPARE, 'lint', dir, '--format', 'json']);
      if (other.status !== 0 && other.status !== 1) throw new Error(`${COMPARE} lint exited with ${other.status}\n${other.stderr}`);
      compared.push(other.ms);
    }
    const b = timed(bareArgs);
    if (b.status !== 0) throw new Error(`the bare render exited with ${b.status}\n${b.stderr}`);
    bareOut = JSON.parse(b.stdout) as typeof bareOut;
    bareTimes.push(b.ms);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const list = (xs: number[]) => xs.map((t) => (t / 1000).toFixed(2)).join(', ');
  const ms = median(lintTimes);
  const msOne = median(oneThread);
  const msBare = median(bareTimes);
  console.log(`${fromSource ? 'sources through tsx' : 'built CLI (dist/)'}; ${RUNS} interleaved runs of each, medians`);
  console.log(
    `velvet lint: ${out!.files} templates (${COUNT} email folders from ${emails.length} samples), ` +
      `${out!.errorCount} errors, ${out!.warningCount} warnings`,
  );
  const least = (xs: number[]) => (Math.min(...xs) / 1000).toFixed(2);
  console.log(`  default threads: ${(ms / 1000).toFixed(2)} s per CLI run (${list(lintTimes)}; best ${least(lintTimes)})`);
  console.log(`  --jobs 1:        ${(msOne / 1000).toFixed(2)} s per CLI run (${list(oneThread)}; best ${least(oneThread)})`);
  const msWithout = median(without);
  console.log(
    `  without the checks on the rendered HTML (${OUTPUT_CHECKS.length} rules off), default threads: ${(msWithout / 1000).toFixed(2)} s ` +
      `(${list(without)}; best ${least(without)}); the checks add ${(((ms - msWithout) / msWithout) * 100).toFixed(0)}%`,
  );
  if (COMPARE) {
    const msOther = median(compared);
    console.log(`  the other build (${COMPARE}), default threads: ${(msOther / 1000).toFixed(2)} s (${list(compared)}; best ${least(compared)}); this build / that one: ${(ms / msOther).toFixed(2)}x`);
  }
  console.log(
    `bare parse + render of the same ${bareOut!.emails} emails, ${bareOut!.renders} renders, one process: ${(msBare / 1000).toFixed(2)} s ` +
      `(${list(bareTimes)}; best ${least(bareTimes)})`,
  );
  console.log(`ratio lint / bare: ${(ms / msBare).toFixed(2)}x (default threads), ${(msOne / msBare).toFixed(2)}x (--jobs 1)`);
  // on a shared machine other processes only ever add time: the best run is the least disturbed
  console.log(`load average at the end: ${loadavg().map((l) => l.toFixed(1)).join(', ')} (${availableParallelism()} cores)`);
  console.log(`targets: <= 1.5 s per run: ${ms <= 1500 ? 'met' : 'NOT met'}; <= 3x bare: ${ms / msBare <= 3 ? 'met' : 'NOT met'}`);
} finally {
  if (!KEEP) rmSync(dir, { recursive: true, force: true });
}

/** COUNT email folders, copies of the samples in turn, each template with a marker of its own. */
function makeFolders(to: string): void {
  mkdirSync(to, { recursive: true });
  cpSync(join(samples, 'velvet.config.json'), join(to, 'velvet.config.json'));
  // the images the samples load (preview.assetsDir): the image checks read their sizes
  cpSync(join(samples, 'assets'), join(to, 'assets'), { recursive: true });
  for (let i = 0; i < COUNT; i++) {
    const name = emails[i % emails.length]!;
    const email = join(to, `${String(i).padStart(4, '0')}-${name}`);
    cpSync(join(samples, name), email, { recursive: true });
    const file = join(email, 'email.html');
    writeFileSync(file, readFileSync(file, 'utf8').replace('</body>', `<!-- copy ${i} --></body>`));
  }
}
