/**
 * The template sources for the Source tab: GET /__velvet/api/source (token, project files only)
 * and the `velvet:source` event that follows a save.
 */
import { mkdtempSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { EventChannel } from '../../src/preview/channel.js';
import { startPreview, type PreviewServer } from '../../src/preview/index.js';
import { createLiveRenderer } from '../../src/preview/live.js';
import type { SourceResponse, VelvetEvents } from '../../src/preview/protocol.js';
import { createProjectState } from '../../src/preview/state.js';
import { createProjectWatcher } from '../../src/preview/watcher.js';
import { copySamples, pageToken } from './helpers.js';

describe('template sources for the Source tab', () => {
  let project: ReturnType<typeof copySamples>;
  let server: PreviewServer;
  let token: string;

  beforeAll(async () => {
    project = copySamples();
    server = await startPreview({ dir: project.dir, port: 0, env: {} });
    token = await pageToken(server.url);
  });

  afterAll(async () => {
    await server?.close();
    project?.remove();
  });

  const get = (email: string, t: string | null = token) =>
    fetch(new URL(`/__velvet/api/source?email=${encodeURIComponent(email)}`, server.url), { headers: t === null ? {} : { 'x-velvet-token': t } });

  it('answers email.html and email.json as the files are, with paths relative to the project', async () => {
    const res = await get('welcome');
    expect(res.status).toBe(200);
    const body = (await res.json()) as SourceResponse;
    expect(body.email).toBe('welcome');
    expect(body.files.map((f) => [f.file, f.kind])).toEqual([
      ['welcome/email.html', 'template'],
      ['welcome/email.json', 'meta'],
    ]);
    expect(body.files[0]?.text).toBe(readFileSync(join(project.dir, 'welcome', 'email.html'), 'utf8'));
    expect(body.files[1]?.text).toBe(readFileSync(join(project.dir, 'welcome', 'email.json'), 'utf8'));
  });

  it('needs the session token and a known email', async () => {
    expect((await get('welcome', null)).status).toBe(403);
    expect((await get('welcome', 'wrong')).status).toBe(403);
    expect((await get('../welcome')).status).toBe(404);
    expect((await get('no-such-email')).status).toBe(404);
  });

  it('does not read a template that links out of the project', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'velvet-outside-'));
    const file = join(project.dir, 'event-discount', 'email.html');
    try {
      writeFileSync(join(outside, 'email.html'), '<p>Outside secret template</p>');
      renameSync(file, file + '.moved');
      symlinkSync(join(outside, 'email.html'), file);
      await vi.waitFor(async () => {
        const res = await get('event-discount');
        const body = (await res.json()) as SourceResponse;
        expect(JSON.stringify(body)).not.toContain('Outside secret');
        expect(body.files.map((f) => f.kind)).toEqual(['meta']);
      }, { timeout: 5_000 });
    } finally {
      rmSync(file, { force: true });
      renameSync(file + '.moved', file);
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('does not read an email.json that links out of the project', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'velvet-outside-'));
    const meta = join(project.dir, 'birthday', 'email.json');
    try {
      writeFileSync(join(outside, 'email.json'), JSON.stringify({ subject: 'Outside secret subject' }));
      renameSync(meta, meta + '.moved');
      symlinkSync(join(outside, 'email.json'), meta);
      await server.ready;
      // the email reloads on the change; whatever it loaded, the file outside is not shown
      await vi.waitFor(async () => {
        const body = (await (await get('birthday')).json()) as SourceResponse;
        expect(body.files.map((f) => f.kind)).toEqual(['template']);
      }, { timeout: 5_000 });
    } finally {
      rmSync(meta, { force: true });
      renameSync(meta + '.moved', meta);
      rmSync(outside, { recursive: true, force: true });
    }
  });
});

describe('velvet:source after a save', () => {
  it('sends the new sources of an email a tab shows, once per change, and not for a fixture edit', async () => {
    const project = copySamples();
    const sent: VelvetEvents['velvet:source'][] = [];
    const channel: EventChannel = {
      send<K extends keyof VelvetEvents>(event: K, payload: VelvetEvents[K]) {
        if (event === 'velvet:source') sent.push(payload as SourceResponse);
      },
      close() {},
    };
    const state = await createProjectState(project.dir);
    const live = createLiveRenderer(state, channel, state.errorInfo, undefined, async () => '');
    const watcher = createProjectWatcher(state.watchRoots(), (batch) => void live.onFiles(batch));
    try {
      await watcher.ready;
      await live.select({ clientId: 'tab', email: 'welcome', fixture: 'website-signup' });
      const template = join(project.dir, 'welcome', 'email.html');
      const edited = readFileSync(template, 'utf8') + '\n## a comment only: the render stays the same\n';
      writeFileSync(template, edited);
      await vi.waitFor(() => expect(sent.at(-1)?.files[0]?.text).toBe(edited), { timeout: 5_000 });
      await new Promise((r) => setTimeout(r, 200));
      await live.idle();
      expect(sent.filter((s) => s.files[0]?.text === edited)).toHaveLength(1);
      expect(sent[0]?.email).toBe('welcome');

      const count = sent.length;
      const fixture = join(project.dir, 'welcome', 'data', 'website-signup.json');
      writeFileSync(fixture, readFileSync(fixture, 'utf8').replace('"firstName"', '"firstName" '));
      await new Promise((r) => setTimeout(r, 300));
      await live.idle();
      expect(sent).toHaveLength(count);
    } finally {
      await watcher.close();
      live.close();
      project.remove();
    }
  });
});
