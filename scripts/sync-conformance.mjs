#!/usr/bin/env node
// Copies the shared conformance corpus (../shared/conformance) into test/conformance so the
// project's tests stand alone on a machine without ../shared. Files are copied as exact bytes;
// .gitattributes marks the folder -text so git never converts line endings.
import { cpSync, existsSync, rmSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const from = resolve(process.argv[2] ?? join(root, '..', 'shared', 'conformance'));
const to = join(root, 'test', 'conformance');
if (!existsSync(join(from, 'cases'))) {
  console.error(`sync-conformance: no corpus at ${from} (expected a cases/ folder)`);
  process.exit(2);
}
rmSync(join(to, 'cases'), { recursive: true, force: true });
cpSync(join(from, 'cases'), join(to, 'cases'), { recursive: true });
cpSync(join(from, 'README.md'), join(to, 'README.md'));
let n = 0;
for (const cat of readdirSync(join(to, 'cases'))) {
  n += readdirSync(join(to, 'cases', cat)).filter((f) => f.endsWith('.vm')).length;
}
console.log(`sync-conformance: ${n} cases copied from ${from} to ${to}`);
