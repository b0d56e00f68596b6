/**
 * The watcher and the live renderer without a browser: a recording channel stands in for Vite's
 * HMR connection. Covers double writes, saves by rename, quick successive saves (no stale
 * result), and emails and fixtures appearing and disappearing.
 */
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventChannel } from '../../src/preview/channel.js';
import { createLiveRenderer, type LiveRenderer } from '../../src/preview/live.js';
import type { EmailSummary, RenderPush, VelvetEvents } from '../../src/preview/protocol.js';
import { createProjectState } from '../../src/preview/state.js';
import { createProjectWatcher, type ProjectWatcher } from '../../src/preview/watcher.js';
import { copySamples } from './helpers.js';

describe('live renders from file changes', () => {
  let project: ReturnType<typeof copySamples>;
  let watcher: ProjectWatcher;
  let live: LiveRenderer;
  let renders: RenderPush[];
  let lists: EmailSummary[][];
  let texts: VelvetEvents['velvet:text'][];
  let template: string;
  let original: string;

  beforeEach(async () => {
    project = copySamples();
    template = join(project.dir, 'welcome', 'email.html');
    original = readFileSync(template, 'utf8');
    renders = [];
    lists = [];
    texts = [];
    const channel: EventChannel = {
      send<K extends keyof VelvetEvents>(event: K, payload: VelvetEvents[K]) {
        if (event === 'velvet:render') renders.push(payload as RenderPush);
        if (event === 'velvet:emails') lists.push(payload as EmailSummary[]);
        if (event === 'velvet:text') texts.push(payload as VelvetEvents['velvet:text']);
      },
      close() {},
    };
    const state = await createProjectState(project.dir);
    live = createLiveRenderer(state, channel, state.errorInfo);
    watcher = createProjectWatcher(state.watchRoots(), (batch) => void live.onFiles(batch));
    await watcher.ready;
    await live.select({ clientId: 'tab', email: 'welcome', fixture: 'website-signup' });
  });

  afterEach(async () => {
    await watcher.close();
    live.close();
    project.remove();
  });

  const htmlOf = (p: RenderPush | undefined) => (p?.result.ok ? p.result.html : '');

  it('pushes a save at once and its plain text right after, for the same seq', async () => {
    writeFileSync(template, original.replace('Thank you for joining', 'Text follows'));
    await vi.waitFor(() => expect(htmlOf(renders.at(-1))).toContain('Text follows'), { timeout: 5_000 });
    const push = renders.at(-1)!;
    expect(push.result.ok && push.result.textPending).toBe(true);
    await vi.waitFor(() => expect(texts.some((t) => t.seq === push.seq && t.text.includes('Text follows'))).toBe(true), { timeout: 5_000 });
    expect(texts.find((t) => t.seq === push.seq)?.clientId).toBe('tab');
  });

  it('a double write (truncate, then write) ends on the final text, pushed once', async () => {
    writeFileSync(template, '');
    writeFileSync(template, original.replace('Thank you for joining', 'Double write'));
    await vi.waitFor(() => expect(htmlOf(renders.at(-1))).toContain('Double write'), { timeout: 5_000 });
    // let the trailing re-check run: it must not push the same render again
    await new Promise((r) => setTimeout(r, 150));
    await live.idle();
    const same = renders.filter((p) => htmlOf(p).includes('Double write'));
    expect(same).toHaveLength(1);
    expect(htmlOf(renders.at(-1))).toContain('Double write');
  });

  it('quick successive saves never leave an older render last', async () => {
    for (let i = 1; i <= 5; i++) writeFileSync(template, original.replace('Thank you for joining', `Save number ${i}`));
    await vi.waitFor(() => expect(htmlOf(renders.at(-1))).toContain('Save number 5'), { timeout: 5_000 });
    await new Promise((r) => setTimeout(r, 150));
    await live.idle();
    expect(htmlOf(renders.at(-1))).toContain('Save number 5');
    const seqs = renders.map((r) => r.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  });

  it('a save by rename (write a temp file, rename it over) is followed', async () => {
    const tmp = join(project.dir, 'welcome', '.email.html.swp');
    writeFileSync(tmp, original.replace('Thank you for joining', 'Renamed into place'));
    renameSync(tmp, template);
    await vi.waitFor(() => expect(htmlOf(renders.at(-1))).toContain('Renamed into place'), { timeout: 5_000 });
  });

  it('writing the same text again pushes nothing', async () => {
    writeFileSync(template, original);
    await new Promise((r) => setTimeout(r, 200));
    await live.idle();
    expect(renders).toHaveLength(0);
  });

  it('only the affected email is re-rendered', async () => {
    writeFileSync(join(project.dir, 'birthday', 'email.html'), 'changed birthday');
    await new Promise((r) => setTimeout(r, 150));
    await live.idle();
    expect(renders).toHaveLength(0);
  });

  it('new and deleted emails and fixtures appear and disappear', async () => {
    mkdirSync(join(project.dir, 'brand-new', 'data'), { recursive: true });
    writeFileSync(join(project.dir, 'brand-new', 'data', 'one.json'), '{"name":"Ann"}');
    writeFileSync(join(project.dir, 'brand-new', 'email.html'), 'Hello $name');
    await vi.waitFor(() => expect(lists.at(-1)?.find((e) => e.name === 'brand-new')?.fixtures.map((f) => f.name)).toEqual(['one']), { timeout: 5_000 });
    writeFileSync(join(project.dir, 'welcome', 'data', 'zz-extra.json'), '{"firstName":"Extra"}');
    await vi.waitFor(() => expect(lists.at(-1)?.find((e) => e.name === 'welcome')?.fixtures.map((f) => f.name)).toContain('zz-extra'), { timeout: 5_000 });
    rmSync(join(project.dir, 'welcome', 'data', 'zz-extra.json'));
    await vi.waitFor(() => expect(lists.at(-1)?.find((e) => e.name === 'welcome')?.fixtures.map((f) => f.name)).not.toContain('zz-extra'), { timeout: 5_000 });
    rmSync(join(project.dir, 'brand-new'), { recursive: true });
    await vi.waitFor(() => expect(lists.at(-1)?.some((e) => e.name === 'brand-new')).toBe(false), { timeout: 5_000 });
  });

  it('a broken fixture is an error for its tab, and a config change re-renders everything', async () => {
    await live.select({ clientId: 'tab', email: 'welcome', fixture: 'website-signup' });
    writeFileSync(join(project.dir, 'welcome', 'data', 'website-signup.json'), '{"firstName": ');
    await vi.waitFor(() => expect(renders.at(-1)?.result.ok).toBe(false), { timeout: 5_000 });
    const failed = renders.at(-1)?.result;
    expect(failed && !failed.ok && failed.error.file).toBe('welcome/data/website-signup.json');
    writeFileSync(join(project.dir, 'welcome', 'data', 'website-signup.json'), '{"firstName": "Fixed", "signupSource": "app"}');
    await vi.waitFor(() => expect(htmlOf(renders.at(-1))).toContain('through our mobile app'), { timeout: 5_000 });

    const config = join(project.dir, 'velvet.config.json');
    const text = readFileSync(config, 'utf8');
    writeFileSync(config, text.replace('"emails"', '"emailz"'));
    await vi.waitFor(() => expect(renders.at(-1)?.result.ok).toBe(false), { timeout: 5_000 });
    const bad = renders.at(-1)?.result;
    expect(bad && !bad.ok && bad.error.file).toBe('velvet.config.json');
    writeFileSync(config, text);
    await vi.waitFor(() => expect(renders.at(-1)?.result.ok).toBe(true), { timeout: 5_000 });
  });
});
