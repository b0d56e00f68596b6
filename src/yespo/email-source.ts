/**
 * The one place where the Yespo commands meet email folders, fixtures and the renderer
 * (src/project, src/fixtures). Everything else in src/yespo works on plain data, so this adapter
 * is all that changes when those modules change. Tests can swap the source with
 * `setEmailSource`.
 */
import { defaultSendChecks } from './checks.js';
import type { SendChecks } from './safety.js';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { DataError } from '../errors.js';
import { detectFormat } from '../fixtures/detect.js';
import { decodeText } from '../fixtures/text.js';
import type { FixtureFormat } from '../fixtures/types.js';
import { parseJson } from '../json/parse.js';
import { findConfig, loadConfig, type ResolvedConfig } from '../project/config.js';
import { loadEmail } from '../project/email.js';
import { fixtureNameFrom } from '../project/variants.js';
import { DEFAULT_API_URL } from './client.js';
import type { SendConfig } from './settings.js';
import type { RenderedEmail } from './test-send.js';

export interface EmailMetaForSend {
  subject?: string | undefined;
  messageId?: number | undefined;
  from?: string | undefined;
}

/** One email with one chosen fixture variant, ready to send or render. */
export interface PreparedEmail {
  name: string;
  dir: string;
  meta: EmailMetaForSend;
  /** Chosen fixture and variant names ('' when the email has no fixtures). */
  fixture: string;
  variant: string;
  /** The variant's payload as a plain JSON object (sent as jsonParam in data mode). */
  json: Record<string, unknown>;
  /** Renders subject, preheader and HTML locally for this variant. */
  render(): Promise<RenderedEmail>;
}

export interface EmailSource {
  /** The `send` section of the project config that governs `dir`, if there is a config. */
  loadSendConfig(dir: string): Promise<SendConfig | undefined>;
  prepareEmail(dir: string, choice: { fixture?: string | undefined; variant?: string | undefined }): Promise<PreparedEmail>;
  /** Checks beyond the leftover-code rail (the linter, for real email folders). */
  checks?(dir: string): SendChecks | undefined;
}

/** Finds velvet.config.json in `dir` or the nearest parent folder. */
export async function findConfigFile(dir: string): Promise<string | undefined> {
  return findConfig(dir);
}

function projectConfig(dir: string): ResolvedConfig | undefined {
  const file = findConfig(dir);
  return file ? loadConfig(file) : undefined;
}

function pick<T extends { name: string }>(items: readonly T[], want: string | undefined, what: string, email: string): T | undefined {
  if (want === undefined) return items[0];
  const found = items.find((i) => i.name === want);
  if (found) return found;
  const list = items.length ? ` (available: ${items.map((i) => i.name).join(', ')})` : '';
  throw new DataError(`no ${what} '${want}' in email '${email}'${list}`);
}

const defaultSource: EmailSource = {
  checks: (dir) => defaultSendChecks(dir),
  async loadSendConfig(dir) {
    const send = projectConfig(dir)?.send;
    if (!send) return undefined;
    return {
      allow: [...send.allow],
      carrierMessageId: send.carrierMessageId,
      subjectPrefix: send.subjectPrefix,
      // The resolved config always holds a URL; only a non-default one counts as configured.
      apiUrl: send.apiUrl === DEFAULT_API_URL ? undefined : send.apiUrl,
    };
  },
  async prepareEmail(dir, given) {
    const email = await loadEmail(dir);
    // `--fixture a.json` and `--fixture data/a.json` name the fixture `a`
    const choice = { ...given, fixture: given.fixture === undefined ? undefined : fixtureNameFrom(given.fixture, email.dir, [process.cwd()]) };
    const config = projectConfig(dir);
    // A fixture file that failed to load is reported with its own located error.
    const broken = email.fixtureErrors.find((e) => choice.fixture !== undefined && e.file !== undefined && basename(e.file, '.json') === choice.fixture);
    if (broken) throw broken;
    if (choice.fixture === undefined && email.fixtures.length === 0 && email.fixtureErrors[0]) throw email.fixtureErrors[0];
    const fixture = pick(email.fixtures, choice.fixture, 'fixture', email.name);
    const variant = fixture ? pick(fixture.variants, choice.variant, `variant (of fixture ${fixture.name})`, email.name) : undefined;
    if (!fixture && choice.variant !== undefined) throw new DataError(`email '${email.name}' has no fixtures, so no variant '${choice.variant}'`);
    return {
      name: email.name,
      dir: email.dir,
      meta: { subject: email.meta.subject, messageId: email.meta.messageId, from: email.meta.from },
      fixture: fixture?.name ?? '',
      variant: variant?.name ?? '',
      json: variant?.json ?? {},
      async render() {
        // Loaded on demand: doctor, event and dry runs of data mode do not need the engine.
        const { renderEmail } = await import('../project/render.js');
        const r = renderEmail(email, { fixture, variant, config });
        return { subject: r.subject ?? '', preheader: r.preheader, html: r.html };
      },
    };
  },
};

let current: EmailSource = defaultSource;

export function emailSource(): EmailSource {
  return current;
}

/** Replaces the source (tests); returns a function that restores the previous one. */
export function setEmailSource(source: EmailSource): () => void {
  const previous = current;
  current = source;
  return () => {
    current = previous;
  };
}

/**
 * Reads a Generate event fixture: the request body exactly as Yespo takes it. The file text is
 * sent unchanged (so `258.0` stays `258.0`) unless it holds velvet's own keys (`$schema`,
 * `$velvet`), which are not part of the body; then the body is serialised without them.
 */
export async function readEventFixture(
  file: string,
  shown = file,
): Promise<{ body: Record<string, unknown>; text: string; format: FixtureFormat; declared: boolean }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder, not a file' : (err as Error).message;
    throw new DataError(`cannot read: ${why}`, { file: shown }, { cause: err });
  }
  const raw = decodeText(bytes, shown);
  // located errors: file:line:column and a code frame
  const body = parseJson(raw, { file: shown }).value;
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    throw new DataError('must hold a Generate event body (a JSON object with eventTypeKey, keyValue, params)', { file: shown });
  }
  const obj = body as Record<string, unknown>;
  const format = detectFormat(obj);
  // `"$velvet": {"format": ...}` (velvet fixture --format event-v2 writes it) decides the format
  const meta = obj['$velvet'];
  const declared = meta !== null && typeof meta === 'object' && (meta as Record<string, unknown>)['format'] === format;
  if (!('$schema' in obj) && !('$velvet' in obj)) return { body: obj, text: raw.trim(), format, declared };
  const { $schema, $velvet, ...rest } = obj;
  void $schema;
  void $velvet;
  return { body: rest, text: JSON.stringify(rest), format, declared };
}
