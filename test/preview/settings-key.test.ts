/**
 * The "Send test" panel's settings never carry the API key to the browser, even when a config
 * holds it by mistake (in the API URL's path, the subject prefix) or a config error quotes it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreview, type PreviewServer } from '../../src/preview/index.js';
import { copySamples, pageToken } from './helpers.js';

const KEY = 'sk-live-Settings9Qw3Er7Ty1Ui';

describe('send settings in the browser', { timeout: 60_000 }, () => {
  let project: ReturnType<typeof copySamples>;
  let server: PreviewServer;
  let token: string;
  let config: string;
  let original: Record<string, unknown>;

  beforeAll(async () => {
    project = copySamples();
    config = join(project.dir, 'velvet.config.json');
    original = JSON.parse(readFileSync(config, 'utf8')) as Record<string, unknown>;
    server = await startPreview({ dir: project.dir, port: 0, env: { YESPO_API_KEY: KEY } });
    token = await pageToken(server.url);
  });

  afterAll(async () => {
    await server?.close();
    project?.remove();
  });

  it('are redacted, whatever the config holds', async () => {
    const sends = [
      { apiUrl: `https://eu.yespo.io/${KEY}`, subjectPrefix: `[${KEY}] ` },
      { apiUrl: `https://velvet:${KEY}@yespo.io/api` },
      { carrierMessageId: KEY },
    ];
    for (const send of sends) {
      writeFileSync(config, JSON.stringify({ ...original, send }, null, 2));
      const res = await fetch(new URL('/__velvet/api/send/settings?email=welcome', server.url), { headers: { 'x-velvet-token': token } });
      const body = await res.text();
      expect(res.status).toBe(200);
      expect(body, JSON.stringify(send)).not.toContain(KEY);
      expect(body).not.toContain(Buffer.from(`velvet:${KEY}`).toString('base64'));
    }
  });
});
