/**
 * Run as a process of its own with V8's GC trace (`node --trace-gc-nvp --import tsx
 * test/support/promotion.ts MODE DIR COUNT`): renders or lints the first COUNT emails of DIR one
 * after another, as `velvet lint` and `velvet build` do. The trace says, for each scavenge of the
 * young generation, how many bytes it promoted to the old generation; two runs with different
 * counts give what each email adds, start-up and warm-up left out. Nothing of one email is needed
 * once it is done, so little should be promoted: an email's data that lived on was held by
 * something that outlived it.
 *
 *   render: each email's template compiled and rendered with every fixture (engine API)
 *   lint:   each email loaded and linted with every rule (lintEmailResult)
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { compile } from '../../src/engine/index.js';
import { lintEmailResult } from '../../src/lint/index.js';
import { loadConfig, loadEmail } from '../../src/project/index.js';

const [mode, dir, count] = process.argv.slice(2) as [string, string, string];
const config = loadConfig(join(dir, 'velvet.config.json'));
const folders = readdirSync(dir, { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== 'assets')
  .map((d) => join(dir, d.name))
  .sort();
// one options object for the whole run, as the CLI passes (RuleContext.run)
const options = {};

async function one(folder: string): Promise<void> {
  const email = await loadEmail(folder);
  if (mode === 'render') {
    const t = compile(email.source, { name: email.templateFile });
    for (const f of email.fixtures) for (const v of f.variants) t.render(JSON.stringify(v.json));
  } else await lintEmailResult(email, config, options);
}

for (const f of folders.slice(0, Number(count))) await one(f);
