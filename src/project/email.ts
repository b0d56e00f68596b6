/**
 * One email folder: `email.html` (body template), optional `email.json` (meta) and `data/*.json`
 * fixtures. A broken fixture is collected in `fixtureErrors` so the others still preview.
 */
import { existsSync, lstatSync, readFileSync, readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { ConfigError, DataError, VelvetError } from '../errors.js';
import { findConfig } from './config.js';
import { isInside } from './paths.js';
import { loadFixture } from '../fixtures/load.js';
import { decodeText } from '../fixtures/text.js';
import type { Fixture, FixtureOptions } from '../fixtures/types.js';
import { readEmailMeta, type EmailMeta } from './meta.js';

import { DATA_DIR, META_FILE, TEMPLATE_FILE, isEmailDir } from './layout.js';

export { DATA_DIR, META_FILE, TEMPLATE_FILE, isEmailDir };

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
  /** Why email.json could not be read, when it was loaded with `metaErrors: 'keep'` (the email then has no meta). */
  metaError?: VelvetError | undefined;
}

export interface LoadEmailOptions {
  /** Name to show (default: the folder name). */
  name?: string | undefined;
  fixtures?: FixtureOptions | undefined;
  /**
   * The folder every fixture must really be inside (symlinks resolved): the project root.
   * Default: the folder of the nearest velvet.config.json, or the email folder when there is none
   * or when the email folder is not inside it.
   */
  root?: string | undefined;
  /**
   * 'keep': an email.json that cannot be read (JSON syntax, schema) leaves the email without
   * meta and is kept in `metaError`, so that the rest of the email can still be checked (lint).
   * Default: it is thrown.
   */
  metaErrors?: 'throw' | 'keep' | undefined;
}

/** Load an email folder with its meta and fixtures. */
export async function loadEmail(dir: string, options: LoadEmailOptions = {}): Promise<Email> {
  const abs = resolve(dir);
  const templateFile = join(abs, TEMPLATE_FILE);
  refuseLinkOut(templateFile, abs, options.root);
  let bytes: Buffer;
  try {
    bytes = readFileSync(templateFile);
  } catch (e) {
    throw new ConfigError(`not an email folder: ${TEMPLATE_FILE} cannot be read`, { file: abs }, { cause: e });
  }
  const source = decodeText(bytes, templateFile);
  const metaPath = join(abs, META_FILE);
  const metaFile = existsSync(metaPath) ? metaPath : undefined;
  if (metaFile) refuseLinkOut(metaFile, abs, options.root);
  let meta: EmailMeta = { contact: {} };
  let metaError: VelvetError | undefined;
  try {
    if (metaFile) meta = readEmailMeta(metaFile);
  } catch (e) {
    if (options.metaErrors !== 'keep' || !(e instanceof VelvetError)) throw e;
    metaError = e;
  }
  const fixtures: Fixture[] = [];
  const fixtureErrors: DataError[] = [];
  const found = findFixtures(abs, options.root);
  fixtureErrors.push(...found.errors);
  const results = await Promise.allSettled(found.files.map((f) => loadFixture(f, options.fixtures)));
  for (const r of results) {
    if (r.status === 'fulfilled') fixtures.push(r.value);
    else if (r.reason instanceof DataError) fixtureErrors.push(r.reason);
    else throw r.reason;
  }
  fixtureErrors.sort((a, b) => compareNames(a.file ?? '', b.file ?? ''));
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
    ...(metaError ? { metaError } : {}),
  };
}

/**
 * A ConfigError when `file` (email.html, email.json) is a symlink whose real path lies outside
 * the boundary fixtures keep to: a project must not be able to show or send a file from
 * elsewhere on the machine. A plain file costs one lstat; a missing one is left to the read.
 */
function refuseLinkOut(file: string, emailDir: string, root: string | undefined): void {
  if (!lstatSync(file, { throwIfNoEntry: false })?.isSymbolicLink()) return;
  let real: string;
  try {
    real = realpath(file);
  } catch {
    return; // a dangling link: the read says it cannot be read
  }
  const email = realpath(emailDir);
  if (isInside(email, real) || isInside(boundaryOf(emailDir, email, root), real)) return;
  throw new ConfigError(`${basename(file)} leads outside the project folder (through a symlink); not read`, { file });
}

/** `data/*.json` that may be read, sorted by name so the variant order is stable across machines. */
export function fixtureFiles(emailDir: string, root?: string): string[] {
  return findFixtures(resolve(emailDir), root).files;
}

/** The real folder fixtures of `emailDir` (real path `email`) must be inside (see LoadEmailOptions.root). */
function boundaryOf(emailDir: string, email: string, root: string | undefined): string {
  const config = root === undefined ? findConfig(emailDir) : undefined;
  const base = root ?? (config ? dirname(config) : emailDir);
  let real: string;
  try {
    real = realpath(base);
  } catch {
    return email;
  }
  return isInside(real, email) ? real : email;
}

/**
 * The fixture files of an email folder and the ones refused: a data/ folder or a fixture file
 * whose real path leads outside the project (through a symlink) is never read, so no file from
 * elsewhere on the machine can reach a render, a page or an image URL.
 *
 * The boundary always holds the email folder itself, so a data/ folder that really is inside the
 * email folder, and a plain file (not a link) in it, are inside the boundary without asking the
 * file system again: only links are resolved one by one, and the project root is looked up only
 * when something leads out of the email folder. This keeps loading a thousand emails cheap.
 */
export function findFixtures(emailDir: string, root?: string): { files: string[]; errors: DataError[] } {
  const dataDir = join(emailDir, DATA_DIR);
  let realData: string;
  try {
    realData = realpath(dataDir);
  } catch {
    return { files: [], errors: [] }; // no data/ folder (or a dangling link to one)
  }
  const outside = (file: string): DataError => new DataError('leads outside the project folder (through a symlink); not read', { file });
  const email = realpath(emailDir);
  let boundary: string | undefined;
  const inBoundary = (real: string): boolean => isInside(email, real) || isInside((boundary ??= boundaryOf(emailDir, email, root)), real);
  if (!inBoundary(realData)) return { files: [], errors: [outside(dataDir)] };
  const files: string[] = [];
  const errors: DataError[] = [];
  const listed = readData(dataDir);
  if (listed instanceof DataError) return { files: [], errors: [listed] };
  const entries = listed
    .filter((d) => (d.isFile() || d.isSymbolicLink()) && d.name.endsWith('.json') && !d.name.startsWith('.'))
    .sort((a, b) => compareNames(a.name, b.name));
  for (const entry of entries) {
    const file = join(dataDir, entry.name);
    // a plain file's real path is its name in the real data folder, inside the boundary
    if (!entry.isSymbolicLink()) {
      files.push(file);
      continue;
    }
    let real: string;
    try {
      real = realpath(file);
      if (!statSync(real).isFile()) continue;
    } catch {
      continue; // a dangling link is no fixture
    }
    if (inBoundary(real)) files.push(file);
    else errors.push(outside(file));
  }
  return { files, errors };
}

/** The entries of data/; a data/ that is a file is a fixture error, not a crash. */
function readData(dataDir: string): Dirent[] | DataError {
  try {
    return readdirSync(dataDir, { withFileTypes: true });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOTDIR') throw e;
    return new DataError("is not a folder: fixtures are the .json files in the email's data/ folder", { file: dataDir });
  }
}

/** The real path, resolved by the OS in one call (Node's own resolution asks per path segment). */
const realpath = (path: string): string => realpathSync.native(path);

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
