/**
 * What `velvet lint PATHS...` lints: email folders (a folder holding email.html), every email
 * below a project folder, or bare template files (linted without fixtures or meta). Each email
 * gets the config of the project it belongs to.
 *
 * Finding the targets (`findTargets`) is cheap and separate from loading them (`loadTarget`,
 * which reads the template and every fixture), so that many emails can be loaded and linted on
 * several threads.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { ConfigError } from '../errors.js';
import {
  TEMPLATE_FILE, findConfig, isEmailDir, loadConfig, loadEmail, loadProject, normalizeConfig,
  type Email, type ResolvedConfig, type VelvetConfigInput,
} from '../project/index.js';

export interface LintTarget {
  email: Email;
  config: ResolvedConfig;
}

/** A target found but not loaded yet: plain data, so it can be sent to a worker thread. */
export type TargetRef =
  | { kind: 'email'; dir: string; name?: string | undefined; config: ResolvedConfig }
  | { kind: 'bare'; file: string; config: ResolvedConfig };

export async function resolveTargets(paths: readonly string[], cwd: string, overrides?: VelvetConfigInput): Promise<LintTarget[]> {
  return Promise.all(findTargets(paths, cwd, overrides).map(loadTarget));
}

/** The targets PATHS name, each once, in order. */
export function findTargets(paths: readonly string[], cwd: string, overrides?: VelvetConfigInput): TargetRef[] {
  const out: TargetRef[] = [];
  const seen = new Set<string>();
  const add = (key: string, t: TargetRef) => {
    if (seen.has(key)) return;
    seen.add(key);
    out.push(t);
  };
  for (const p of paths.length > 0 ? paths : ['.']) {
    const abs = resolve(cwd, p);
    if (!existsSync(abs)) throw new ConfigError('No such file or folder', { file: abs });
    if (statSync(abs).isFile()) {
      const dir = dirname(abs);
      if (basename(abs) === TEMPLATE_FILE && isEmailDir(dir)) add(abs, { kind: 'email', dir, config: configFor(dir, overrides) });
      else add(abs, { kind: 'bare', file: abs, config: configFor(dir, overrides) });
      continue;
    }
    const project = loadProject(abs, overrides ? { overrides } : {});
    for (const e of project.emails) add(resolve(e.dir, TEMPLATE_FILE), { kind: 'email', dir: e.dir, name: e.name, config: project.config });
  }
  return out;
}

/** Reads a target's template, meta and fixtures. */
export async function loadTarget(ref: TargetRef): Promise<LintTarget> {
  if (ref.kind === 'bare') return { email: bareTemplate(ref.file), config: ref.config };
  // an email.json that cannot be read is a finding of this email (meta-invalid), not the end of the run
  return { email: await loadEmail(ref.dir, { metaErrors: 'keep', ...(ref.name === undefined ? {} : { name: ref.name }) }), config: ref.config };
}

function configFor(dir: string, overrides?: VelvetConfigInput): ResolvedConfig {
  const file = findConfig(dir);
  if (file) return loadConfig(file, overrides);
  return normalizeConfig(overrides ? [overrides] : [], { root: dir });
}

/** True for a template file linted on its own, outside an email folder (it has no email.json). */
export function isBareTemplate(email: Email): boolean {
  return basename(email.templateFile) !== TEMPLATE_FILE;
}

/** A template file outside an email folder: no meta, no fixtures. */
export function bareTemplate(file: string): Email {
  return {
    name: basename(file),
    dir: dirname(file),
    templateFile: file,
    source: readFileSync(file, 'utf8'),
    meta: { contact: {} },
    fixtures: [],
    fixtureErrors: [],
  };
}
