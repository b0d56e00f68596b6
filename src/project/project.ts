/** A project: its config and the email folders under its `emails` folder. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { ConfigError } from '../errors.js';
import { checkEmailsFolder, findConfig, loadConfig, normalizeConfig, type ResolvedConfig, type VelvetConfigInput } from './config.js';
import { compareNames, isEmailDir } from './email.js';

export interface EmailRef {
  /** Path of the folder relative to the emails folder, with `/` separators. */
  name: string;
  dir: string;
}

export interface Project {
  root: string;
  config: ResolvedConfig;
  emails: EmailRef[];
}

/** Folders never searched for emails. */
const SKIP = new Set(['node_modules', 'dist']);

/**
 * Load the project around `dir`: the nearest config (or defaults rooted at `dir`) and the email
 * folders. `dir` may itself be an email folder, a folder inside one (its data/: that email), or
 * any folder inside the project to list only the emails below it.
 */
export function loadProject(dir: string, options: { overrides?: VelvetConfigInput } = {}): Project {
  const start = resolve(dir);
  if (!existsSync(start)) throw new ConfigError('no such folder', { file: start });
  if (!statSync(start).isDirectory()) throw new ConfigError('not a folder', { file: start });
  const file = findConfig(start);
  const config = file
    ? loadConfig(file, options.overrides)
    : normalizeConfig(options.overrides ? [options.overrides] : [], { root: start });
  if (isEmailDir(start)) {
    return { root: config.root, config, emails: [{ name: basename(start), dir: start }] };
  }
  const base = start === config.root ? config.emails : start;
  // the config's emails folder is checked; a folder below the root given itself was checked above
  if (base === config.emails) checkEmailsFolder(config);
  const emails = findEmails(base);
  if (emails.length === 0) {
    // a folder inside an email (its data/, its images): the project is that email
    const around = enclosingEmail(start, file ? config.root : undefined);
    if (around !== undefined) return loadProject(around, options);
  }
  return { root: config.root, config, emails };
}

/**
 * The email folder `dir` lies in (below it), looking up to the project root `stop` (exclusive), or
 * to the top of the file system when there is no config; undefined when there is none.
 */
export function enclosingEmail(dir: string, stop: string | undefined): string | undefined {
  let at = dir;
  while (dirname(at) !== at) {
    at = dirname(at);
    if (stop !== undefined && (at === stop || relative(stop, at).startsWith('..'))) return undefined;
    if (isEmailDir(at)) return at;
  }
  return undefined;
}

/**
 * Email folders below `base`, depth first in name order; an email folder is not searched further.
 * A `base` that is a file is a ConfigError (loadProject checks the config's emails folder first,
 * with the config as the place: see checkEmailsFolder).
 */
export function findEmails(base: string): EmailRef[] {
  if (existsSync(base) && !statSync(base).isDirectory()) {
    throw new ConfigError(`the emails folder ${base} is not a folder`, { file: base });
  }
  const out: EmailRef[] = [];
  const visit = (dir: string): void => {
    if (isEmailDir(dir)) {
      out.push({ name: relative(base, dir).split(sep).join('/') || basename(dir), dir });
      return;
    }
    const entries = readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && !d.name.startsWith('.') && !SKIP.has(d.name))
      .map((d) => d.name)
      .sort(compareNames);
    for (const name of entries) visit(join(dir, name));
  };
  visit(base);
  return out;
}
