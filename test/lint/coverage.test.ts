import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintEmailResult, type CoverageReport } from '../../src/lint/index.js';
import { loadEmail, normalizeConfig } from '../../src/project/index.js';
import { runCli, SAMPLES, tempTree } from './helpers.js';

async function coverage(template: string, fixtures: Record<string, unknown>): Promise<CoverageReport> {
  const files: Record<string, unknown> = { 'email.html': template, 'email.json': { subject: 'S' } };
  for (const [k, v] of Object.entries(fixtures)) files[`data/${k}.json`] = v;
  const t = tempTree(files);
  try {
    const email = await loadEmail(t.dir);
    const r = await lintEmailResult(email, normalizeConfig([], { root: t.dir }), { coverage: true });
    return r.coverage!;
  } finally {
    t.cleanup();
  }
}

const gaps = (c: CoverageReport) => c.gaps.map((g) => `${g.kind}@${g.line}:${g.column}`);

describe('coverage counts only outcomes that can happen', () => {
  it('a loop inside a size check is never expected to be skipped as empty', async () => {
    const t = '#if($cart && $cart.size() > 0)\n#foreach($i in $cart)$i#end\n#else\nempty\n#end\n';
    const c = await coverage(t, { full: { cart: [1, 2] }, none: { cart: [] } });
    expect([c.covered, c.total, c.percent, gaps(c)]).toEqual([3, 3, 100, []]);
  });

  it('the same through a #set alias, a .get() path, >= 1, != 0 and a negated isEmpty in #else', async () => {
    const t = [
      "#set($p = $data.get('products'))",
      "#if($p.get('array').size() >= 1)#foreach($x in $p.get('array'))$x#end#end",
      '#if($list.size() != 0)#else#foreach($x in $list)$x#end#end',
      '#if($rows.isEmpty())none#else#foreach($r in $rows)$r#end#end',
      '',
    ].join('\n');
    const c = await coverage(t, { a: { products: { array: [1] }, list: [1], rows: [] }, b: { products: { array: [] }, list: [], rows: [1] } });
    // the loop in the #else of `size() != 0` cannot run; the one after isEmpty() is false
    // (null or items) can still be empty (null)
    expect(gaps(c)).toEqual(['foreach-empty@4:30']);
  });

  it('a loop in a branch where the list is known empty is never expected to run', async () => {
    const t = '#if($items.size() == 0)#foreach($i in $items)$i#end none#end\n#if(!$tags)#foreach($t in $tags)$t#end#end\n';
    const c = await coverage(t, { a: { items: [], tags: [] } });
    expect([gaps(c), c.total]).toEqual([[], 4]);
  });

  it('a branch that an enclosing condition rules out is not counted', async () => {
    const t = '#if($cart.size() > 0)\n#if($cart.isEmpty())never#else sure#end\n#end\n';
    const c = await coverage(t, { a: { cart: [1] } });
    expect([gaps(c), c.covered, c.total]).toEqual([[], 2, 2]);
  });

  it('literal lists and ranges are never empty, an empty literal list never runs', async () => {
    const t = '#foreach($i in [1..3])$i#end#foreach($j in ["a"])$j#end#foreach($k in [])$k#end\n';
    const c = await coverage(t, { a: {} });
    expect([gaps(c), c.total]).toEqual([[], 3]);
  });

  it('a #set inside the branch forgets what the condition said', async () => {
    const t = '#if($cart.size() > 0)#set($cart = $other)#foreach($i in $cart)$i#end#end\n';
    const c = await coverage(t, { a: { cart: [1], other: [2] } });
    expect(gaps(c)).toEqual(['foreach-empty@1:42']);
  });

  it('a plain truthiness check does not make a loop run (a string is true and not iterable)', async () => {
    const c = await coverage('#if($cart)#foreach($i in $cart)$i#end#end\n', { a: { cart: [1] } });
    expect(gaps(c)).toEqual(['foreach-empty@1:11']);
  });

  it('percentages are rounded: 13 of 14 is 92.9%', async () => {
    const ifs = Array.from({ length: 7 }, (_, i) => `#if($a${i})x#else y#end`).join('\n');
    const all = Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`a${i}`, true]));
    const c = await coverage(ifs + '\n', { on: all, off: { a6: true } });
    expect([c.covered, c.total, c.percent]).toEqual([13, 14, 92.9]);
  });
});

describe('coverage of the samples', () => {
  it('no sample reports a loop outcome its guard rules out', async () => {
    const r = await runCli(['lint', SAMPLES, '--coverage', '--format', 'json']);
    const out = JSON.parse(r.stdout) as { coverage: CoverageReport[] };
    expect(out.coverage.flatMap((c) => c.gaps.filter((g) => g.kind === 'foreach-empty'))).toEqual([]);
    const percent = Object.fromEntries(out.coverage.map((c) => [c.file.split('/').at(-2), c.percent]));
    expect(percent).toEqual({
      'abandoned-cart': 100,
      birthday: 90,
      'event-discount': 100,
      'order-confirmation': 84.6,
      'smartsend-recommendations': 100,
      welcome: 84.6,
    });
  });

  it('--min-coverage 90 fails only the samples with real gaps', async () => {
    const r = await runCli(['lint', SAMPLES, '--min-coverage', '90']);
    expect(r.stderr.trim().split('\n')).toEqual([
      `velvet lint: coverage of ${join('samples', 'order-confirmation', 'email.html')} is 84.6% (22/26), below --min-coverage 90`,
      `velvet lint: coverage of ${join('samples', 'welcome', 'email.html')} is 84.6% (11/13), below --min-coverage 90`,
    ]);
    expect(r.code).toBe(1);
  });
});
