/** The project a sync works on: its root (where the lock lives), emails folder and email folders. */
import { existsSync, statSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { UsageError } from '../errors.js';
import { findConfig, loadConfig, normalizeConfig, type ResolvedConfig } from '../project/config.js';
import { isEmailDir } from '../project/email.js';
import { findEmails, type EmailRef } from '../project/project.js';
import { readLocal, type LocalEmail } from './local.js';
import { readLock, type Lock } from './lock.js';

export interface SyncProject {
  root: string;
  config: ResolvedConfig;
  emailsDir: string;
  lock: Lock;
}

export function openProject(cwd: string): SyncProject {
  const start = resolve(cwd);
  const file = findConfig(start);
  const config = file ? loadConfig(file) : normalizeConfig([], { root: start });
  return { root: config.root, config, emailsDir: config.emails, lock: readLock(config.root) };
}

/** The name of an email folder: its path below the emails folder, with `/`. */
export function emailName(project: SyncProject, dir: string): string {
  const rel = relative(project.emailsDir, dir);
  if (rel === '' || rel.startsWith('..') || rel.startsWith(sep)) {
    throw new UsageError(`${dir} is not inside the emails folder ${project.emailsDir}`);
  }
  return rel.split(sep).join('/');
}

/** The email folders named on the command line, or every email of the project. */
export function emailRefs(project: SyncProject, cwd: string, dirs: readonly string[]): EmailRef[] {
  if (dirs.length === 0) return existsSync(project.emailsDir) ? findEmails(project.emailsDir) : [];
  return dirs.map((d) => {
    const dir = resolve(cwd, d);
    if (!existsSync(dir) || !statSync(dir).isDirectory() || !isEmailDir(dir)) throw new UsageError(`${d} is not an email folder (no email.html)`);
    return { name: emailName(project, dir), dir };
  });
}

export function readLocals(project: SyncProject, refs: readonly EmailRef[]): LocalEmail[] {
  return refs.map((r) => readLocal(project.root, r));
}
