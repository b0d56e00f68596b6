import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempTree, velvet } from './helpers.js';

/** A few bytes of a PNG: a signature with NUL bytes and control characters. */
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x1b, 0x5b, 0x32, 0x4a]);
const LATIN1 = Buffer.from('{"name": "Ren\xe9e"}', 'latin1');
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f]/;

function tree(): string {
  const dir = tempTree({ 'ok.vm': 'Hi $!name', 'e/email.html': 'Hi $!name', 'e/data/good.json': '{"name": "Ann"}', 'bin/email.html': 'x' });
  writeFileSync(join(dir, 'logo.vm'), PNG);
  writeFileSync(join(dir, 'data.json'), PNG);
  writeFileSync(join(dir, 'latin1.json'), LATIN1);
  writeFileSync(join(dir, 'e/data/image.json'), PNG);
  writeFileSync(join(dir, 'bin/email.html'), PNG);
  return dir;
}

describe('binary input is "not a text file"', () => {
  it('a binary bare template', async () => {
    const r = await velvet(['render', 'logo.vm'], { cwd: tree() });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('logo.vm: not a text file: it holds binary data (a NUL byte at offset 8)\n');
  });

  it('a binary or non-UTF-8 data file, from a path or stdin', async () => {
    const dir = tree();
    const bin = await velvet(['render', 'ok.vm', '--data', 'data.json'], { cwd: dir });
    expect(bin.code).toBe(2);
    expect(bin.stderr).toMatch(/^data\.json: not a text file: it holds binary data/);
    expect(bin.stderr).not.toMatch(CONTROL);
    const latin = await velvet(['render', 'ok.vm', '--data', 'latin1.json'], { cwd: dir });
    expect(latin.code).toBe(2);
    expect(latin.stderr).toBe('latin1.json: not a text file: it is not UTF-8 text\n');
    const stdin = await velvet(['render', 'ok.vm', '--data', '-'], { cwd: dir, stdin: PNG.toString('latin1') });
    expect(stdin.stderr).not.toMatch(CONTROL);
  });

  it('a binary fixture in data/ and a binary email.html', async () => {
    const dir = tree();
    const r = await velvet(['render', 'e', '--fixture', 'image'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('e/data/image.json: not a text file: it holds binary data (a NUL byte at offset 8)\n');
    const good = await velvet(['render', 'e', '--fixture', 'good', '--body-only'], { cwd: dir });
    expect(good.stdout).toBe('Hi Ann');
    const b = await velvet(['build', '.', '--out', 'site'], { cwd: dir });
    expect(b.stderr).toMatch(/bin\/email\.html: not a text file/);
    expect(b.stderr).toMatch(/e\/data\/image\.json: not a text file/);
    expect(b.stderr).not.toMatch(CONTROL);
  });
});

describe('control characters in a text file never reach the terminal', () => {
  it('an ESC sequence in a broken JSON file is shown as a placeholder in the code frame', async () => {
    const dir = tempTree({ 'ok.vm': 'x', 'esc.json': '{"a": "\x1b[2J\x1b]0;owned\x07", }' });
    const r = await velvet(['render', 'ok.vm', '--data', 'esc.json'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^esc\.json:1:\d+ /);
    expect(r.stderr).not.toMatch(CONTROL);
    expect(r.stderr).toContain('\u241b[2J');
  });
});
