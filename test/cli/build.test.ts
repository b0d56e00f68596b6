import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEmail, listVariants, loadProject } from '../../src/project/index.js';
import { SAMPLES, tempTree, velvet } from './helpers.js';
import { safeName } from '../../src/cli/site.js';

async function sampleVariants(): Promise<{ email: string; fixture: string; subject: string | undefined }[]> {
  const out = [];
  for (const ref of loadProject(SAMPLES).emails) {
    const email = await loadEmail(ref.dir);
    for (const { fixture } of listVariants(email)) out.push({ email: ref.name, fixture: fixture.name, subject: email.subjectSource });
  }
  return out;
}

describe('velvet build', () => {
  it('renders every variant of every sample and writes the index', async () => {
    const out = join(tempTree(), 'site');
    const r = await velvet(['build', 'samples', '--out', out]);
    expect(r.code).toBe(0);
    const variants = await sampleVariants();
    expect(variants.length).toBeGreaterThanOrEqual(24);
    expect(r.stderr).toContain(`${variants.length} pages written to ${out}, 0 failed`);
    expect(r.stdout).toBe(`${out}/index.html\n`);
    const index = readFileSync(join(out, 'index.html'), 'utf8');
    for (const v of variants) {
      const page = join(out, v.email, `${v.fixture}.html`);
      expect(readFileSync(page, 'utf8')).toMatch(/^<!DOCTYPE html>/);
      expect(index).toContain(`href="${v.email}/${v.fixture}.html"`);
    }
    expect(index).toContain('Order NW-100482 confirmed: thank you, Emma!');
    expect(index).toMatch(/<td class="n">\d+\.\d KB<\/td><td style="color:#1b7f3b">ok<\/td>/);
    expect(JSON.parse(readFileSync(join(out, '.velvet-build.json'), 'utf8')).generator).toBe('velvet build');
  });

  it('writes the plain-text version of every page beside it, made by html-to-text, and links it', async () => {
    const html = [
      '<html><body><div style="display:none">Spring sale\u034f\u00a0\u034f\u00a0\u034f\u00a0</div>',
      '<h1>Hello, $name</h1><p>Our <a href="https://shop.example/sale">spring sale</a> is on.</p>',
      '<p><a href="https://shop.example/"><img src="logo.png" alt="Shop logo"></a><img src="spacer.gif" alt="spacer"></p>',
      '<p data-skip-in-text="true">View in browser</p><a href="https://shop.example/">https://shop.example/</a></body></html>',
    ].join('');
    const dir = tempTree({ 'm/email.html': html, 'm/data/one.json': '{"name": "Olena"}' });
    const r = await velvet(['build', 'm', '--out', 'out'], { cwd: dir });
    expect(r.code).toBe(0);
    const text = readFileSync(join(dir, 'out/m/one.txt'), 'utf8');
    expect(text).toBe('Spring sale\n\nHELLO, OLENA\n\nOur spring sale https://shop.example/sale is on.\n\nShop logo https://shop.example/\n\nhttps://shop.example/\n');
    expect(readFileSync(join(dir, 'out/index.html'), 'utf8')).toContain('href="m/one.txt"');
    expect(JSON.parse(readFileSync(join(dir, 'out/.velvet-build.json'), 'utf8')).files).toContain('m/one.txt');
  });

  it('keeps letters and digits of any script in page names; separators, spaces and controls become _', async () => {
    const dir = tempTree({ 'e/email.html': '<p>$!name</p>', 'e/data/VIP клиент 2.json': '{"name": "a"}', 'e/data/café\u202eexe.json': '{"name": "b"}' });
    const out = join(dir, 'site');
    const r = await velvet(['build', '.', '--out', out], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(join(out, 'e')).filter((f) => f.endsWith('.html')).sort()).toEqual(['VIP_клиент_2.html', 'café_exe.html']);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain(`href="e/${encodeURIComponent('VIP_клиент_2')}.html"`);
  });

  it('safeName: no separators, control or format characters, no leading dot, at most 120 bytes of UTF-8', () => {
    expect(safeName('a/b\\c:d')).toBe('a_b_c_d');
    expect(safeName('..\u0000x\u001b[31m')).toBe('__x_31m');
    expect(safeName('.hidden')).toBe('_hidden');
    expect(safeName('ＶＩＰ')).toBe('ＶＩＰ');
    expect(safeName('नमस्ते')).toBe('नमस्ते');
    expect(safeName('')).toBe('_');
    const long = safeName('я'.repeat(100));
    expect(Buffer.byteLength(long)).toBe(120);
    expect(long).toBe('я'.repeat(60));
    expect(Buffer.byteLength(safeName('😀'.repeat(50) + 'x'))).toBeLessThanOrEqual(120);
    expect(safeName('a'.repeat(200))).toBe('a'.repeat(120));
  });

  it('builds one email folder, multi-variant fixtures as fixture--variant pages, with progress lines', async () => {
    const recipients = Array.from({ length: 30 }, (_, i) => ({ locator: `r${i}@example.com`, jsonParam: JSON.stringify({ n: i }) }));
    const dir = tempTree({ 'm/email.html': 'n=$n', 'm/email.json': '{"subject": "No. $n"}', 'm/data/all.json': JSON.stringify({ recipients }) });
    const r = await velvet(['build', 'm', '--out', 'out'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'out/m/all--r7@example.com.html'), 'utf8')).toBe('n=7');
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('rendering '));
    expect(lines[0]).toBe('rendering 1/30 (3%)');
    expect(lines.at(-1)).toBe('rendering 30/30 (100%)');
    expect(lines.length).toBeLessThanOrEqual(11);
    expect(readFileSync(join(dir, 'out/index.html'), 'utf8')).toContain('No. 29');
    // on a terminal the progress line is rewritten in place
    const tty = await velvet(['build', 'm', '--out', 'out'], { cwd: dir, color: true });
    expect(tty.stderr).toContain('\r\x1b[Krendering 30/30 (100%)');
  });

  it('summarises failures as file:line:column message, marks them in the index and exits 1', async () => {
    const dir = tempTree({
      'emails/broken/email.html': '<p>\n#if($a</p>',
      'emails/broken/data/one.json': '{}',
      'emails/broken/data/two.json': '{}',
      'emails/good/email.html': 'ok $x',
      'emails/good/data/fine.json': '{"x": 1}',
      'emails/good/data/invalid.json': '{"x": }',
    });
    const r = await velvet(['build', 'emails', '--out', 'out'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Failures:\n {2}emails\/broken\/email\.html:2:\d+ .*\n {4}in broken \/ one, broken \/ two\n/);
    expect(r.stderr).toMatch(/ {2}emails\/good\/data\/invalid\.json:1:7 .*\n {4}in good \/ invalid\n/);
    expect(r.stderr).toContain('3 pages written to out, 3 failed');
    expect(readFileSync(join(dir, 'out/good/fine.html'), 'utf8')).toBe('ok 1');
    expect(readFileSync(join(dir, 'out/broken/one.html'), 'utf8')).toContain('render failed');
    const index = readFileSync(join(dir, 'out/index.html'), 'utf8');
    expect(index).toContain('3 failed');
    expect(index).toMatch(/failed: emails\/broken\/email\.html:2:\d+/);
  });

  it('exits 2 when only data is invalid', async () => {
    const dir = tempTree({ 'e/m/email.html': 'x', 'e/m/data/bad.json': '[1' });
    const r = await velvet(['build', 'e', '--out', 'out'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/e\/m\/data\/bad\.json:1:3 /);
  });

  it('flags renders above Gmail\'s 102 KB clipping threshold', async () => {
    const dir = tempTree({ 'big/email.html': '#foreach($i in [1..11000])0123456789#end', 'small/email.html': 'x' });
    const r = await velvet(['build', '.', '--out', 'out'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('warning big/empty-payload.html is 107.4 KB: Gmail clips messages above 102.0 KB');
    expect(r.stderr).toContain('1 over 102.0 KB (clipped by Gmail)');
    expect(readFileSync(join(dir, 'out/index.html'), 'utf8')).toContain('over 102.0 KB: Gmail clips it');
  });

  it('refuses a non-empty folder it did not make, unless --force (which deletes nothing)', async () => {
    const dir = tempTree({ 'm/email.html': 'x', 'site/keep.txt': 'mine' });
    const r = await velvet(['build', 'm', '--out', 'site'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--out site is not empty and was not made by velvet build');
    expect(readdirSync(join(dir, 'site'))).toEqual(['keep.txt']);
    const forced = await velvet(['build', 'm', '--out', 'site', '--force'], { cwd: dir });
    expect(forced.code).toBe(0);
    expect(readFileSync(join(dir, 'site/keep.txt'), 'utf8')).toBe('mine');
    expect(existsSync(join(dir, 'site/m/empty-payload.html'))).toBe(true);
  });

  it('rebuilds its own folder and removes only the stale pages it wrote', async () => {
    const dir = tempTree({ 'e/m/email.html': '$!x', 'e/m/data/a.json': '{}', 'e/m/data/b.json': '{}' });
    expect((await velvet(['build', 'e', '--out', 'out'], { cwd: dir })).code).toBe(0);
    writeFileSync(join(dir, 'out/notes.txt'), 'user file');
    const { unlinkSync } = await import('node:fs');
    unlinkSync(join(dir, 'e/m/data/b.json'));
    const again = await velvet(['build', 'e', '--out', 'out'], { cwd: dir });
    expect(again.code).toBe(0);
    expect(existsSync(join(dir, 'out/m/a.html'))).toBe(true);
    expect(existsSync(join(dir, 'out/m/b.html'))).toBe(false);
    expect(readFileSync(join(dir, 'out/notes.txt'), 'utf8')).toBe('user file');
  });

  it('refuses an output folder that holds the emails', async () => {
    const dir = tempTree({ 'e/m/email.html': 'x' });
    const r = await velvet(['build', 'e/m', '--out', '.'], { cwd: dir, env: {} });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('holds the emails being built');
  });

  it('usage and folder errors exit 2', async () => {
    const dir = tempTree({ 'x.txt': '' });
    const cases: [string[], RegExp][] = [
      [['build', '.'], /--out OUT is required/],
      [['build', 'nope', '--out', 'o'], /nope: cannot read: no such folder/],
      [['build', '.', '--out', 'o'], /no email folders/],
      [['build', 'a', 'b', '--out', 'o'], /give one DIR/],
    ];
    for (const [argv, message] of cases) {
      const r = await velvet(argv, { cwd: dir });
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr, argv.join(' ')).toMatch(message);
    }
  });

  it('--help shows usage and examples', async () => {
    const r = await velvet(['build', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Usage: velvet build DIR --out OUT');
    expect(r.stdout).toContain('velvet build samples --out site');
  });
});
