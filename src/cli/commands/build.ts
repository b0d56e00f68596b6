import { existsSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { CliIO, Command } from '../command.js';
import { ENGINE_FLAGS, parseFlags, resolveConfig } from '../args.js';
import { catchInterrupts, InterruptedError, type Interrupts } from '../interrupt.js';
import { openOutDir, type OutDir } from '../out-dir.js';
import { atOpener, emailSources } from '../parse-errors.js';
import { displayPath, errorLine, exitCodeFor, fail, paint, progress } from '../report.js';
import { GMAIL_CLIP_BYTES, MARKER_FILE, errorPage, formatSize, indexHtml, pageName, textName, type PageEntry } from '../site.js';
import { htmlToText } from '../../preview/plain-text.js';
import { DataError, UsageError, VelvetError } from '../../errors.js';
import { findEmails, isEmailDir, listVariants, loadEmail, renderEmail, type EmailRef, type ResolvedConfig } from '../../project/index.js';

const help = `velvet build: render every fixture variant of every email into a folder

Usage: velvet build DIR --out OUT [options]

DIR is a project (its velvet.config.json says where the emails live), any folder holding email
folders, or one email folder. Each variant becomes OUT/<email>/<fixture>.html, or
OUT/<email>/<fixture>--<variant>.html when a fixture has several variants (smartsend
recipients, orders), with its plain-text version beside it (.txt, as the preview's Text tab
shows it). OUT/index.html links them all with subject, size and status; a size over
Gmail's ${formatSize(GMAIL_CLIP_BYTES)} clipping threshold is flagged. A page that fails shows its error, and
the failures are listed at the end as file:line:column message.

OUT must be missing, empty, or made by an earlier velvet build (marked by ${'.velvet-build.json'});
a rebuild removes only the pages velvet wrote before. velvet never deletes anything else.

Options:
  --out OUT          output folder (required)
  --force            write into a non-empty folder velvet did not make (nothing is deleted)
  --config FILE      velvet.config.json to use (default: the nearest one above DIR)
  --now ISO          fixed "now" for $dateTool (overrides engine.now)
  --time-zone TZ     organisation time zone, e.g. Europe/Kyiv (overrides engine.timeZone)
  --locale LOCALE    locale of $numberTool (overrides engine.locale)
  -h, --help         show this help

Examples:
  velvet build samples --out site
  velvet build emails/promo --out /tmp/promo --now 2026-12-24T08:00:00Z
  velvet build . --out public/previews --force

Ctrl+C stops the build between two pages; the marker lists the pages written, so the next
build replaces them.

Exit codes: 0 every page rendered, 1 a template failed, 2 usage error, unreadable folder,
invalid config or email.json, or an invalid fixture (when no template failed), 130 stopped by
Ctrl+C (143 by SIGTERM).
`;

/** Variant counts from which progress is shown. */
const PROGRESS_FROM = 20;

export const command: Command = {
  name: 'build',
  summary: 'render every fixture variant of every email into a folder with an index',
  help,
  async run(argv, io) {
    let out: OutDir | undefined;
    const interrupts = catchInterrupts();
    try {
      const { values: v, positionals } = parseFlags({
        args: argv,
        allowPositionals: true,
        options: { ...ENGINE_FLAGS, out: { type: 'string' }, force: { type: 'boolean' } },
      }, 'build');
      if (positionals.length > 1) throw new UsageError('give one DIR (see --help)');
      if (!v.out) throw new UsageError('--out OUT is required (see --help)');
      const dir = resolve(io.cwd, positionals[0] ?? '.');
      if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new DataError('cannot read: no such folder', { file: dir });
      const config = resolveConfig(io.cwd, dir, v);
      const emails = emailsIn(dir, config);
      if (emails.length === 0) throw new DataError('no email folders (folders with an email.html) here', { file: dir });
      // every email of the project is off limits, not only the ones being built
      const all = new Set([...emails.map((e) => e.dir), ...(existsSync(config.emails) ? findEmails(config.emails).map((e) => e.dir) : [])]);
      const sources = { base: dir, emails: [...all], display: (p: string) => displayPath(io.cwd, p) };
      out = openOutDir(resolve(io.cwd, v.out), sources, v.force ?? false, v.out);
      const entries = await buildAll(emails, config, out, io, interrupts);
      out.write('index.html', indexHtml(entries, `velvet build: ${basename(dir)}`));
      out.finish();
      return summary(entries, out, io);
    } catch (err) {
      const written = out?.abort();
      if (err instanceof InterruptedError) {
        const where = out ? displayPath(io.cwd, out.root) : '';
        io.stderr(`\nvelvet build: interrupted: ${written ?? 0} page${written === 1 ? '' : 's'} written to ${where}, listed in its ${MARKER_FILE}; the next build replaces them\n`);
        return err.code;
      }
      return fail(io, 'build', err);
    } finally {
      interrupts.close();
    }
  },
};

/** The email folders to build: DIR itself, the project's emails folder, or those below DIR. */
function emailsIn(dir: string, config: ResolvedConfig): EmailRef[] {
  if (isEmailDir(dir)) return [{ name: basename(dir), dir }];
  const base = dir === config.root ? config.emails : dir;
  if (!existsSync(base)) throw new DataError('the emails folder given in the config does not exist', { file: config.file ?? base });
  return findEmails(base);
}

/** Per entry, the error behind a failure (for the exit code); kept beside the serialisable entry. */
const causes = new WeakMap<PageEntry, unknown>();

async function buildAll(emails: EmailRef[], config: ResolvedConfig, out: OutDir, io: CliIO, interrupts: Interrupts): Promise<PageEntry[]> {
  const entries: PageEntry[] = [];
  const failed = (entry: PageEntry, err: unknown): void => {
    entry.error = errorLine(err, io.cwd);
    causes.set(entry, err);
    if (entry.file) out.write(entry.file, errorPage(entry, entry.error + (err instanceof VelvetError && err.frame ? `\n\n${err.frame}` : '')));
  };
  const loaded = [];
  for (const ref of emails) {
    await interrupts.check();
    try {
      loaded.push({ ref, email: await loadEmail(ref.dir, { name: ref.name, root: config.root }) });
    } catch (err) {
      const entry: PageEntry = { email: ref.name, fixture: undefined, variant: undefined, file: undefined };
      failed(entry, err);
      entries.push(entry);
    }
  }
  const total = loaded.reduce((n, l) => n + Math.max(1, listVariants(l.email).length), 0);
  const bar = total >= PROGRESS_FROM ? progress(io, 'rendering') : undefined;
  let done = 0;
  for (const { ref, email } of loaded) {
    const taken = new Set<string>(['index.html']);
    for (const err of email.fixtureErrors) {
      const entry: PageEntry = { email: ref.name, fixture: err.file ? basename(err.file, '.json') : undefined, variant: undefined, file: undefined };
      failed(entry, err);
      entries.push(entry);
    }
    const variants = listVariants(email);
    const jobs = variants.length > 0 || email.fixtureErrors.length > 0 ? variants : [{ fixture: undefined, variant: undefined }];
    for (const { fixture, variant } of jobs) {
      await interrupts.check();
      const several = (fixture?.variants.length ?? 0) > 1;
      const page = pageName(fixture?.name ?? 'empty-payload', several ? variant?.name : undefined, taken);
      const entry: PageEntry = {
        email: ref.name, fixture: fixture?.name, variant: several ? variant?.name : undefined,
        description: fixture?.description, file: `${ref.name}/${page}`,
      };
      try {
        const r = renderEmail(email, { fixture, variant, config });
        Object.assign(entry, { subject: r.subject, sizeBytes: r.sizeBytes, unknownMergeTags: r.unknownMergeTags.length });
        out.write(`${ref.name}/${page}`, r.html);
        entry.textFile = `${ref.name}/${textName(page)}`;
        out.write(entry.textFile, `${htmlToText(r.html)}\n`);
      } catch (err) {
        failed(entry, atOpener(err, emailSources(email)));
      }
      entries.push(entry);
      bar?.tick(++done, total);
    }
  }
  bar?.done();
  return entries;
}

/** The summary on stderr, the index path on stdout, and the exit code. */
function summary(entries: PageEntry[], out: OutDir, io: CliIO): number {
  const p = paint(io);
  const bad = entries.filter((e) => e.error !== undefined);
  const pages = entries.filter((e) => e.file !== undefined).length;
  const clipped = entries.filter((e) => e.error === undefined && (e.sizeBytes ?? 0) > GMAIL_CLIP_BYTES);
  const where = displayPath(io.cwd, out.root);
  const parts = [`${pages} page${pages === 1 ? '' : 's'} written to ${where}`, `${bad.length} failed`];
  if (clipped.length) parts.push(`${clipped.length} over ${formatSize(GMAIL_CLIP_BYTES)} (clipped by Gmail)`);
  let text = '';
  if (bad.length) {
    // one template error fails every variant of its email: list each message once
    const seen = new Map<string, string[]>();
    for (const e of bad) {
      const list = seen.get(e.error ?? '') ?? [];
      list.push([e.email, e.fixture, e.variant].filter(Boolean).join(' / '));
      seen.set(e.error ?? '', list);
    }
    text += `${p.red('Failures:')}\n`;
    for (const [message, where] of seen) text += `  ${message}\n    in ${where.join(', ')}\n`;
  }
  for (const e of clipped) text += `${p.yellow('warning')} ${e.file} is ${formatSize(e.sizeBytes ?? 0)}: Gmail clips messages above ${formatSize(GMAIL_CLIP_BYTES)}\n`;
  io.stderr(`${text}${parts.join(', ')}\n`);
  io.stdout(`${displayPath(io.cwd, `${out.root}/index.html`)}\n`);
  const codes = bad.map((e) => exitCodeFor(causes.get(e)));
  return codes.includes(1) ? 1 : codes.includes(2) ? 2 : 0;
}
