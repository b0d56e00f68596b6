/** The protocol's lifecycle: nothing before initialize, one initialize, nothing after shutdown, bad params refused. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ErrorCodes } from 'vscode-languageserver-protocol';
import { closeSession, initialize, openSession, uri, type TestClient } from './client.js';
import type { Project } from './project.js';

const codeOf = async (p: Promise<unknown>): Promise<number | string> => p.then(() => 'answered', (e: { code?: number }) => e.code ?? 'no code');

describe('lifecycle', () => {
  let project: Project;
  let client: TestClient;
  beforeEach(async () => ({ project, client } = await openSession({ initialize: false })));
  afterEach(() => closeSession({ project, client }, { ended: true }));

  const hover = () => client.conn.sendRequest('textDocument/hover', { textDocument: { uri: uri(project.template) }, position: { line: 0, character: 0 } });

  it('answers a request before initialize with ServerNotInitialized', async () => {
    expect(await codeOf(hover())).toBe(ErrorCodes.ServerNotInitialized);
    expect(await codeOf(client.conn.sendRequest('velvet/previewTarget', { uri: uri(project.template) }))).toBe(ErrorCodes.ServerNotInitialized);
    await initialize(client, project.root);
    expect(await codeOf(hover())).toBe('answered');
  });

  it('refuses a second initialize', async () => {
    await initialize(client, project.root);
    const again = client.conn.sendRequest('initialize', { processId: null, rootUri: uri(project.root), capabilities: {} });
    expect(await codeOf(again)).toBe(ErrorCodes.InvalidRequest);
    expect(await codeOf(hover())).toBe('answered');
  });

  it('answers requests after shutdown with InvalidRequest', async () => {
    await initialize(client, project.root);
    await client.conn.sendRequest('shutdown');
    expect(await codeOf(hover())).toBe(ErrorCodes.InvalidRequest);
  });

  it('answers null or missing params with InvalidParams', async () => {
    await initialize(client, project.root);
    for (const method of ['textDocument/hover', 'textDocument/completion', 'textDocument/definition', 'textDocument/documentSymbol', 'textDocument/codeAction', 'velvet/previewTarget', 'velvet/openPreview']) {
      expect(await codeOf(client.conn.sendRequest(method, null)), method).toBe(ErrorCodes.InvalidParams);
      expect(await codeOf(client.conn.sendRequest(method, { textDocument: {} })), method).toBe(ErrorCodes.InvalidParams);
    }
  });
});
