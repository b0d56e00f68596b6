import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenLocal, type LocalServer } from '../support/local-server.js';
import { runCli, tempTree } from './helpers.js';

describe('velvet lint --check-links against a server on 127.0.0.1', () => {
  let server: LocalServer;
  const requests: string[] = [];
  beforeAll(async () => {
    server = await listenLocal((req, _body, res) => {
      requests.push(`${req.method} ${req.url}`);
      if (req.url === '/slow') return; // never answers: the timeout must end it
      if (req.url === '/ok' || req.url === '/logo.png' || req.url?.startsWith('/unsubscribe')) res.writeHead(200).end();
      else if (req.url === '/no-head') res.writeHead(req.method === 'HEAD' ? 405 : 200).end('body');
      else if (req.url === '/moved') res.writeHead(301, { location: '/ok' }).end();
      else res.writeHead(404).end();
    });
  });
  afterAll(async () => {
    await server?.close();
  });

  const project = () => {
    const base = `http://127.0.0.1:${server.port}`;
    const html = [
      '<html lang="en"><body>',
      `<a href="${base}/ok">ok</a> <a href="${base}/ok">again</a> <a href="${base}/no-head">405</a>`,
      `<a href="${base}/moved">moved</a> <a href="${base}/missing">gone</a>`,
      `<a href="${base}/slow">slow</a> <img src="${base}/logo.png" alt="" width="1" height="1">`,
      `<a href="mailto:a@b.example">mail</a> <a href="${base}/unsubscribe?e=$!e">Unsubscribe</a>`,
      '</body></html>',
    ].join('\n');
    return tempTree({ 'velvet.config.json': '{}', 'e/email.html': html, 'e/email.json': { subject: 'Hello' }, 'e/data/a.json': { e: '1' }, 'e/data/b.json': { e: '2' } });
  };

  it('sends nothing without the flag', async () => {
    const t = project();
    try {
      requests.length = 0;
      const r = await runCli(['lint', t.dir, '--format', 'json'], t.dir);
      expect(r.code).toBe(0);
      expect(requests).toEqual([]);
    } finally {
      t.cleanup();
    }
  });

  it('reports failing URLs at their template line, asks each URL once, falls back to GET on 405, and times out', async () => {
    const t = project();
    try {
      requests.length = 0;
      const r = await runCli(['lint', t.dir, '--check-links', '--link-timeout', '500', '--format', 'json', '--rule', 'output-link-url=off'], t.dir);
      const out = JSON.parse(r.stdout) as { diagnostics: { ruleId: string; message: string; line: number; column: number; fixture: string }[] };
      const broken = out.diagnostics.filter((d) => d.ruleId === 'output-broken-link').map((d) => [`${d.line}:${d.column}`, d.message.replace(String(server.port), 'PORT'), d.fixture]);
      const base = 'http://127.0.0.1:PORT';
      const column = `<a href="http://127.0.0.1:${server.port}/moved">moved</a> `.length + 1;
      expect(broken).toEqual([
        [`3:${column}`, `The link ${base}/missing fails: HTTP 404`, 'a, b'],
        ['4:1', `The link ${base}/slow fails: no answer within 500 ms`, 'a, b'],
      ]);
      // /ok twice: once as itself, once as where /moved redirects to
      expect([...requests].sort()).toEqual(['GET /no-head', 'HEAD /logo.png', 'HEAD /missing', 'HEAD /moved', 'HEAD /no-head', 'HEAD /ok', 'HEAD /ok', 'HEAD /slow', 'HEAD /unsubscribe?e=1', 'HEAD /unsubscribe?e=2']);
    } finally {
      t.cleanup();
    }
  }, 30_000);

  it('rejects a bad --link-timeout', async () => {
    const r = await runCli(['lint', '.', '--check-links', '--link-timeout', 'soon']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--link-timeout takes milliseconds');
  });
});
