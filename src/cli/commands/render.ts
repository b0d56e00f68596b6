import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { CliIO, Command } from '../command.js';
import { ENGINE_FLAGS, parseFlags, resolveConfig } from '../args.js';
import { notOneEmail } from '../email-folder.js';
import { atOpener, emailSources } from '../parse-errors.js';
import { readStdin, readText, type CliIOWithStdin } from '../input.js';
import { displayPath, errorLine, fail, paint } from '../report.js';
import { GMAIL_CLIP_BYTES, formatSize } from '../site.js';
import { compile } from '../../engine/index.js';
import { JMap } from '../../engine/values.js';
import { DataError, UsageError } from '../../errors.js';
import { parseFixture } from '../../fixtures/load.js';
import { FIXTURE_FORMATS, type Fixture, type FixtureFormat, type FixtureVariant } from '../../fixtures/types.js';
import { enclosingEmail, isEmailDir, loadEmail, renderEmail, type Email, type RenderedEmail } from '../../project/index.js';
import { fixtureNameFrom } from '../../project/variants.js';

const help = `velvet render: render one email (or a bare template) and print it

Usage: velvet render EMAIL_DIR [--fixture NAME] [--variant NAME] [options]
       velvet render TEMPLATE [--data FILE|-] [options]

An email folder (email.html, email.json, data/*.json) prints the rendered subject and preheader
as header lines, a blank line, then the body, with one fixture variant. A bare template file
prints exactly the rendered text (no newline added), so it can be diffed against Velocity's.

Options:
  --fixture NAME     fixture file of the email, without .json (default: the first in email.json's
                     "fixtures", else "default", else the first by name)
  --variant NAME     variant of the fixture: a smartsend locator, an order id (default: the first)
  --body-only        print only the rendered body
  --json             print {email, fixture, variant, subject, preheader, html, sizeBytes,
                     unknownMergeTags} as JSON
  --data FILE        payload of a bare template: any fixture format or a plain JSON object;
                     '-' reads stdin (default: an empty payload {})
  --format FORMAT    read --data as this format instead of detecting it
                     (${FIXTURE_FORMATS.join(', ')})
  --config FILE      velvet.config.json to use (default: the nearest one above the input)
  --now ISO          fixed "now" for $dateTool (overrides engine.now)
  --time-zone TZ     organisation time zone, e.g. Europe/Kyiv (overrides engine.timeZone)
  --locale LOCALE    locale of $numberTool (overrides engine.locale)
  -h, --help         show this help

Examples:
  velvet render samples/welcome
  velvet render samples/smartsend-recommendations --fixture returning-customer --body-only > out.html
  velvet render samples/birthday --now 2026-05-02T08:00:00Z --time-zone Europe/Kyiv --json
  velvet render template.vm --data payload.json
  cat payload.json | velvet render template.vm --data -

Exit codes: 0 rendered, 1 the template failed (file:line:column and a code frame on stderr),
2 usage error, unreadable file, invalid config, JSON or fixture (with file:line:column).
`;

export const command: Command = {
  name: 'render',
  summary: 'render an email folder with a fixture, or a bare template with a payload',
  help,
  async run(argv, io) {
    try {
      const { values: v, positionals } = parseFlags({
        args: argv,
        allowPositionals: true,
        options: {
          ...ENGINE_FLAGS,
          fixture: { type: 'string' }, variant: { type: 'string' }, data: { type: 'string' },
          format: { type: 'string' }, 'body-only': { type: 'boolean' }, json: { type: 'boolean' },
        },
      }, 'render');
      if (positionals.length !== 1) throw new UsageError('give exactly one EMAIL_DIR or TEMPLATE (see --help)');
      const given = positionals[0] ?? '';
      const target = resolve(io.cwd, given);
      if (!existsSync(target)) throw new DataError('cannot read: no such file or folder', { file: target });
      const format = formatFlag(v.format);

      if (statSync(target).isDirectory()) {
        for (const flag of ['data', 'format'] as const) {
          if (v[flag] !== undefined) throw new UsageError(`--${flag} is for a bare template; an email folder renders its own fixtures`);
        }
        if (v.json && v['body-only']) throw new UsageError('--json and --body-only exclude each other');
        const config = resolveConfig(io.cwd, target, v);
        if (!isEmailDir(target)) notOneEmail(target, given, io);
        // a folder inside an email (its data/): that email
        const dir = isEmailDir(target) ? target : enclosingEmail(target, config.file === undefined ? undefined : config.root) ?? target;
        const email = await loadEmail(dir, { root: config.file === undefined && dir !== target ? dir : config.root });
        const { fixture, variant } = chooseVariant(email, v.fixture, v.variant, io);
        let r: RenderedEmail;
        try {
          r = renderEmail(email, { fixture, variant, config });
        } catch (err) {
          throw atOpener(err, emailSources(email));
        }
        warnings(r, io);
        io.stdout(v.json ? asJson(r) : v['body-only'] ? r.html : asText(r));
        return 0;
      }

      for (const flag of ['fixture', 'json', 'body-only'] as const) {
        if (v[flag] !== undefined) throw new UsageError(`--${flag} is for an email folder; ${given} is a file`);
      }
      if (v.data === undefined && (v.variant !== undefined || v.format !== undefined)) {
        throw new UsageError(`--${v.variant !== undefined ? 'variant' : 'format'} needs --data`);
      }
      const source = readText(target);
      let template: ReturnType<typeof compile>;
      try {
        template = compile(source, { name: target });
      } catch (err) {
        throw atOpener(err, [{ name: target, source }]);
      }
      const payload = v.data === undefined ? new JMap() : await payloadOf(v.data, v.variant, format, io);
      const config = resolveConfig(io.cwd, dirname(target), v);
      const { now, timeZone, locale } = config.engine;
      io.stdout(template.render(payload, { now, timeZone, locale }).output);
      return 0;
    } catch (err) {
      return fail(io, 'render', err);
    }
  },
};

function formatFlag(value: string | undefined): FixtureFormat | undefined {
  if (value === undefined) return undefined;
  if (!(FIXTURE_FORMATS as readonly string[]).includes(value)) {
    throw new UsageError(`--format is one of ${FIXTURE_FORMATS.join(', ')}, got '${value}'`);
  }
  return value as FixtureFormat;
}

/** The payload of a bare template: a fixture of any format (or plain JSON) from a file or stdin. */
async function payloadOf(data: string, want: string | undefined, format: FixtureFormat | undefined, io: CliIOWithStdin): Promise<JMap> {
  const file = data === '-' ? '<stdin>' : resolve(io.cwd, data);
  const text = data === '-' ? await readStdin(io) : readText(file);
  const fixture = parseFixture(text, file, { format });
  return pick('variant', fixture.variants, want, `in ${displayPath(io.cwd, file)}`, io).payload;
}

/** The fixture and variant to render, saying on stderr which were chosen when there was a choice. */
function chooseVariant(email: Email, typed: string | undefined, variantName: string | undefined, io: CliIO) {
  const fixtureName = typed === undefined ? undefined : fixtureNameFrom(typed, email.dir, [io.cwd]);
  const broken = (name: string) => email.fixtureErrors.find((e) => e.file !== undefined && fixtureNameOf(e.file) === name);
  if (fixtureName !== undefined) {
    const err = broken(fixtureName);
    if (err) throw err;
  } else {
    // with no valid fixture the first invalid one is the error (with its frame), printed once
    const [first, ...rest] = email.fixtureErrors;
    const allBroken = email.fixtures.length === 0 && first !== undefined;
    const skipped = allBroken ? rest : email.fixtureErrors;
    for (const e of skipped) io.stderr(`${paint(io).yellow('warning')} ${allBroken ? 'also invalid' : 'skipped an invalid fixture'}: ${errorLine(e, io.cwd)}\n`);
    if (allBroken) throw first;
    if (email.fixtures.length === 0) {
      io.stderr(`note: ${email.name} has no fixtures in data/; rendering with an empty payload\n`);
      if (variantName !== undefined) throw new UsageError('--variant needs a fixture, and this email has none');
      return { fixture: undefined, variant: undefined };
    }
  }
  const fixture: Fixture = pick('fixture', email.fixtures, fixtureName, `for email '${email.name}'`, io);
  const variant: FixtureVariant = pick('variant', fixture.variants, variantName, `in fixture '${fixture.name}'`, io);
  return { fixture, variant };
}

/** The named item, or the first one with a note listing the others. */
function pick<T extends { name: string }>(kind: string, items: readonly T[], want: string | undefined, where: string, io: CliIO): T {
  const names = items.map((i) => i.name);
  if (want !== undefined) {
    const found = items.find((i) => i.name === want);
    if (found) return found;
    throw new DataError(`no ${kind} '${want}' ${where}${names.length ? ` (available: ${names.join(', ')})` : ''}`);
  }
  const first = items[0];
  if (!first) throw new DataError(`no ${kind} ${where}`);
  if (items.length > 1) {
    io.stderr(`note: using ${kind} '${first.name}' ${where}; others: ${names.slice(1).join(', ')} (choose with --${kind} NAME)\n`);
  }
  return first;
}

function fixtureNameOf(file: string): string {
  return file.replace(/^.*[\\/]/, '').replace(/\.json$/, '');
}

function warnings(r: RenderedEmail, io: CliIO): void {
  const warn = paint(io).yellow('warning');
  for (const u of r.unknownMergeTags) io.stderr(`${warn} unknown merge tag ${u.tag} in the ${u.part}, left as written\n`);
  if (r.sizeBytes > GMAIL_CLIP_BYTES) {
    io.stderr(`${warn} the body is ${formatSize(r.sizeBytes)}: Gmail clips messages above ${formatSize(GMAIL_CLIP_BYTES)}\n`);
  }
}

function asText(r: RenderedEmail): string {
  const head =
    (r.subject !== undefined ? `Subject: ${r.subject}\n` : '') + (r.preheader !== undefined ? `Preheader: ${r.preheader}\n` : '');
  const body = r.html.endsWith('\n') ? r.html : `${r.html}\n`;
  return head ? `${head}\n${body}` : body;
}

function asJson(r: RenderedEmail): string {
  const out = {
    email: r.email.name,
    fixture: r.fixture?.name ?? null,
    variant: r.variant?.name ?? null,
    subject: r.subject ?? null,
    preheader: r.preheader ?? null,
    html: r.html,
    sizeBytes: r.sizeBytes,
    unknownMergeTags: r.unknownMergeTags.map(({ tag, name, part }) => ({ tag, name, part })),
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}
