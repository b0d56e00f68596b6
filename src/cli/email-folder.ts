/** Messages for a folder given where one email folder belongs. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CliIO } from './command.js';
import { displayPath } from './report.js';
import { UsageError } from '../errors.js';
import { isEmailDir } from '../project/index.js';

/** Up to `max` email folders at most three levels below `dir` (a bounded look, for a message). */
function someEmails(dir: string, max: number, depth = 3): string[] {
  if (depth === 0) return [];
  let names: string[];
  try {
    names = readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory() && !d.name.startsWith('.') && d.name !== 'node_modules').map((d) => d.name).sort();
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const name of names) {
    if (out.length >= max) break;
    const sub = join(dir, name);
    if (isEmailDir(sub)) out.push(sub);
    else out.push(...someEmails(sub, max - out.length, depth - 1));
  }
  return out;
}

/** A folder without email.html: when emails lie below it, say so and name a few. */
export function notOneEmail(dir: string, given: string, io: CliIO): void {
  const below = someEmails(dir, 4).map((e) => displayPath(io.cwd, e));
  if (below.length === 0) return;
  const more = below.length > 3 ? ', ...' : '';
  throw new UsageError(`${given} is a folder of emails, not one email: give one of them (${below.slice(0, 3).join(', ')}${more}), or use velvet build to render them all`);
}
