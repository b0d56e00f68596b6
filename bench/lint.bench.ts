/**
 * Lint benchmark: copies the samples into 1,000 email folders in a temp dir (each template gets a
 * unique marker so nothing is shared by accident) and times one `velvet lint` CLI run over them.
 * It runs the built CLI (dist/, as an installed velvet does), building it first, so the time is
 * not that of compiling TypeScript on the fly; `--source` times the tsx-run sources instead.
 *   npm run bench:lint              target: under 3 s on a 2-core machine
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const samples = join(root, 'samples');
const COUNT = Number(process.env['LINT_BENCH_COUNT'] ?? 1000);

const emails = readdirSync(samples).filter((n) => statSync(join(samples, n)).isDirectory());
const dir = mkdtempSync(join(tmpdir(), 'velvet-lint-bench-'));
try {
  cpSync(join(samples, 'velvet.config.json'), join(dir, 'velvet.config.json'));
  for (let i = 0; i < COUNT; i++) {
    const name = emails[i % emails.length]!;
    const to = join(dir, `${String(i).padStart(4, '0')}-${name}`);
    cpSync(join(samples, name), to, { recursive: true });
    const file = join(to, 'email.html');
    writeFileSync(file, readFileSync(file, 'utf8').replace('</body>', `<!-- copy ${i} --></body>`));
  }
  const fromSource = process.argv.includes('--source');
  if (!fromSource) {
    const build = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json')], { encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`build failed:\n${build.stdout}${build.stderr}`);
  }
  const cli = fromSource ? join(root, 'bin', 'velvet.js') : join(root, 'dist', 'cli', 'main.js');
  const args = [cli, 'lint', dir, '--format', 'json'];
  // Each run is a whole CLI run (start-up included); the median of three evens out the noise of
  // a shared machine.
  const times: number[] = [];
  let out: { files: number; errorCount: number; warningCount: number } | undefined;
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    const run = spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 });
    times.push(performance.now() - start);
    if (run.status !== 0 && run.status !== 1) {
      console.error(run.stderr);
      throw new Error(`velvet lint exited with ${run.status}`);
    }
    out = JSON.parse(run.stdout) as { files: number; errorCount: number; warningCount: number };
  }
  const ms = [...times].sort((a, b) => a - b)[1]!;
  console.log(`${fromSource ? 'sources through tsx' : 'built CLI (dist/)'}`);
  console.log(
    `velvet lint: ${out!.files} templates (${COUNT} email folders from ${emails.length} samples): ` +
      `${(ms / 1000).toFixed(2)} s wall time per CLI run (median of ${times.map((t) => (t / 1000).toFixed(2)).join(', ')})`,
  );
  console.log(`  ${out!.errorCount} errors, ${out!.warningCount} warnings; target < 3 s: ${ms < 3000 ? 'met' : 'NOT met'}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
