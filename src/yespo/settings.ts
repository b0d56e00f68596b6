import { DEFAULT_API_URL, DEFAULT_TIMEOUT_MS, normalizeBaseUrl } from './client.js';
import { DEFAULT_SUBJECT_PREFIX, resolveAllowList, type AllowList } from './safety.js';

/** The `send` section of velvet.config.json. */
export interface SendConfig {
  /** Addresses or `@domain`s a test may go to (default: none, so nothing can be sent). */
  allow?: string[] | undefined;
  /** Id of the carrier prepared message used by render mode (default: none). */
  carrierMessageId?: number | undefined;
  /** Prefix for render-mode subjects (default `[TEST] `; `""` turns it off). */
  subjectPrefix?: string | undefined;
  /** API base (default https://yespo.io/api). */
  apiUrl?: string | undefined;
}

/** Command-line values that override config and environment. */
export interface SendFlags {
  apiUrl?: string | undefined;
  /** Request timeout in ms. */
  timeoutMs?: number | undefined;
}

/** Everything the Yespo commands need, resolved once: defaults < config < environment < flags. */
export interface SendSettings {
  readonly apiUrl: string;
  readonly apiUrlSource: 'default' | 'config send.apiUrl' | 'YESPO_API_URL' | '--api-url';
  /** The key; never print it. Undefined when YESPO_API_KEY is unset or blank. */
  readonly apiKey: string | undefined;
  readonly timeoutMs: number;
  readonly allow: AllowList;
  readonly carrierMessageId: number | undefined;
  readonly subjectPrefix: string;
}

export function resolveSendSettings(
  config: SendConfig | undefined,
  env: Record<string, string | undefined>,
  flags: SendFlags = {},
): SendSettings {
  let apiUrl = DEFAULT_API_URL;
  let apiUrlSource: SendSettings['apiUrlSource'] = 'default';
  if (config?.apiUrl) [apiUrl, apiUrlSource] = [config.apiUrl, 'config send.apiUrl'];
  const envUrl = env['YESPO_API_URL']?.trim();
  if (envUrl) [apiUrl, apiUrlSource] = [envUrl, 'YESPO_API_URL'];
  if (flags.apiUrl) [apiUrl, apiUrlSource] = [flags.apiUrl, '--api-url'];
  // Keys pasted from a web page often carry a trailing newline or spaces.
  const key = env['YESPO_API_KEY']?.trim();
  return {
    apiUrl: normalizeBaseUrl(apiUrl),
    apiUrlSource,
    apiKey: key ? key : undefined,
    timeoutMs: flags.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    allow: resolveAllowList(config?.allow, env['VELVET_SEND_ALLOW']),
    carrierMessageId: config?.carrierMessageId,
    subjectPrefix: config?.subjectPrefix ?? DEFAULT_SUBJECT_PREFIX,
  };
}
