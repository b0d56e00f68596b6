/** The shared workspace: emails loaded once, file events applied, unsaved buffers laid over files. */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWorkspace, type Workspace, type WorkspaceChange } from '../../src/project/workspace.js';

const SAMPLES = fileURLToPath(new URL('../../samples', import.meta.url));

describe('workspace', () => {
  let dir: string;
  let ws: Workspace;
  let changes: WorkspaceChange[];
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'velvet-ws-'));
    cpSync(SAMPLES, dir, { recursive: true });
    ws = await createWorkspace(dir);
    changes = [];
    ws.subscribe((c) => changes.push(c));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lists every email of the project in name order', () => {
    expect(ws.entries().map((e) => e.name)).toEqual([
      'abandoned-cart',
      'birthday',
      'event-discount',
      'order-confirmation',
      'smartsend-recommendations',
      'welcome',
    ]);
    expect(ws.email('welcome')?.fixtures.map((f) => f.name)).toContain('website-signup');
  });

  it('lays an unsaved template over the file and tells subscribers, then drops it', () => {
    const file = join(dir, 'welcome', 'email.html');
    const disk = ws.email('welcome')!.source;
    ws.setOverlay(file, 'Hello $name');
    expect(ws.email('welcome')!.source).toBe('Hello $name');
    expect(ws.entry('welcome')!.email!.source).toBe(disk);
    expect(changes).toEqual([{ emails: new Set(['welcome']), listChanged: false, buffers: true }]);
    ws.setOverlay(file, 'Hello $name');
    expect(changes).toHaveLength(1);
    ws.removeOverlay(file);
    expect(ws.email('welcome')!.source).toBe(disk);
    expect(changes).toHaveLength(2);
  });

  it('parses an unsaved fixture, a new one and a broken one', () => {
    const data = join(dir, 'welcome', 'data');
    ws.setOverlay(join(data, 'website-signup.json'), '{"promocode": "NEW"}');
    ws.setOverlay(join(data, 'aaa-new.json'), '{"x": 1}');
    ws.setOverlay(join(data, 'empty-payload.json'), '{"x": ');
    const email = ws.email('welcome')!;
    expect(email.fixtures[0]!.name).toBe('aaa-new');
    expect(email.fixtures.find((f) => f.name === 'website-signup')!.variants[0]!.json).toEqual({ promocode: 'NEW' });
    expect(email.fixtures.some((f) => f.name === 'empty-payload')).toBe(false);
    expect(email.fixtureErrors.map((e) => e.file)).toEqual([join(data, 'empty-payload.json')]);
  });

  it('reads an unsaved email.json and keeps the saved meta while it is invalid', () => {
    const meta = join(dir, 'welcome', 'email.json');
    ws.setOverlay(meta, '{"subject": "Hi $name"}');
    expect(ws.email('welcome')!.subjectSource).toBe('Hi $name');
    ws.setOverlay(meta, '{"subject": ');
    expect(ws.email('welcome')!.subjectSource).toMatch(/^Welcome to Northwind/);
  });

  it('reloads the emails a batch of file events touched, and everything on a config change', async () => {
    writeFileSync(join(dir, 'birthday', 'email.html'), 'changed');
    const change = await ws.apply([{ kind: 'change', path: join(dir, 'birthday', 'email.html') }]);
    expect(change).toEqual({ emails: new Set(['birthday']), listChanged: false });
    expect(ws.email('birthday')!.source).toBe('changed');
    const all = await ws.apply([{ kind: 'change', path: join(dir, 'velvet.config.json') }]);
    expect(all.emails).toBe('all');
    writeFileSync(join(dir, 'velvet.config.json'), '{');
    const broken = await ws.apply([{ kind: 'change', path: join(dir, 'velvet.config.json') }]);
    expect(broken.error?.message).toBeTruthy();
    expect(ws.email('birthday')!.source).toBe('changed');
    expect(changes.map((c) => c.emails === 'all')).toEqual([false, true, true]);
  });
});
