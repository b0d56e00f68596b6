import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { tempTree, velvet } from './helpers.js';

describe('velvet preview (command)', () => {
  it('a broken config is an error with its position before any URL is shown (exit 2)', async () => {
    const dir = tempTree({ 'velvet.config.json': '{\n  "emails": 3\n}\n' });
    try {
      const r = await velvet(['preview', dir, '--port', '0']);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('velvet.config.json:2:13');
      expect(r.stderr).toContain("'/emails' must be a string");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a folder that does not exist is an error (exit 2)', async () => {
    const r = await velvet(['preview', '/nonexistent/velvet-preview', '--port', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('velvet-preview: no such folder');
  });
});
