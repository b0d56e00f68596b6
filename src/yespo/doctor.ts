import { getAccountInfo } from './endpoints.js';
import { DEFAULT_API_URL, normalizeBaseUrl, type YespoClient } from './client.js';
import { YespoApiError } from './errors.js';
import type { SendSettings } from './settings.js';

export type CheckLevel = 'ok' | 'warn' | 'fail';
export interface DoctorCheck {
  name: string;
  level: CheckLevel;
  detail: string;
}

/** Local checks of the send setup; no network. */
export function localChecks(settings: SendSettings, configFile: string | undefined): DoctorCheck[] {
  const checks: DoctorCheck[] = [];
  checks.push(
    configFile
      ? { name: 'config', level: 'ok', detail: configFile }
      : { name: 'config', level: 'warn', detail: 'no velvet.config.json found here or in a parent folder' },
  );
  checks.push(
    settings.apiUrlSource === 'default' && settings.apiUrl === normalizeBaseUrl(DEFAULT_API_URL)
      ? { name: 'API URL', level: 'ok', detail: `${settings.apiUrl} (default)` }
      : {
          name: 'API URL',
          level: 'warn',
          detail: `${settings.apiUrl} (from ${settings.apiUrlSource}): not the default ${DEFAULT_API_URL}; YESPO_API_KEY is sent to this host`,
        },
  );
  checks.push(
    settings.apiKey
      ? { name: 'API key', level: 'ok', detail: 'YESPO_API_KEY is set' }
      : {
          name: 'API key',
          level: 'fail',
          detail: 'YESPO_API_KEY is not set: export it in your shell (Yespo: Settings > API keys); never put it in a file in the repository',
        },
  );
  const allow = settings.allow;
  if (allow.invalid.length) {
    checks.push({ name: 'allow-list', level: 'fail', detail: `invalid entries in ${allow.source}: ${allow.invalid.join(', ')}` });
  } else if (allow.entries.length === 0) {
    checks.push({
      name: 'allow-list',
      level: 'warn',
      detail: 'empty: every send will be refused; set send.allow in velvet.config.json or VELVET_SEND_ALLOW',
    });
  } else {
    const list = allow.entries.map((e) => (e.kind === 'domain' ? `@${e.value}` : e.value)).join(', ');
    checks.push({ name: 'allow-list', level: 'ok', detail: `${list} (${allow.source})` });
  }
  checks.push(
    settings.carrierMessageId !== undefined
      ? { name: 'carrier', level: 'ok', detail: `message ${settings.carrierMessageId}` }
      : {
          name: 'carrier',
          level: 'warn',
          detail: 'send.carrierMessageId is not set: render mode needs it (run `velvet carrier`) or --via email',
        },
  );
  return checks;
}

/** Asks Yespo who the key belongs to. Never throws: the outcome is a check. */
export async function accountCheck(client: YespoClient): Promise<DoctorCheck> {
  try {
    const info = await getAccountInfo(client);
    const who = [info.userEmail, info.organisationName && `(${info.organisationName})`].filter(Boolean).join(' ');
    return { name: 'account', level: 'ok', detail: `the key belongs to ${who || 'an account (no name given)'}` };
  } catch (err) {
    if (err instanceof YespoApiError) {
      let detail: string;
      if (err.status === 401) detail = 'Yespo rejected the key (401): check YESPO_API_KEY, or create a new key in Yespo';
      else if (err.status === 403) detail = 'the key works but may not read account info (403); it needs full API access';
      else if (err.kind === 'network') detail = `network: ${err.reason}`;
      else if (err.kind === 'timeout') detail = `no answer: ${err.reason}`;
      else detail = err.reason;
      return { name: 'account', level: 'fail', detail: client.redact(detail) };
    }
    return { name: 'account', level: 'fail', detail: client.redact(err instanceof Error ? err.message : String(err)) };
  }
}

export function formatChecks(checks: readonly DoctorCheck[]): string {
  const width = Math.max(...checks.map((c) => c.name.length));
  const mark = { ok: 'ok  ', warn: 'warn', fail: 'FAIL' } as const;
  return checks.map((c) => `${mark[c.level]}  ${c.name.padEnd(width)}  ${c.detail}\n`).join('');
}
