import type { Command } from '../command.js';
import { VelvetError } from '../../errors.js';
import { closest, parseFlags } from '../flags.js';
import { errorLine, errorReport } from '../report.js';
import type { RuleMeta, RuleSetting } from '../../lint/index.js';
import { defaultJobs, lightOptimizer, mayLintMany, startWorkers } from '../../lint/pool.js';
import { REPORTERS, countBySeverity, isFormat } from '../../lint/reporters/index.js';
import { displayPath } from '../../lint/reporters/paths.js';

/**
 * The linter, loaded when a command needs it: worker threads are started first, so that they
 * load it at the same time as this thread (see pool.ts).
 */
const linter = () => import('../../lint/index.js');

const help = (rules: readonly RuleMeta[]) => `velvet lint: check Velocity email templates, their fixtures and their rendered output

Usage: velvet lint [PATHS...] [options]

PATHS are email folders (holding email.html), project folders (every email below them) or bare
template files. Default: the current folder.

Options:
  --format NAME         stylish (default), json, sarif (SARIF 2.1.0), github (workflow commands)
                        or gitlab (GitLab Code Quality JSON)
  --max-warnings N      exit 1 when there are more than N warnings (infos do not count;
                        default: no limit)
  --rule ID=SETTING     off, info, warn or error for one rule; repeatable; wins over lint.rules in
                        velvet.config.json, which wins over each rule's default
  --coverage            report the #if/#elseif/#else branches and #foreach outcomes (ran, skipped
                        as empty) that no fixture exercised, with positions
  --min-coverage P      exit 1 when a template's coverage is below P percent (implies --coverage)
  --jobs N              threads to lint on (default: one per core, at most 4; 1 lints on the
                        main thread only)
  --check-links         also send a HEAD request (GET when HEAD is refused with 405) to every
                        http(s) link and image URL of the rendered output, each URL once, 8 at a
                        time; failures are output-broken-link warnings. Off by default: without
                        it lint never uses the network
  --link-timeout MS     time allowed per URL with --check-links (default 10000)
  --infos               list infos (partial support in some email clients) too; stylish, github
                        and gitlab reports only count them by default, json and sarif hold all
  --list-rules          print the rules with their default severity and exit
  -h, --help            show this help

Inline switches (Velocity comments, never in the output):
  ## velvet-disable-next-line rule-id[, rule-id]
  ## velvet-disable rule-id        ... ## velvet-enable rule-id

Rules (docs/rules/<id>.md):
${rules.map((r) => `  ${r.id.padEnd(24)}${r.defaultSeverity.padEnd(9)}${r.description}`).join('\n')}

Exit codes: 0 no errors (and warnings within --max-warnings, coverage at least --min-coverage),
1 errors, too many warnings or too little coverage, 2 usage or configuration error, or no
emails found in PATHS.
`;

export const command: Command = {
  name: 'lint',
  summary: 'check templates, fixtures and rendered output (stylish, json, sarif, github, gitlab)',
  help: async () => help((await linter()).RULES.map((r) => r.meta)),
  async run(argv, io) {
    let v: ReturnType<typeof parse>['values'];
    let positionals: string[];
    try {
      ({ values: v, positionals } = parse(argv));
    } catch (err) {
      io.stderr(`velvet lint: ${(err as Error).message}\n`);
      return 2;
    }
    if (v['list-rules']) {
      const { RULES } = await linter();
      io.stdout(RULES.map((r) => `${r.meta.id}\t${r.meta.defaultSeverity}\t${r.meta.description}\n`).join(''));
      return 0;
    }
    const format = v.format ?? 'stylish';
    if (!isFormat(format)) return usage(io, `--format is stylish, json, sarif, github or gitlab, got '${format}'`);
    const maxWarnings = v['max-warnings'] === undefined ? undefined : Number(v['max-warnings']);
    if (maxWarnings !== undefined && (!Number.isInteger(maxWarnings) || maxWarnings < 0)) {
      return usage(io, `--max-warnings takes a whole number, got '${v['max-warnings']}'`);
    }
    const minCoverage = v['min-coverage'] === undefined ? undefined : Number(v['min-coverage']);
    if (minCoverage !== undefined && (!Number.isFinite(minCoverage) || minCoverage < 0 || minCoverage > 100)) {
      return usage(io, `--min-coverage takes a percentage from 0 to 100, got '${v['min-coverage']}'`);
    }
    const rules: Record<string, RuleSetting> = {};
    for (const r of v.rule ?? []) {
      const m = /^([\w-]+)=(off|info|warn|error)$/.exec(r);
      if (!m) return usage(io, `--rule takes ID=off|info|warn|error, got '${r}'`);
      rules[m[1]!] = m[2] as RuleSetting;
    }
    const asked = v.jobs === undefined ? defaultJobs() : Number(v.jobs);
    if (!Number.isInteger(asked) || asked < 1 || asked > 64) return usage(io, `--jobs takes a whole number from 1 to 64, got '${v.jobs}'`);
    const timeoutMs = v['link-timeout'] === undefined ? undefined : Number(v['link-timeout']);
    if (timeoutMs !== undefined && (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > 600_000)) {
      return usage(io, `--link-timeout takes milliseconds from 1 to 600000, got '${v['link-timeout']}'`);
    }
    const checkLinks = v['check-links'] ? { timeoutMs } : undefined;
    // one thread checks each URL once; the requests, not the CPU, take the time then
    const jobs = checkLinks ? 1 : asked;
    const coverage = Boolean(v.coverage) || minCoverage !== undefined;
    // a short batch run: cheaper optimizing compiles for this thread and every worker
    lightOptimizer();
    // worker threads start before this thread loads the linter and finds the targets: each
    // thread loads it at the same time (on two cores the load was 0.3 s before any work)
    const pool = jobs > 1 && mayLintMany(positionals, io.cwd) ? startWorkers(jobs - 1) : undefined;
    try {
      const { RULES, findTargets, lintRefs, ruleById } = await linter();
      for (const id of Object.keys(rules)) if (!ruleById(id)) return usage(io, `unknown rule '${id}'${didYouMean(id, RULES)} (velvet lint --list-rules)`);
      const targets = findTargets(positionals, io.cwd);
      if (targets.length === 0) {
        // a mistyped path in CI must not pass as "0 templates, no problems"
        const where = positionals.length > 0 ? positionals.join(', ') : '.';
        return usage(io, `no emails found in ${where} (an email is a folder holding email.html)`);
      }
      for (const id of new Set(targets.flatMap((t) => Object.keys(t.config.lint.rules)))) {
        if (!ruleById(id)) io.stderr(`velvet lint: the config names an unknown rule '${id}'${didYouMean(id, RULES)}\n`);
      }
      // only the JSON report holds the element index of findings on the output (output.element)
      const results = await lintRefs(targets, { rules, coverage, checkLinks, elementIndex: format === 'json' }, jobs, { pool });
      const diagnostics = results.flatMap((r) => r.diagnostics);
      const reports = results.flatMap((r) => (r.coverage ? [r.coverage] : []));
      // the reports people read (a terminal, annotations on a pull request) list problems; infos
      // are counted there and listed with --infos; the machine formats always hold everything
      const listInfos = Boolean(v.infos) || format === 'json' || format === 'sarif';
      const listed = listInfos ? diagnostics : diagnostics.filter((d) => d.severity !== 'info');
      io.stdout(
        REPORTERS[format](
          { diagnostics: listed, hiddenInfos: diagnostics.length - listed.length, coverage: coverage ? reports : undefined, cwd: io.cwd, rules: RULES.map((r) => r.meta), files: results.length },
          { color: io.color },
        ),
      );
      // infos are shown and counted apart: they never fail a run, --max-warnings ignores them
      const { errors, warnings } = countBySeverity(diagnostics);
      let code = errors > 0 ? 1 : 0;
      if (maxWarnings !== undefined && warnings > maxWarnings) {
        io.stderr(`velvet lint: ${warnings} warnings, more than --max-warnings ${maxWarnings}\n`);
        code = 1;
      }
      // the exact share decides; the rounded percentage is what is shown
      const low = minCoverage === undefined ? [] : reports.filter((c) => c.covered * 100 < minCoverage * c.total);
      for (const c of low) {
        io.stderr(`velvet lint: coverage of ${displayPath(c.file, io.cwd)} is ${c.percent}% (${c.covered}/${c.total}), below --min-coverage ${minCoverage}\n`);
      }
      if (low.length > 0) code = 1;
      return code;
    } catch (err) {
      if (err instanceof VelvetError) {
        // a position: file:line:column and the code frame, as render and build print them
        io.stderr(err.line !== undefined ? errorReport(err, io, 'lint') : `velvet lint: ${errorLine(err, io.cwd)}\n`);
        return 2;
      }
      throw err;
    } finally {
      pool?.close();
    }
  },
};

function parse(argv: string[]) {
  return parseFlags({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string' },
      'max-warnings': { type: 'string' },
      rule: { type: 'string', multiple: true },
      coverage: { type: 'boolean' },
      'min-coverage': { type: 'string' },
      'list-rules': { type: 'boolean' },
      jobs: { type: 'string' },
      'check-links': { type: 'boolean' },
      'link-timeout': { type: 'string' },
      infos: { type: 'boolean' },
    },
  }, 'lint');
}

/** `; did you mean ID?` for the rule id nearest to a misspelt one, or nothing. */
function didYouMean(id: string, rules: readonly { meta: RuleMeta }[]): string {
  const near = closest(id, rules.map((r) => r.meta.id));
  return near ? `; did you mean ${near}?` : '';
}

function usage(io: { stderr: (t: string) => void }, message: string): number {
  io.stderr(`velvet lint: ${message}\n`);
  return 2;
}
