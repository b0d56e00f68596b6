/** email.json: per-email meta next to email.html. */
import { existsSync } from 'node:fs';
import { readSettingsFile } from './json-file.js';

export interface EmailMeta {
  /** Subject line template. */
  subject?: string | undefined;
  /** Preheader template. */
  preheader?: string | undefined;
  /** Id of the prepared message in Yespo. */
  messageId?: number | undefined;
  from?: string | undefined;
  language?: string | undefined;
  /** Default contact field values for merge tags. */
  contact: Record<string, string>;
  /** Fixture names listed first, in this order. */
  fixtures?: string[] | undefined;
}

/** Read email.json; a missing file gives empty meta, an invalid one a ConfigError. */
export function loadEmailMeta(file: string): EmailMeta {
  if (!existsSync(file)) return { contact: {} };
  const raw = readSettingsFile(file, 'email.schema.json');
  const contact: Record<string, string> = {};
  const c = raw['contact'];
  if (c && typeof c === 'object') for (const [k, v] of Object.entries(c)) contact[k] = String(v);
  return {
    subject: raw['subject'] as string | undefined,
    preheader: raw['preheader'] as string | undefined,
    messageId: raw['messageId'] as number | undefined,
    from: raw['from'] as string | undefined,
    language: raw['language'] as string | undefined,
    contact,
    fixtures: raw['fixtures'] as string[] | undefined,
  };
}
