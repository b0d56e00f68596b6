import { validateSarif } from '../support/sarif.js';
import { Ajv } from 'ajv';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { positionAt } from '../../src/errors.js';
import { copySamples, runCli, SAMPLES, tempTree } from './helpers.js';

describe('velvet lint on the samples', () => {
  it('finds no errors', async () => {
    const r = await runCli(['lint', SAMPLES, '--format', 'json']);
    const out = JSON.parse(r.stdout) as { errorCount: number; files: number; diagnostics: { ruleId: string }[] };
    expect(out.errorCount, r.stdout).toBe(0);
    expect(out.files).toBe(6);
    expect(r.code).toBe(0);
  });
  it('reports coverage and fails below --min-coverage', async () => {
    const r = await runCli(['lint', join(SAMPLES, 'welcome'), '--coverage', '--min-coverage', '100']);
    expect(r.stdout).toMatch(/Coverage welcome\/email\.html|Coverage .*welcome\/email\.html: \d+(\.\d)?% \(\d+\/\d+/);
    expect(r.stdout).toMatch(/\d+:\d+ {2}#elseif branch never taken by any fixture/);
    expect(r.stderr).toMatch(/below --min-coverage 100/);
    expect(r.code).toBe(1);
    expect((await runCli(['lint', join(SAMPLES, 'welcome'), '--min-coverage', '10'])).code).toBe(0);
  });
});

describe('a broken copy of a sample', () => {
  let dir = '';
  let cleanup = () => {};
  beforeAll(() => ({ dir, cleanup } = copySamples()));
  afterAll(() => cleanup());

  const edit = (rel: string, pairs: [string, string][]): string => {
    const file = join(dir, rel);
    let text = readFileSync(file, 'utf8');
    for (const [from, to] of pairs) {
      expect(text.includes(from), from).toBe(true);
      text = text.replace(from, to);
    }
    writeFileSync(file, text);
    return text;
  };
  const where = (text: string, needle: string, shift = 0) => {
    const at = text.indexOf(needle);
    expect(at, needle).toBeGreaterThanOrEqual(0);
    const p = positionAt(text, at + shift);
    return `${p.line}:${p.column}`;
  };

  it('reports each planted problem at its position', async () => {
    const text = edit('welcome/email.html', [
      ["${discountPercent|10}% off your first order", '$discountPercent% off your first order'],
      ['<!--#if($foreach.count > 3)-->', '<!--#if($velocityCount > 3)-->'],
      ['Three things to do next', '$math.add(1, 2) things to do next'],
      ["#set($cats = $data.get('categories'))", "#set($cats = $data.get('categories'))\n#set($second = $cats.get(1))"],
      ['<!--#if($promocode)-->', '#if($promocode)'],
    ]);
    const r = await runCli(['lint', join(dir, 'welcome'), '--format', 'json']);
    const out = JSON.parse(r.stdout) as { diagnostics: { ruleId: string; line: number; column: number; fixture?: string; file: string }[] };
    const found = new Set(out.diagnostics.filter((d) => d.file.endsWith('email.html')).map((d) => `${d.ruleId}@${d.line}:${d.column}`));
    const expected = [
      `loud-reference@${where(text, '$discountPercent%')}`,
      `no-velocity-count@${where(text, '$velocityCount')}`,
      `unknown-tool@${where(text, '$math.add', 1)}`,
      `output-leftover-code@${where(text, '$math.add')}`,
      `constant-index@${where(text, '$cats.get(1)', 10)}`,
      `directive-not-wrapped@${where(text, '#if($promocode)')}`,
    ];
    for (const e of expected) expect(found, `${e}\n${[...found].join('\n')}`).toContain(e);
    expect(r.code).toBe(1);
  });

  it('reports every syntax error of a template', async () => {
    const text = edit('birthday/email.html', [
      ["#set($name = ${firstName|'friend'})", "#set($name = ${firstName|'friend')"],
      ['<!--#if($memberSince)-->', '<!--#if($memberSince-->'],
    ]);
    const r = await runCli(['lint', join(dir, 'birthday'), '--format', 'json']);
    const out = JSON.parse(r.stdout) as { diagnostics: { ruleId: string; line: number; column: number }[] };
    expect(out.diagnostics.map((d) => `${d.ruleId}@${d.line}:${d.column}`)).toEqual([
      `syntax@${where(text, "'friend')", 8)}`,
      `syntax@${where(text, '<!--#if($memberSince-->', 22)}`,
    ]);
    expect(r.code).toBe(1);
  });
});

describe('velvet lint options', () => {
  const project = () =>
    tempTree({
      'velvet.config.json': { lint: { rules: { 'missing-subject': 'off' } } },
      'e/email.html': '<p>Hi $name</p>\n',
      'e/data/a.json': { name: 'Ann' },
    });

  it('formats: sarif validates, github prints workflow commands', async () => {
    const t = project();
    try {
      const sarif = await runCli(['lint', t.dir, '--format', 'sarif'], t.dir);
      expect(validateSarif(JSON.parse(sarif.stdout)), JSON.stringify(validateSarif.errors)).toBe(true);
      const gh = await runCli(['lint', t.dir, '--format', 'github'], t.dir);
      expect(gh.stdout).toBe("::warning file=e/email.html,line=1,col=7,endLine=1,endColumn=12,title=loud-reference::'$name' prints as written when 'name' is missing; write '$!name' or give a fallback\n");
      expect(gh.code).toBe(0);
    } finally {
      t.cleanup();
    }
  });

  it('exit codes follow --max-warnings and --rule', async () => {
    const t = project();
    try {
      expect((await runCli(['lint', t.dir, '--max-warnings', '0'], t.dir)).code).toBe(1);
      expect((await runCli(['lint', t.dir, '--max-warnings', '1'], t.dir)).code).toBe(0);
      expect((await runCli(['lint', t.dir, '--rule', 'loud-reference=error'], t.dir)).code).toBe(1);
      const off = await runCli(['lint', t.dir, '--rule', 'loud-reference=off', '--max-warnings', '0'], t.dir);
      expect([off.code, off.stdout]).toEqual([0, '✔ 1 template, no problems\n']);
      expect((await runCli(['lint', t.dir, '--rule', 'missing-subject=warn'], t.dir)).stdout).toMatch(/missing-subject/);
    } finally {
      t.cleanup();
    }
  });

  it('usage errors exit 2', async () => {
    for (const args of [['--format', 'xml'], ['--rule', 'nope=off'], ['--rule', 'syntax'], ['--max-warnings', '-1'], ['--min-coverage', 'lots'], ['--bogus'], ['/no/such/path']]) {
      const r = await runCli(['lint', ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/^velvet lint: /);
    }
  });

  it('has full help', async () => {
    const r = await runCli(['lint', '--help']);
    expect(r.stdout).toMatch(/--format NAME[\s\S]*--max-warnings[\s\S]*--rule ID=SETTING[\s\S]*--coverage[\s\S]*--min-coverage[\s\S]*velvet-disable-next-line[\s\S]*Exit codes/);
    expect(r.stdout).toContain('no-velocity-count');
  });
});

describe('velvet schema', () => {
  it('prints the inferred payload schema', async () => {
    const r = await runCli(['schema', join(SAMPLES, 'smartsend-recommendations')]);
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout) as { type: string; properties: Record<string, { type?: unknown; items?: { properties?: Record<string, unknown> } }> };
    expect(schema.type).toBe('object');
    expect(schema.properties['ordersCount']!.type).toEqual(['string', 'null']);
    expect(schema.properties['products']!.type).toEqual(['array', 'null']);
    expect(Object.keys(schema.properties['products']!.items!.properties!)).toEqual(expect.arrayContaining(['name', 'price', 'oldPrice', 'url']));
    expect(new Ajv({ strict: false }).compile(schema)({ ordersCount: '4', products: [{ price: 10 }] })).toBe(true);
  });
  it('exits 2 on a folder without email.html, and has help', async () => {
    expect((await runCli(['schema', SAMPLES])).code).toBe(2);
    expect((await runCli(['schema'])).code).toBe(2);
    expect((await runCli(['schema', '--help'])).stdout).toMatch(/Usage: velvet schema EMAIL_DIR/);
  });
});
