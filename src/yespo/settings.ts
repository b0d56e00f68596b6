import { ConfigError } from '../errors.js';
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
  /** API base (default https://yespo.io/api); from a config file only https on yespo.io. */
  apiUrl?: string | undefined;
}

/**
 * Whether a URL may come from a project config: https on yespo.io or one of its subdomains, on
 * the default port, without credentials. The API key goes to this URL, and a config file travels
 * with the repository, so anything else must come from the person running velvet
 * (YESPO_API_URL or --api-url).
 */
export function isYespoApiUrl(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return false;
  }
  const host = url.hostname.toLowerCase();
  return (
    url.protocol === 'https:' &&
    url.port === '' &&
    url.username === '' &&
    url.password === '' &&
    (host === 'yespo.io' || (host.endsWith('.yespo.io') && /^[a-z0-9.-]+$/.test(host)))
  );
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text.trim());
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
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
  if (config?.apiUrl) {
    if (!isYespoApiUrl(config.apiUrl)) {
      throw new ConfigError(
        `send.apiUrl in velvet.config.json must be an https URL on yespo.io (such as ${DEFAULT_API_URL}), not '${config.apiUrl}': ` +
          'the API key is sent there, and a config file comes with the repository. To use another API host (a proxy, a local test server), ' +
          'remove send.apiUrl and set YESPO_API_URL or pass --api-url instead.',
      );
    }
    [apiUrl, apiUrlSource] = [config.apiUrl, 'config send.apiUrl'];
  }
  const envUrl = env['YESPO_API_URL']?.trim();
  if (envUrl) [apiUrl, apiUrlSource] = [envUrl, 'YESPO_API_URL'];
  if (flags.apiUrl) [apiUrl, apiUrlSource] = [flags.apiUrl, '--api-url'];
  if (apiUrlSource === 'YESPO_API_URL' || apiUrlSource === '--api-url') {
    // any host the person running velvet chooses, but an address a request can go to
    if (!isHttpUrl(apiUrl)) throw new ConfigError(`${apiUrlSource} must be an http(s) URL (such as ${DEFAULT_API_URL}), not '${apiUrl}'`);
  }
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
