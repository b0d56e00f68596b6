/**
 * The local side of an email: its managed fields as the files hold them. `email.html` is the
 * message's htmlText byte for byte; email.json carries name, subject, from, tags, the message id
 * and the translations (each one's HTML in `email.LANGUAGE.html`).
 */
import { join } from 'node:path';
import { META_FILE, TEMPLATE_FILE } from '../project/email.js';
import { loadEmailMeta } from '../project/meta.js';
import type { EmailRef } from '../project/project.js';
import { DataError } from '../errors.js';
import type { ManagedFields, TranslationFields } from '../yespo/messages.js';
import { readInside } from './files.js';
import { hashValue } from './hash.js';

export interface LocalEmail {
  name: string;
  dir: string;
  messageId: number | undefined;
  fields: ManagedFields;
  translations: Record<string, TranslationFields>;
}

export function translationFile(dir: string, language: string): string {
  return join(dir, `email.${language}.html`);
}

export function readLocal(root: string, ref: EmailRef): LocalEmail {
  const html = readInside(root, join(ref.dir, TEMPLATE_FILE));
  if (html === undefined) throw new DataError(`${ref.name}: ${TEMPLATE_FILE} is missing`);
  const metaFile = join(ref.dir, META_FILE);
  readInside(root, metaFile); // refuses a meta file that leads outside the project
  const meta = loadEmailMeta(metaFile);
  const translations: Record<string, TranslationFields> = {};
  for (const [language, t] of Object.entries(meta.translations ?? {})) {
    const file = translationFile(ref.dir, language);
    const text = readInside(root, file);
    if (text === undefined) throw new DataError(`${ref.name}: translation '${language}' is declared in ${META_FILE} but email.${language}.html is missing`);
    translations[language] = { subject: t.subject, htmlText: text };
  }
  return {
    name: ref.name,
    dir: ref.dir,
    messageId: meta.messageId,
    fields: { name: meta.name, from: meta.from, subject: meta.subject, htmlText: html, tags: meta.tags },
    translations,
  };
}

export function translationHashes(local: LocalEmail): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [lang, t] of Object.entries(local.translations)) out[lang] = hashValue(t);
  return out;
}

/** Languages whose files differ from what was last pushed. */
export function changedTranslations(local: LocalEmail, pushed: Record<string, string> | undefined): string[] {
  const now = translationHashes(local);
  return Object.keys(now).filter((lang) => now[lang] !== pushed?.[lang]);
}
