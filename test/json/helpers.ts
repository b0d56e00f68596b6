import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The text of every .json file below `dir`: payloads of the test corpora and samples. */
export function jsonCorpus(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) jsonCorpus(p, out);
    else if (e.name.endsWith('.json')) out.push(readFileSync(p, 'utf8'));
  }
  return out;
}
