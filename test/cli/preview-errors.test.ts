/** velvet preview names files as the other commands do: relative to the current folder. */
import { describe, expect, it } from 'vitest';
import { tempTree, velvet } from './helpers.js';

describe('velvet preview that cannot start', () => {
  it('a malformed config: file:line:column relative to the current folder, with the frame, exit 2', async () => {
    const dir = tempTree({ 'velvet.config.json': '{\n  "emails": "emails",\n}\n', 'emails/e/email.html': 'x' });
    const r = await velvet(['preview', '--port', '0'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe('velvet preview: velvet.config.json:2:21 Trailing comma is not allowed in JSON');
    expect(r.stderr).toContain('> 2 |   "emails": "emails",');
  });

  it('a missing folder is named as typed, and said to be missing; a file is not a folder', async () => {
    const r = await velvet(['preview', 'nope', '--port', '0'], { cwd: tempTree({}) });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('velvet preview: nope: no such folder\n');
    const file = await velvet(['preview', 'x.html', '--port', '0'], { cwd: tempTree({ 'x.html': '' }) });
    expect(file.code).toBe(2);
    expect(file.stderr).toBe('velvet preview: x.html: not a folder\n');
  });
});

describe('velvet preview of a project whose emails folder is missing or a file', () => {
  for (const [what, files] of [['missing', {}], ['a file', { emails: 'x' }]] as const) {
    it(`${what}: exit 2 before any address is printed`, async () => {
      const dir = tempTree({ 'velvet.config.json': '{"emails": "emails"}', ...files });
      const r = await velvet(['preview', '--port', '0'], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^velvet preview: velvet\.config\.json: the emails folder .*emails (does not exist|is not a folder)\n$/);
    });
  }
});
