/**
 * `velvet fixture` gives money keys numbers: a quiet `$!numberTool.format('#,##0.00', $p.price)`
 * prints nothing for text (no leftover code shows it), so the README's own example rendered
 * "Name 1: " with an empty price. Keys that only sound alike stay text.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempTree, velvet } from './helpers.js';

describe('velvet fixture and numbers a quiet tool call needs', () => {
  it('prices formatted by a quiet $!numberTool.format are numbers, so they print', async () => {
    const dir = tempTree({
      'velvet.config.json': '{}',
      'e/email.html': "<h1>$!headline</h1><!--#foreach($p in $products)--><p>$!p.name: $!numberTool.format('#,##0.00', $p.price)</p><!--#end-->Total: $!numberTool.format('#,##0.00', $totalPrice)",
    });
    expect((await velvet(['fixture', 'e'], { cwd: dir })).code).toBe(0);
    const r = await velvet(['render', 'e', '--body-only'], { cwd: dir });
    expect(r.stdout).toMatch(/<p>Name 1: \d+\.\d\d<\/p>/);
    expect(r.stdout).toMatch(/Total: \d+\.\d\d$/);
  });

  it('keys that only contain such a word (summary, shippingAddress) stay text', async () => {
    const dir = tempTree({ 'velvet.config.json': '{}', 'e/email.html': '$!summary $!shippingAddress $!feedbackUrl' });
    expect((await velvet(['fixture', 'e'], { cwd: dir })).code).toBe(0);
    const payload = JSON.parse(readFileSync(join(dir, 'e/data/default.json'), 'utf8')) as Record<string, unknown>;
    expect(typeof payload['summary']).toBe('string');
    expect(typeof payload['shippingAddress']).toBe('string');
    expect(payload['feedbackUrl']).toMatch(/^https:\/\//);
  });
});
