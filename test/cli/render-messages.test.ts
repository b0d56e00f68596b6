/** What velvet render says when an email's fixtures cannot be used: each problem once. */
import { describe, expect, it } from 'vitest';
import { tempTree, velvet } from './helpers.js';

describe('velvet render with no usable fixture', () => {
  it('an only fixture that is malformed is reported once, as the error, with its frame', async () => {
    const dir = tempTree({ 'm/email.html': '$!x', 'm/data/only.json': '{\n  "x": 1,\n}\n' });
    const r = await velvet(['render', 'm'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr.match(/Trailing comma/g)).toHaveLength(1);
    expect(r.stderr).toMatch(/^m\/data\/only\.json:2:9 Trailing comma is not allowed in JSON\n/);
    expect(r.stderr).toContain("> 2 |   \"x\": 1,");
  });

  it('several malformed fixtures: the first is the error, the others are listed once each', async () => {
    const dir = tempTree({ 'm/email.html': '$!x', 'm/data/a.json': '{"x": }', 'm/data/b.json': '[1,' });
    const r = await velvet(['render', 'm'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr.split('m/data/a.json').length - 1).toBe(1);
    expect(r.stderr.split('m/data/b.json').length - 1).toBe(1);
    expect(r.stderr).toMatch(/^m\/data\/a\.json:1:7 /m);
  });
});
