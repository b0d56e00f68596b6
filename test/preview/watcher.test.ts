/**
 * The watcher on awkward folders: a symlink loop inside an email (`ln -s .. welcome/up`) must not
 * crash start-up, and a symlink to a folder outside the project is never followed, so nothing
 * outside the project is watched or reported.
 */
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startPreview } from '../../src/preview/index.js';
import { createProjectState } from '../../src/preview/state.js';
import { createProjectWatcher, type FileEvent } from '../../src/preview/watcher.js';
import { copySamples } from './helpers.js';

describe('the watcher and symlinks', () => {
  let project: ReturnType<typeof copySamples>;
  let outside: string;

  beforeEach(() => {
    project = copySamples();
    outside = mkdtempSync(join(tmpdir(), 'velvet-outside-'));
  });

  afterEach(() => {
    project.remove();
    rmSync(outside, { recursive: true, force: true });
  });

  it('starts the preview with a symlink loop in an email folder', async () => {
    symlinkSync('..', join(project.dir, 'welcome', 'up'));
    const server = await startPreview({ dir: project.dir, port: 0, env: {} });
    try {
      const res = await fetch(new URL('/__velvet/api/emails', server.url));
      expect(res.status).toBe(200);
      expect(((await res.json()) as { name: string }[]).map((e) => e.name)).toContain('welcome');
    } finally {
      await server.close();
    }
  });

  it('never reports changes in a folder outside the project reached through a symlink', async () => {
    writeFileSync(join(outside, 'secret.json'), '{}');
    symlinkSync(outside, join(project.dir, 'welcome', 'elsewhere'));
    const state = await createProjectState(project.dir);
    const events: FileEvent[] = [];
    const watcher = createProjectWatcher(state.watchRoots(), (batch) => events.push(...batch));
    try {
      await watcher.ready;
      const watched = watcher.watchedDirs();
      expect(watched.filter((p) => p.startsWith(outside))).toEqual([]);
      writeFileSync(join(outside, 'secret.json'), '{"changed": true}');
      writeFileSync(join(outside, 'new.json'), '{}');
      // a change inside the project in the same window is reported: the watcher is alive
      writeFileSync(join(project.dir, 'welcome', 'email.json'), '{"subject": "Changed"}');
      await expect.poll(() => events.some((e) => e.path.endsWith(join('welcome', 'email.json'))), { timeout: 5_000 }).toBe(true);
      await new Promise((r) => setTimeout(r, 200));
      expect(events.filter((e) => e.path.includes('secret.json') || e.path.includes('new.json') || e.path.includes('elsewhere'))).toEqual([]);
    } finally {
      await watcher.close();
    }
  });
});
