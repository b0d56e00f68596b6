/**
 * A package-lock.json for a fresh project that depends on the packed tarball only, made from this
 * repository's lock: the tarball plus every non-dev package of it, with registry URLs. `npm ci
 * --offline` then installs from npm's cache (filled by `npm ci` here) with no network.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface LockEntry {
  version?: string;
  resolved?: string;
  dev?: boolean;
  devOptional?: boolean;
  [key: string]: unknown;
}

export function writeProject(root: string, dir: string, tarball: string, name = 'velvet-install-test'): void {
  const ours = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
  const integrity = 'sha512-' + createHash('sha512').update(readFileSync(join(dir, tarball))).digest('base64');
  const dependencies = { velvet: `file:${tarball}` };
  const packages: Record<string, unknown> = {
    '': { name, version: '1.0.0', dependencies },
    'node_modules/velvet': {
      version: pkg['version'],
      resolved: `file:${tarball}`,
      integrity,
      license: pkg['license'],
      dependencies: pkg['dependencies'],
      bin: pkg['bin'],
      engines: pkg['engines'],
    },
  };
  for (const [key, entry] of Object.entries(ours.packages)) {
    if (!key.startsWith('node_modules/') || entry.dev || entry.devOptional) continue;
    const pkgName = key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
    const base = pkgName.split('/').pop();
    packages[key] = { ...entry, resolved: entry.resolved ?? `https://registry.npmjs.org/${pkgName}/-/${base}-${entry.version}.tgz` };
  }
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', private: true, dependencies }, null, 2) + '\n');
  writeFileSync(join(dir, 'package-lock.json'), JSON.stringify({ name, version: '1.0.0', lockfileVersion: 3, requires: true, packages }, null, 2) + '\n');
}
