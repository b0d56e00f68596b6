/**
 * What the "Send test" panel says before and after a send: the settings it would use (whether a
 * key is set, never the key), and the send problems in the panel's own words. The messages come
 * from `velvet send`, which suggests command-line flags; the panel has none of them.
 */
import { emailSource } from '../yespo/email-source.js';
import { createRedactor } from '../yespo/redact.js';
import { resolveSendSettings } from '../yespo/settings.js';
import type { SendSettingsInfo } from './protocol.js';

/** The send settings for the email folder `dir`; `messageId` is the email's own. */
export async function sendSettingsInfo(
  dir: string | undefined,
  messageId: number | undefined,
  env: Record<string, string | undefined>,
): Promise<SendSettingsInfo> {
  // a config can hold the key by mistake (a URL, a prefix) and an error can quote it: redact all
  const redact = createRedactor(env['YESPO_API_KEY']?.trim());
  return JSON.parse(redact(JSON.stringify(await settingsInfo(dir, messageId, env)))) as SendSettingsInfo;
}

async function settingsInfo(dir: string | undefined, messageId: number | undefined, env: Record<string, string | undefined>): Promise<SendSettingsInfo> {
  try {
    const settings = resolveSendSettings(dir === undefined ? undefined : await emailSource().loadSendConfig(dir), env);
    const url = new URL(settings.apiUrl);
    url.username = '';
    url.password = '';
    return {
      apiKey: settings.apiKey !== undefined,
      apiUrl: url.href,
      carrierMessageId: settings.carrierMessageId ?? null,
      messageId: messageId ?? null,
      allow: settings.allow.entries.map((e) => (e.kind === 'domain' ? `@${e.value}` : e.value)),
      allowSource: settings.allow.source,
      subjectPrefix: settings.subjectPrefix,
    };
  } catch (err) {
    return { apiKey: false, apiUrl: '', carrierMessageId: null, messageId: messageId ?? null, allow: [], allowSource: 'none', subjectPrefix: '', problem: (err as Error).message };
  }
}

const REWRITES: Array<[RegExp, string]> = [
  [/ \(Yespo would most likely fail too; --force sends anyway\)/g, ' (Yespo would most likely fail too)'],
  [/; fix (it|them) or pass --force/g, '; fix $1 first (the preview never forces a send)'],
  [/ or pass --message-id N/g, ''],
  [/ \(or pass --carrier-id N, or use --via email\)/g, ''],
  [/^no recipient: give --to ADDR\[,ADDR\]$/, 'no recipient: enter at least one address'],
];

/** A send problem without the command-line flags the panel does not offer. */
export function panelText(problem: string): string {
  let text = problem;
  for (const [re, by] of REWRITES) text = text.replace(re, by);
  // anything else still naming a flag: drop the clause that does
  return text.replace(/[;,]? ?(?:or )?(?:pass|use|give) --[a-z][\w-]*(?: [A-Z]+)?/g, '').replace(/\s*\(see --help\)/g, '');
}
