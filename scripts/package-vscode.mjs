#!/usr/bin/env node
// Builds the VS Code extension in editors/vscode into a .vsix: installs its own dependencies
// (vscode-languageclient, and @vscode/vsce to package), type-checks and compiles the client with
// the repository's TypeScript, then runs `vsce package`. No VS Code is downloaded.
//   npm run package:vscode      → editors/vscode/velvet-vscode-<version>.vsix
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const ext = join(root, 'editors', 'vscode');
const manifest = JSON.parse(readFileSync(join(ext, 'package.json'), 'utf8'));

function run(cmd, args, what) {
  const r = spawnSync(cmd, args, { cwd: ext, stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) {
    console.error(`package:vscode: ${what} failed (exit ${r.status ?? r.signal})`);
    process.exit(1);
  }
}

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
if (!existsSync(join(ext, 'node_modules', '@vscode', 'vsce'))) {
  run(npm, existsSync(join(ext, 'package-lock.json')) ? ['ci', '--no-audit', '--no-fund'] : ['install', '--no-audit', '--no-fund'], 'installing the extension dependencies');
}
run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ext, 'tsconfig.json')], 'compiling the extension');
const out = join(ext, `${manifest.name}-${manifest.version}.vsix`);
run(process.execPath, [join(ext, 'node_modules', '@vscode', 'vsce', 'vsce'), 'package', '--out', out, '--allow-missing-repository', '--skip-license'], 'vsce package');
const kb = (statSync(out).size / 1024).toFixed(1);
console.log(`package:vscode: ${relative(root, out)} (${kb} KB)`);
