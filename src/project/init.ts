/**
 * `velvet init`: a project in an existing folder. It only ever creates files that are not there
 * (velvet.config.json, a starter email, its images, a CI workflow) and adds what is missing to
 * package.json's scripts and .gitignore; everything already present is kept and reported so.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative, resolve, sep } from 'node:path';
import { CONFIG_FILE, loadConfig } from './config.js';
import { DATA_DIR, META_FILE, TEMPLATE_FILE } from './email.js';
import { rewrite, taken, writeNew } from './safe-write.js';
import { PACKAGE_DIR, STARTER_ASSETS_URL, tarballName, STARTER_EMAIL_NAME, starterAssets, starterEmailFiles, withSchema } from './starter.js';
import { ciFile, type CiKind } from './ci.js';
import { UsageError } from '../errors.js';
import { insideProblem } from './config-checks.js';

export interface InitOptions {
  /** The project folder (it must exist). */
  dir: string;
  /** Folder for the emails, relative to `dir`. Default "emails". */
  emails?: string | undefined;
  ci?: CiKind | undefined;
}

export interface InitStep {
  /** Path relative to the project, with `/`. */
  path: string;
  action: 'wrote' | 'kept' | 'updated';
  detail?: string | undefined;
}

export const PACKAGE_SCRIPTS: Readonly<Record<string, string>> = { 'velvet:preview': 'velvet preview', 'velvet:lint': 'velvet lint' };
export const GITIGNORE_LINES = ['velvet-out/', 'velvet.sarif', 'gl-code-quality-report.json'];

const toPosix = (p: string): string => p.split(sep).join('/');

/**
 * `$schema` for a file in `fileDir`: the installed package's schemas/NAME, relative. Looks in the
 * project's node_modules first, then where this velvet runs from (when inside the project), and
 * falls back to where installing velvet into the project puts it.
 */
export function schemaRef(root: string, fileDir: string, name: string): string {
  const installed = join(root, 'node_modules', 'velvet', 'schemas');
  const own = join(PACKAGE_DIR, 'schemas');
  const inProject = !relative(root, own).startsWith('..');
  const dir = existsSync(installed) ? installed : inProject && existsSync(own) ? own : installed;
  const rel = toPosix(relative(fileDir, join(dir, name)));
  return rel.startsWith('.') ? rel : `./${rel}`;
}

/**
 * The settings an existing config gives (emails folder, assets folder, relative to the project),
 * read as every command reads it: a config with a problem is a ConfigError at its line and column,
 * never taken for the defaults.
 */
function existingSettings(root: string, file: string): { emails: string; assetsDir: string } {
  const config = loadConfig(file);
  const rel = (abs: string): string => toPosix(relative(root, abs)) || '.';
  return { emails: rel(config.emails), assetsDir: rel(config.preview.assetsDir) };
}

/**
 * Why `--ci` cannot be set up here, or undefined. The recipes run the velvet `npm ci` installs and
 * never let npm fetch `velvet` from the registry (that name is an unrelated package there), so
 * they need a package.json; without one nothing is written.
 */
export function ciProblem(root: string): string | undefined {
  if (existsSync(join(root, 'package.json'))) return undefined;
  return (
    '--ci needs a package.json that installs velvet: the CI job runs the velvet `npm ci` installs, ' +
    "never one fetched by name (the registry's 'velvet' is an unrelated package). Create one " +
    `(npm init -y), install velvet into it from the package you have (npm install -D ./${tarballName()}), ` +
    'then run velvet init --ci again; nothing was written'
  );
}

/** True when package.json lists velvet in dependencies or devDependencies (false when unreadable). */
function listsVelvet(root: string): boolean {
  try {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
    return ['dependencies', 'devDependencies'].some((k) => {
      const deps = pkg[k];
      return deps !== null && typeof deps === 'object' && 'velvet' in deps;
    });
  } catch {
    return false;
  }
}

/**
 * How to run velvet in `root` in the next-step hints: `npx velvet` only when the project has velvet
 * installed (npx would otherwise offer the registry's unrelated `velvet`), else `velvet`.
 */
export function velvetCommand(root: string): string {
  for (let dir = resolve(root); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'node_modules', '.bin', 'velvet'))) return 'npx velvet';
    if (dirname(dir) === dir) return 'velvet';
  }
}

/**
 * Why `emails` cannot be the emails folder, or undefined: the rule the config check applies to
 * `emails` (a folder inside the project), so init never writes a config every command refuses.
 */
export function emailsProblem(emails: string): string | undefined {
  return insideProblem(emails);
}

export function initProject(o: InitOptions): InitStep[] {
  const root = resolve(o.dir);
  const steps: InitStep[] = [];
  // everything is checked before the first file is written
  if (o.emails !== undefined) {
    const problem = emailsProblem(o.emails);
    if (problem) throw new UsageError(`--emails ${problem}; nothing was written`);
  }
  if (o.ci) {
    const problem = ciProblem(root);
    if (problem) throw new UsageError(problem);
  }
  const put = (rel: string, content: string | Uint8Array): void => {
    const ok = writeNew(root, join(root, rel), content);
    steps.push({ path: toPosix(rel), action: ok ? 'wrote' : 'kept', detail: ok ? undefined : 'already there' });
  };

  const configFile = join(root, CONFIG_FILE);
  let emails = o.emails ?? 'emails';
  let assetsDir = 'assets';
  if (taken(configFile)) {
    ({ emails, assetsDir } = existingSettings(root, configFile));
    steps.push({ path: CONFIG_FILE, action: 'kept', detail: 'already there; its emails folder is used' });
  } else {
    const config = {
      $schema: schemaRef(root, root, 'config.schema.json'),
      emails,
      engine: { timeZone: 'UTC', locale: 'en-US' },
      preview: { assetsBaseUrl: STARTER_ASSETS_URL, assetsDir },
    };
    put(CONFIG_FILE, JSON.stringify(config, null, 2) + '\n');
  }

  const emailDir = posix.join(toPosix(emails), STARTER_EMAIL_NAME);
  // an email of the user's own in the starter's folder: none of the starter's files join it (its
  // email.json and fixture would give the user's template the starter's subject, sender and data)
  const ownEmail = taken(join(root, emailDir, TEMPLATE_FILE));
  if (ownEmail) {
    steps.push({ path: `${emailDir}/`, action: 'kept', detail: `an email is there already (${TEMPLATE_FILE}); the starter email was not added` });
  }
  for (const [rel, content] of ownEmail ? [] : starterEmailFiles()) {
    const target = posix.join(emailDir, rel);
    const dir = join(root, posix.dirname(target));
    if (rel === META_FILE) put(target, withSchema(content.toString('utf8'), schemaRef(root, dir, 'email.schema.json')));
    else if (rel.startsWith(`${DATA_DIR}/`)) put(target, withSchema(content.toString('utf8'), schemaRef(root, dir, 'fixture.schema.json')));
    else put(target, content);
  }
  for (const [name, content] of starterAssets()) put(posix.join(toPosix(assetsDir), name), content);

  steps.push(gitignore(root));
  const pkg = packageScripts(root);
  if (pkg) steps.push(pkg);
  if (o.ci) {
    const ci = ciFile(o.ci);
    put(ci.path, ci.content);
    const last = steps[steps.length - 1]!;
    if (last.action === 'wrote' && !listsVelvet(root)) {
      last.detail = `package.json does not list velvet, so npm ci will not install it and the job fails: npm install -D ./${tarballName()} (the package you have)`;
    }
  }
  return steps;
}

function gitignore(root: string): InitStep {
  const file = join(root, '.gitignore');
  if (!taken(file)) {
    writeNew(root, file, GITIGNORE_LINES.join('\n') + '\n');
    return { path: '.gitignore', action: 'wrote' };
  }
  const text = readFileSync(file, 'utf8');
  const have = new Set(text.split(/\r?\n/).map((l) => l.trim()));
  const missing = GITIGNORE_LINES.filter((l) => !have.has(l) && !have.has('/' + l));
  if (missing.length === 0) return { path: '.gitignore', action: 'kept', detail: 'has the entries already' };
  rewrite(root, file, text + (text === '' || text.endsWith('\n') ? '' : '\n') + missing.join('\n') + '\n');
  return { path: '.gitignore', action: 'updated', detail: `added ${missing.join(', ')}` };
}

function packageScripts(root: string): InitStep | undefined {
  const file = join(root, 'package.json');
  if (!taken(file)) return undefined;
  const text = readFileSync(file, 'utf8');
  let pkg: Record<string, unknown>;
  try {
    pkg = JSON.parse(text) as Record<string, unknown>;
    if (!pkg || typeof pkg !== 'object' || Array.isArray(pkg)) throw new Error('not an object');
  } catch (e) {
    return { path: 'package.json', action: 'kept', detail: `not changed: it is not valid JSON (${(e as Error).message})` };
  }
  const scripts = (pkg['scripts'] && typeof pkg['scripts'] === 'object' ? pkg['scripts'] : {}) as Record<string, unknown>;
  const added = Object.keys(PACKAGE_SCRIPTS).filter((k) => !Object.hasOwn(scripts, k));
  // a script of the same name that does something else is the user's: kept, and said so
  const own = Object.keys(PACKAGE_SCRIPTS).filter((k) => Object.hasOwn(scripts, k) && scripts[k] !== PACKAGE_SCRIPTS[k]);
  const kept = own.length
    ? `kept your script${own.length === 1 ? '' : 's'} ${own.map((k) => `${k} (${JSON.stringify(scripts[k])})`).join(', ')}, not velvet's ${own.map((k) => JSON.stringify(PACKAGE_SCRIPTS[k])).join(', ')}`
    : undefined;
  if (added.length === 0) return { path: 'package.json', action: 'kept', detail: kept ?? 'has the velvet scripts already' };
  for (const k of added) scripts[k] = PACKAGE_SCRIPTS[k];
  pkg['scripts'] = scripts;
  const indent = /^[ \t]+/m.exec(text)?.[0] ?? '  ';
  rewrite(root, file, JSON.stringify(pkg, null, indent) + (text.endsWith('\n') ? '\n' : ''));
  return { path: 'package.json', action: 'updated', detail: `added scripts ${added.join(', ')}${kept ? `; ${kept}` : ''}` };
}
