/** The event stream: Server-Sent Events on /__velvet/events, for the page's token only. */
import { request } from 'node:http';
import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreview, type PreviewServer } from '../../src/preview/index.js';
import { copySamples, pageToken, postJson, raw } from './helpers.js';

describe('preview event stream', () => {
  let project: ReturnType<typeof copySamples>;
  let server: PreviewServer;
  beforeAll(async () => {
    project = copySamples();
    server = await startPreview({ dir: project.dir, port: 0, env: {} });
  });
  afterAll(async () => {
    await server?.close();
    project?.remove();
  });

  it('refuses a missing or wrong token and a foreign Host', async () => {
    expect((await raw(server.url, '/__velvet/events')).status).toBe(403);
    expect((await raw(server.url, '/__velvet/events?token=nope')).status).toBe(403);
    const token = await pageToken(server.url);
    expect((await raw(server.url, `/__velvet/events?token=${token}`, { headers: { host: 'evil.example:80' } })).status).toBe(403);
  });

  it('pushes a new render of the selection after a save, as a velvet:render event', async () => {
    const token = await pageToken(server.url);
    const clientId = 'events-test';
    const res = await postJson(server.url, '/__velvet/api/render', { clientId, email: 'welcome', fixture: 'website-signup' }, token);
    expect(res.status).toBe(200);
    const u = new URL(server.url);
    let text = '';
    const got = new Promise<string>((done, fail) => {
      const req = request({ host: u.hostname, port: u.port, path: `/__velvet/events?token=${token}` }, (r) => {
        expect(r.statusCode).toBe(200);
        expect(r.headers['content-type']).toBe('text/event-stream; charset=utf-8');
        r.on('data', (c: Buffer) => {
          text += c.toString();
          if (text.includes('SSE marker')) {
            req.destroy();
            done(text);
          }
        });
        // the stream is open: now change the template
        const file = join(project.dir, 'welcome', 'email.html');
        writeFileSync(file, readFileSync(file, 'utf8').replace('Thank you for joining', 'SSE marker: thank you for joining'));
      });
      req.on('error', (e) => (text.includes('SSE marker') ? undefined : fail(e)));
      req.end();
    });
    const stream = await got;
    const frame = stream.split('\n\n').find((f) => f.includes('SSE marker'))!;
    expect(frame.startsWith('event: velvet:render\ndata: ')).toBe(true);
    const push = JSON.parse(frame.slice(frame.indexOf('data: ') + 6)) as { clientId: string; result: { ok: boolean; html: string } };
    expect(push.clientId).toBe(clientId);
    expect(push.result.ok).toBe(true);
  });
});
