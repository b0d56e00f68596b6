import { describe, expect, it } from 'vitest';
import { tempTree, velvet } from './helpers.js';

describe('velvet schema', () => {
  it('takes a bare template file', async () => {
    const dir = tempTree({ 'promo.vm': '#foreach($p in $products)$p.name #end $!total' });
    const r = await velvet(['schema', 'promo.vm'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout) as { title: string; properties: Record<string, { type: unknown; items?: { properties?: Record<string, unknown> } }> };
    expect(schema.title).toBe('Payload of promo.vm');
    expect(Object.keys(schema.properties).sort()).toEqual(['products', 'total']);
    expect(Object.keys(schema.properties['products']?.items?.properties ?? {})).toEqual(['name']);
  });

  it('a syntax error shows the path as given, the position and a code frame', async () => {
    const dir = tempTree({ 'e/email.html': '<p>\n#if($a</p>\n', 'bad.vm': 'x\n  #foreach($i in)\n' });
    for (const [arg, where] of [['e', 'e/email.html:2:'], ['bad.vm', 'bad.vm:2:']] as const) {
      const r = await velvet(['schema', arg], { cwd: dir });
      expect(r.code, arg).toBe(2);
      expect(r.stderr.startsWith(where), r.stderr).toBe(true);
      expect(r.stderr, arg).not.toContain(dir);
      expect(r.stderr, arg).toMatch(/> 2 \| /);
    }
  });

  it('a missing path and a folder without email.html are clear errors', async () => {
    const dir = tempTree({ 'x/readme.txt': 'hi' });
    const none = await velvet(['schema', 'nope.vm'], { cwd: dir });
    expect(none.code).toBe(2);
    expect(none.stderr).toBe('nope.vm: cannot read: no such file or folder\n');
    const folder = await velvet(['schema', 'x'], { cwd: dir });
    expect(folder.code).toBe(2);
    expect(folder.stderr).toBe('velvet schema: x is not an email folder (no email.html) nor a template file\n');
  });
});
