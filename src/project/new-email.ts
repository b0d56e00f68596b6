/**
 * `velvet new NAME`: an email folder from the starter, or around an existing template (HTML
 * copied out of Yespo's editor). Nothing is written when the email exists already.
 */
import { join, posix, relative, resolve, sep } from 'node:path';
import { ConfigError } from '../errors.js';
import { DATA_DIR, META_FILE, TEMPLATE_FILE } from './email.js';
import { schemaRef, type InitStep } from './init.js';
import { taken, writeNew } from './safe-write.js';
import { starterAssets, starterEmailFiles, withSchema } from './starter.js';

export interface NewEmailOptions {
  /** Project root (nothing is written outside it). */
  root: string;
  /** Absolute folder holding the email folders. */
  emailsDir: string;
  /** Email name: a folder name, or a path of them such as promo/spring. */
  name: string;
  /** The body template to use instead of the starter's. */
  template?: string | undefined;
  /** Text of data/default.json when a template is given. */
  fixture?: string | undefined;
  /** Where the starter's images go when the starter is used (they are only added, never replaced). */
  assetsDir?: string | undefined;
}

/** Folder names of letters and digits of any script, '.', '_' and '-'; no dot first, no spaces. */
const NAME = /^[\p{L}\p{N}][\p{L}\p{M}\p{N}._-]*(\/[\p{L}\p{N}][\p{L}\p{M}\p{N}._-]*)*$/u;

export function isEmailName(name: string): boolean {
  return NAME.test(name) && name.length <= 200;
}

/** The subject a template suggests: its <title>, or the email name in words. */
function subjectOf(template: string, name: string): string {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(template)?.[1]?.trim();
  if (title) return title;
  const last = name.split('/').pop() ?? name;
  const words = last.replace(/[-_.]+/g, ' ').trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : name;
}

export function createEmail(o: NewEmailOptions): { dir: string; steps: InitStep[] } {
  if (!isEmailName(o.name)) {
    throw new ConfigError(`'${o.name}' is not an email name: use letters, digits, '.', '_' and '-' (and '/' between folders)`);
  }
  const root = resolve(o.root);
  const dir = join(resolve(o.emailsDir), ...o.name.split('/'));
  const rel = (p: string): string => relative(root, p).split(sep).join('/');
  if (taken(join(dir, TEMPLATE_FILE))) throw new ConfigError(`the email '${o.name}' exists already (${rel(join(dir, TEMPLATE_FILE))}); nothing was written`);
  const steps: InitStep[] = [];
  const put = (file: string, content: string | Uint8Array): void => {
    const ok = writeNew(root, file, content);
    steps.push({ path: rel(file), action: ok ? 'wrote' : 'kept', detail: ok ? undefined : 'already there' });
  };
  const metaRef = schemaRef(root, dir, 'email.schema.json');
  const fixtureRef = schemaRef(root, join(dir, DATA_DIR), 'fixture.schema.json');
  if (o.template !== undefined) {
    put(join(dir, TEMPLATE_FILE), o.template);
    put(join(dir, META_FILE), withSchema(JSON.stringify({ subject: subjectOf(o.template, o.name), fixtures: ['default'] }), metaRef));
    put(join(dir, DATA_DIR, 'default.json'), withSchema(o.fixture ?? '{}', fixtureRef));
    return { dir, steps };
  }
  for (const [file, content] of starterEmailFiles()) {
    const target = join(dir, ...file.split('/'));
    if (file === META_FILE) put(target, withSchema(content.toString('utf8'), metaRef));
    else if (posix.dirname(file) === DATA_DIR) put(target, withSchema(content.toString('utf8'), fixtureRef));
    else put(target, content);
  }
  if (o.assetsDir) for (const [name, content] of starterAssets()) put(join(o.assetsDir, name), content);
  return { dir, steps };
}
