import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { isYespoApiUrl, resolveSendSettings } from '../../src/yespo/settings.js';

describe('the API URL from the project config', () => {
  it('accepts https on yespo.io and its subdomains', () => {
    for (const url of ['https://yespo.io/api', 'https://yespo.io/api/', 'https://api.yespo.io', 'https://eu.api.yespo.io/api']) {
      expect(isYespoApiUrl(url), url).toBe(true);
      expect(resolveSendSettings({ apiUrl: url }, {}).apiUrlSource).toBe('config send.apiUrl');
    }
  });

  it('refuses any other host, http, ports and credentials, and says to use YESPO_API_URL or --api-url', () => {
    const refused = [
      'http://yespo.io/api',
      'http://127.0.0.1:8080/api',
      'https://evil.example/api',
      'https://yespo.io.evil.example/api',
      'https://evilyespo.io/api',
      'https://evil.example/yespo.io',
      'https://yespo.io@evil.example/api',
      'https://user:pass@yespo.io/api',
      'https://yespo.io:8443/api',
      'ftp://yespo.io/api',
      'not a url',
    ];
    for (const url of refused) {
      expect(isYespoApiUrl(url), url).toBe(false);
      let error: unknown;
      try {
        resolveSendSettings({ apiUrl: url }, { YESPO_API_KEY: 'k' });
      } catch (err) {
        error = err;
      }
      expect(error, url).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toMatch(/send\.apiUrl .*must be an https URL on yespo\.io/);
      expect((error as Error).message).toMatch(/YESPO_API_URL or pass --api-url/);
    }
  });

  it('lets YESPO_API_URL and --api-url point anywhere, local http test servers too', () => {
    const env = resolveSendSettings(undefined, { YESPO_API_URL: 'http://127.0.0.1:9/api' });
    expect([env.apiUrl, env.apiUrlSource]).toEqual(['http://127.0.0.1:9/api', 'YESPO_API_URL']);
    const flag = resolveSendSettings({ apiUrl: 'https://api.yespo.io/api' }, {}, { apiUrl: 'http://localhost:3000/api' });
    expect([flag.apiUrl, flag.apiUrlSource]).toEqual(['http://localhost:3000/api', '--api-url']);
    expect(resolveSendSettings(undefined, {}).apiUrlSource).toBe('default');
  });

  it('refuses a YESPO_API_URL or --api-url that is not an http(s) URL, before any request', () => {
    expect(() => resolveSendSettings(undefined, {}, { apiUrl: 'ftp://x' })).toThrow(/--api-url must be an http\(s\) URL .*not 'ftp:\/\/x'/);
    expect(() => resolveSendSettings(undefined, { YESPO_API_URL: 'yespo.io/api' })).toThrow(/YESPO_API_URL must be an http\(s\) URL/);
    expect(() => resolveSendSettings(undefined, {}, { apiUrl: 'http://' })).toThrow(ConfigError);
  });
});
