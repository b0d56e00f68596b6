import { describe, expect, it } from 'vitest';
import { YespoClient } from '../../src/yespo/client.js';
import { requests } from '../../src/yespo/endpoints.js';
import { createRedactor, redact } from '../../src/yespo/redact.js';
import { KEY, KEY_FORMS, leaksKey } from './helpers.js';

describe('redaction', () => {
  it('removes the key in every form it can take', () => {
    const text = KEY_FORMS.join(' | ') + ` ${encodeURIComponent(KEY + '/+')} ${KEY_FORMS[1]!.replace(/=+$/, '')}`;
    const out = redact(text, KEY);
    expect(leaksKey(out)).toBe(false);
    expect(out).toContain('***');
  });

  it('removes any Basic credentials, even of an unknown key', () => {
    expect(createRedactor()('Authorization: Basic dXNlcjpvdGhlcg==')).toBe('Authorization: Basic ***');
  });

  it('leaves other text alone', () => {
    expect(redact('POST /v1/message/1/smartsend 400', KEY)).toBe('POST /v1/message/1/smartsend 400');
    expect(redact('nothing', undefined)).toBe('nothing');
  });

  it('a dry-run description never holds the key, even inside the URL or body', () => {
    const c = new YespoClient({ baseUrl: 'https://yespo.io/api', apiKey: KEY });
    const text = c.describe(requests.sendEmail({ from: 'a@example.com', subject: KEY, htmlText: `<p>${KEY}</p>`, emails: ['b@example.com'] }));
    expect(leaksKey(text)).toBe(false);
    expect(text).toMatch(/^POST https:\/\/yespo.io\/api\/v1\/message\/email\n/);
  });
});
