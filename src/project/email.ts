/**
 * One email folder: `email.html` (body template), optional `email.json` (meta) and `data/*.json`
 * fixtures. A broken fixture is collected in `fixtureErrors` so the others still preview.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { ConfigError, DataError } from '../errors.js';
import { loadFixture } from '../fixtures/load.js';
import type { Fixture, FixtureOptions } from '../fixtures/types.js';
import { loadEmailMeta, type EmailMeta } from './meta.js';

export const TEMPLATE_FILE = 'email.html';
export const META_FILE = 'email.json';
export const DATA_DIR = 'data';

export interface Email {
  name: string;
  dir: string;
  templateFile: string;
  /** Body template text. */
  source: string;
  subjectSource?: string | undefined;
  preheaderSource?: string | undefined;
  /** email.json, when present. */
  metaFile?: string | undefined;
  meta: EmailMeta;
  /** Fixtures in listing order (see `orderFixtures`); the first is the one shown and rendered by default. */
  fixtures: Fixture[];
  /** Fixtures that failed to load, in file-name order. */
  fixtureErrors: DataError[];
}

export interface LoadEmailOptions {
  /** Name to show (default: the folder name). */
  name?: string | undefined;
  fixtures?: FixtureOptions | undefined;
}

/** True when `dir` holds an email.html. */
export function isEmailDir(dir: string): boolean {
  return existsSync(join(dir, TEMPLATE_FILE));
}

/** Load an email folder with its meta and fixtures. */
export async function loadEmail(dir: string, options: LoadEmailOptions = {}): Promise<Email> {
  const abs = resolve(dir);
  const templateFile = join(abs, TEMPLATE_FILE);
  let source: string;
  try {
    source = readFileSync(templateFile, 'utf8');
  } catch (e) {
    throw new ConfigError(`Not an email folder: ${TEMPLATE_FILE} cannot be read`, { file: abs }, { cause: e });
  }
  const metaPath = join(abs, META_FILE);
  const metaFile = existsSync(metaPath) ? metaPath : undefined;
  const meta = loadEmailMeta(metaPath);
  const fixtures: Fixture[] = [];
  const fixtureErrors: DataError[] = [];
  const results = await Promise.allSettled(fixtureFiles(abs).map((f) => loadFixture(f, options.fixtures)));
  for (const r of results) {
    if (r.status === 'fulfilled') fixtures.push(r.value);
    else if (r.reason instanceof DataError) fixtureErrors.push(r.reason);
    else throw r.reason;
  }
  return {
    name: options.name ?? basename(abs),
    dir: abs,
    templateFile,
    source,
    subjectSource: meta.subject,
    preheaderSource: meta.preheader,
    metaFile,
    meta,
    fixtures: orderFixtures(fixtures, meta.fixtures),
    fixtureErrors,
  };
}

/** `data/*.json`, sorted by name so the variant order is stable across machines. */
export function fixtureFiles(emailDir: string): string[] {
  const dataDir = join(emailDir, DATA_DIR);
  if (!existsSync(dataDir)) return [];
  return readdirSync(dataDir, { withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith('.json') && !d.name.startsWith('.'))
    .map((d) => d.name)
    .sort(compareNames)
    .map((n) => join(dataDir, n));
}

/** The fixture shown first when email.json lists none: a fixture of this name. */
export const DEFAULT_FIXTURE = 'default';

/**
 * Listing order of fixtures: those named in email.json's `fixtures`, in that order; then a
 * fixture named `default`; then the rest by file name. So the typical case comes first, not
 * whichever edge case sorts first.
 */
export function orderFixtures<T extends { name: string }>(fixtures: readonly T[], listed: readonly string[] = []): T[] {
  const rank = (name: string): number => {
    const i = listed.indexOf(name);
    return i >= 0 ? i : name === DEFAULT_FIXTURE ? listed.length : listed.length + 1;
  };
  return [...fixtures].sort((a, b) => rank(a.name) - rank(b.name) || compareNames(a.name, b.name));
}

/** Code-unit order: the same on every OS and locale. */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
