/**
 * Where a file belongs: a stray template outside every editor root and every project is checked
 * alone; its folder (a home folder, `/usr`) is never scanned for emails.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createProjects } from '../../src/lsp/projects.js';

const SAMPLES = fileURLToPath(new URL('../../samples', import.meta.url));
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('projects', () => {
  it('checks a stray template outside every root alone, without scanning its folder', async () => {
    const stray = mkdtempSync(join(tmpdir(), 'velvet-lsp-stray-'));
    dirs.push(stray);
    // an email somewhere below the stray file's folder must not be loaded
    mkdirSync(join(stray, 'deep', 'mail'), { recursive: true });
    writeFileSync(join(stray, 'deep', 'mail', 'email.html'), '<p>$x</p>');
    writeFileSync(join(stray, 'scratch.vm'), '#set($a = 1)$a');
    const projects = createProjects({ roots: [], watch: false });
    const place = await projects.place(join(stray, 'scratch.vm'));
    expect(place.workspace).toBeUndefined();
    expect(place.kind).toBe('template');
    expect(projects.emailFor(place, join(stray, 'scratch.vm'), '#set($a = 1)$a')?.fixtures).toEqual([]);
    await projects.close();
  });

  it('still opens the project of a file inside an editor root', async () => {
    const root = mkdtempSync(join(tmpdir(), 'velvet-lsp-root-'));
    dirs.push(root);
    cpSync(join(SAMPLES, 'welcome'), join(root, 'welcome'), { recursive: true });
    const projects = createProjects({ roots: [root], watch: false });
    const place = await projects.place(join(root, 'welcome', 'email.html'));
    expect(place.workspace).toBeDefined();
    expect(place.email).toBe('welcome');
    await projects.close();
  });
});
