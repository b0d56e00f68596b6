import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintEmailResult } from '../../src/lint/index.js';
import { loadEmail, normalizeConfig } from '../../src/project/index.js';
import { tempTree } from './helpers.js';

describe('fixture findings', () => {
  it('point into the fixture file as it is when the email is loaded again', async () => {
    // a long-running process (the language server, the preview) lints the same files again after an edit
    const t = tempTree({ 'email.html': '#if($count > 5)many#end', 'email.json': { subject: 'Hi' }, 'data/a.json': '{"count": "lots"}' });
    try {
      const config = normalizeConfig([{}], { root: t.dir });
      const lint = async () => (await lintEmailResult(await loadEmail(t.dir), config)).diagnostics.filter((d) => d.ruleId === 'fixture-schema');
      expect((await lint()).map((d) => [d.file, d.line, d.column])).toEqual([[join(t.dir, 'data', 'a.json'), 1, 11]]);
      writeFileSync(join(t.dir, 'data', 'a.json'), '{\n  "other": 1,\n  "count": "lots"\n}');
      expect((await lint()).map((d) => [d.line, d.column])).toEqual([[3, 12]]);
    } finally {
      t.cleanup();
    }
  });
});
