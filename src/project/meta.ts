/** email.json: per-email meta next to email.html. */
import { existsSync } from 'node:fs';
import { parseSettings, readSettingsFile } from './json-file.js';

export interface EmailMeta {
  /** Subject line template. */
  subject?: string | undefined;
  /** Preheader template. */
  preheader?: string | undefined;
  /** Id of the prepared message in Yespo. */
  messageId?: number | undefined;
  from?: string | undefined;
  language?: string | undefined;
  /** Name of the message in Yespo. */
  name?: string | undefined;
  /** Tags of the message in Yespo. */
  tags?: string[] | undefined;
  /** Language versions: language code → subject (HTML in email.LANGUAGE.html). */
  translations?: Record<string, { subject?: string | undefined }> | undefined;
  /** Default contact field values for merge tags. */
  contact: Record<string, string>;
  /** Fixture names listed first, in this order. */
  fixtures?: string[] | undefined;
}

/**
 * Read email.json, or its unsaved `text` when given; a missing file gives empty meta, an invalid
 * one a ConfigError.
 */
export function loadEmailMeta(file: string, text?: string): EmailMeta {
  if (text === undefined && !existsSync(file)) return { contact: {} };
  return metaOf(text === undefined ? readSettingsFile(file, 'email.schema.json') : parseSettings(text, file, 'email.schema.json'));
}

/** Read an email.json known to exist. */
export function readEmailMeta(file: string): EmailMeta {
  return metaOf(readSettingsFile(file, 'email.schema.json'));
}

function metaOf(raw: Record<string, unknown>): EmailMeta {
  const contact: Record<string, string> = {};
  const c = raw['contact'];
  if (c && typeof c === 'object') for (const [k, v] of Object.entries(c)) contact[k] = String(v);
  return {
    subject: raw['subject'] as string | undefined,
    preheader: raw['preheader'] as string | undefined,
    messageId: raw['messageId'] as number | undefined,
    from: raw['from'] as string | undefined,
    language: raw['language'] as string | undefined,
    name: raw['name'] as string | undefined,
    tags: raw['tags'] as string[] | undefined,
    translations: raw['translations'] as EmailMeta['translations'],
    contact,
    fixtures: raw['fixtures'] as string[] | undefined,
  };
}
