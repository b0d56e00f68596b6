/**
 * What `velvet lint PATHS...` lints: email folders (a folder holding email.html), every email
 * below a project folder, or bare template files (linted without fixtures or meta). Each email
 * gets the config of the project it belongs to.
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

export async function resolveTargets(paths: readonly string[], cwd: string, overrides?: VelvetConfigInput): Promise<LintTarget[]> {
  const out: LintTarget[] = [];
  const seen = new Set<string>();
  const add = (t: LintTarget) => {
    if (seen.has(t.email.templateFile)) return;
    seen.add(t.email.templateFile);
    out.push(t);
  };
  for (const p of paths.length > 0 ? paths : ['.']) {
    const abs = resolve(cwd, p);
    if (!existsSync(abs)) throw new ConfigError(`No such file or folder: ${p}`, { file: abs });
    if (statSync(abs).isFile()) {
      if (basename(abs) === TEMPLATE_FILE && isEmailDir(dirname(abs))) {
        add({ email: await loadEmail(dirname(abs)), config: configFor(dirname(abs), overrides) });
      } else add({ email: bareTemplate(abs), config: configFor(dirname(abs), overrides) });
      continue;
    }
    const project = loadProject(abs, overrides ? { overrides } : {});
    const emails = await Promise.all(project.emails.map((e) => loadEmail(e.dir, { name: e.name })));
    for (const email of emails) add({ email, config: project.config });
  }
  return out;
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
