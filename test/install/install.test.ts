/**
 * The package as a user gets it: `npm pack` (which builds), the tarball installed into a fresh
 * project from npm's cache, then the *installed* `velvet` driven as the README's "Use velvet in
 * your project" says: init, new, fixture, render, lint, and preview in Chromium (the frame shows
 * the email with its images, an edit on disk updates it). Nothing published may import src/.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../preview/helpers.js';
import { writeProject } from './offline-lock.js';
import { RULES } from '../../src/lint/rules/index.js';

const ROOT = resolve(import.meta.dirname, '../..');
const SCREENSHOT = join(ROOT, 'test-results', 'install-preview.png');

function run(cmd: string, args: string[], cwd: string): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', npm_config_audit: 'false', npm_config_fund: 'false' } });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function filesOf(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? filesOf(join(dir, n)) : [join(dir, n)]));
}

describe('velvet installed from its packed tarball', () => {
  let work: string;
  let project: string;
  let packed: string[] = [];
  let preview: ChildProcess | undefined;
  const velvet = (...args: string[]) => run(join(project, 'node_modules', '.bin', 'velvet'), args, project);

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'velvet-install-'));
    project = join(work, 'shop-emails');
    mkdirSync(project);
    // npm pack runs prepack, which builds dist/ and the UI
    const pack = run('npm', ['pack', '--json', '--pack-destination', project], ROOT);
    expect(pack.code, pack.stderr).toBe(0);
    const info = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('['))) as { filename: string; files: { path: string }[] }[];
    packed = info[0]!.files.map((f) => f.path);
    writeProject(ROOT, project, info[0]!.filename);
    let install = run('npm', ['ci', '--offline'], project);
    // a cache without some tarball: let npm fetch what is missing
    if (install.code !== 0) install = run('npm', ['install', '--prefer-offline'], project);
    expect(install.code, install.stderr).toBe(0);
  }, 240_000);

  afterAll(() => {
    if (preview?.pid) preview.kill('SIGTERM');
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('ships only what runs: bin, dist with the built UI, docs (every rule page the editor links), schemas, the starter; nothing imports src/', () => {
    expect(packed).toContain('bin/velvet.js');
    expect(packed).toContain('dist/cli/main.js');
    expect(packed).toContain('dist/ui/index.html');
    expect(packed).toContain('schemas/config.schema.json');
    expect(packed).toContain('starter/email/email.html');
    const tops = new Set(packed.map((p) => p.split('/')[0]));
    expect([...tops].sort()).toEqual(['README.md', 'bin', 'dist', 'docs', 'package.json', 'schemas', 'starter']);
    for (const rule of RULES) expect(packed, rule.meta.id).toContain(rule.meta.docs);
    expect(packed.filter((p) => p.endsWith('.map') || p.endsWith('.ts') && !p.endsWith('.d.ts'))).toEqual([]);
    const installed = join(project, 'node_modules', 'velvet');
    for (const file of filesOf(installed).filter((f) => /\.(js|mjs|html)$/.test(f))) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(/(?:from\s*|import\s*\(\s*|src=)["'](?:\.\.?\/)*src\//);
    }
  });

  it('init, new and fixture make a project that renders and lints clean', () => {
    const init = velvet('init', '--ci', 'github');
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout).toContain('wrote   emails/welcome/email.html');
    expect(JSON.parse(readFileSync(join(project, 'velvet.config.json'), 'utf8')).$schema).toBe('./node_modules/velvet/schemas/config.schema.json');
    expect(existsSync(join(project, 'node_modules/velvet/schemas/config.schema.json'))).toBe(true);
    expect(JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')).scripts).toEqual({ 'velvet:preview': 'velvet preview', 'velvet:lint': 'velvet lint' });
    // the workflow runs the velvet npm ci installed, never one npm fetches by name
    const workflow = readFileSync(join(project, '.github/workflows/velvet.yml'), 'utf8');
    expect(workflow).toContain('run: npx --no-install velvet lint --format github');
    expect(init.stdout).toContain('wrote   .github/workflows/velvet.yml\n');
    const npx = run('npx', ['--no-install', 'velvet', '--version'], project);
    expect(npx.code, npx.stderr).toBe(0);
    expect(npx.stdout.trim()).toContain(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
    expect(init.stdout).toContain('Next: npx velvet preview');
    writeFileSync(join(project, 'yespo-export.html'), '<html lang="en"><head><title>Spring sale</title></head><body><h1>$!headline</h1><!--#foreach($p in $products)--><p>$!p.name: $!numberTool.format(\'#,##0.00\', $p.price)</p><!--#end--><a href="https://shop.example/unsubscribe">Unsubscribe</a></body></html>');
    expect(velvet('new', 'spring-sale', '--from', 'yespo-export.html').code).toBe(0);
    const fx = velvet('fixture', 'emails/spring-sale', '--name', 'event', '--format', 'event-v2');
    expect(fx.code, fx.stderr).toBe(0);
    const render = velvet('render', 'emails/spring-sale', '--fixture', 'event', '--body-only');
    expect(render.code, render.stderr).toBe(0);
    expect(render.stdout).toContain('<h1>Headline</h1>');
    expect(render.stdout).not.toMatch(/\$\w/);
    const lint = velvet('lint');
    expect(lint.code, lint.stdout + lint.stderr).toBe(0);
    expect(lint.stdout).toContain('2 templates, no problems');
    const gitlab = velvet('lint', '--format', 'gitlab');
    // infos (client-support's partial support) are in the report as severity info; nothing else
    expect((JSON.parse(gitlab.stdout) as { severity: string }[]).filter((i) => i.severity !== 'info')).toEqual([]);
  });

  it('previews in Chromium: the email with its images, updated after an edit on disk', async () => {
    const child = spawn(join(project, 'node_modules', '.bin', 'velvet'), ['preview', '--port', '0'], { cwd: project, env: { ...process.env, NO_COLOR: '1' } });
    preview = child;
    let out = '';
    const url = await new Promise<string>((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`no URL printed: ${out}`)), 20_000);
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
        if (m) {
          clearTimeout(timer);
          done(m[0]);
        }
      });
      child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
      child.on('exit', (code) => fail(new Error(`preview exited with ${code}: ${out}`)));
    });
    const browser = await launchChromium();
    try {
      const { page } = browser;
      const failed: string[] = [];
      page.on('response', (r) => {
        if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
      });
      page.on('requestfailed', (r) => failed.push(`failed ${r.url()}`));
      await page.goto(`${url}#/welcome/default`);
      const frame = page.frameLocator('velvet-frame iframe');
      await frame.locator('body').filter({ hasText: 'Welcome, Emma!' }).waitFor({ timeout: 15_000 });
      const images = frame.locator('img');
      expect(await images.count()).toBe(3);
      await expect.poll(() => images.evaluateAll((els) => els.map((e) => (e as HTMLImageElement).naturalWidth > 0 && (e as HTMLImageElement).complete)), { timeout: 10_000 }).toEqual([true, true, true]);
      expect(failed).toEqual([]);
      mkdirSync(join(ROOT, 'test-results'), { recursive: true });
      await page.screenshot({ path: SCREENSHOT });

      const template = join(project, 'emails', 'welcome', 'email.html');
      writeFileSync(template, readFileSync(template, 'utf8').replace('Thank you for signing up.', 'Edited on disk: thank you.'));
      await frame.locator('body').filter({ hasText: 'Edited on disk: thank you.' }).waitFor({ timeout: 15_000 });
    } finally {
      await browser.close();
      child.kill('SIGTERM');
    }
  });
});
