/**
 * The starter that `velvet init` and `velvet new` copy: one email (starter/email/: template,
 * email.json, a default fixture) that lints clean, and the images it shows (starter/assets/),
 * which the preview maps from STARTER_ASSETS_URL. The files ship in the package's starter/.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** starter/ of the package, seen from src/project/ and from dist/project/ alike. */
export const STARTER_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'starter');
/** The package's own folder (holding schemas/). */
export const PACKAGE_DIR = join(STARTER_DIR, '..');
/**
 * The file `npm pack` makes of this package (velvet-VERSION.tgz): what the docs and messages tell
 * users to install, since the registry's `velvet` is an unrelated package.
 */
export function tarballName(): string {
  try {
    const pkg = JSON.parse(readFileSync(join(PACKAGE_DIR, 'package.json'), 'utf8')) as { version?: unknown };
    return `velvet-${typeof pkg.version === 'string' ? pkg.version : 'VERSION'}.tgz`;
  } catch {
    return 'velvet-VERSION.tgz';
  }
}
/** The image URL prefix of the starter email; `velvet init` maps it to the assets folder. */
export const STARTER_ASSETS_URL = 'https://cdn.example.com/your-brand/';
/** The email `velvet init` creates. */
export const STARTER_EMAIL_NAME = 'welcome';

function tree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p).split(sep).join('/'), readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

/** The starter email's files by path inside the email folder (email.html, email.json, data/default.json). */
export function starterEmailFiles(): Map<string, Buffer> {
  return tree(join(STARTER_DIR, 'email'));
}

/** The starter's images by file name. */
export function starterAssets(): Map<string, Buffer> {
  return tree(join(STARTER_DIR, 'assets'));
}

/** JSON text with `$schema` as its first key (email.json, fixtures, the config). */
export function withSchema(json: string, schemaRef: string): string {
  const value = JSON.parse(json) as Record<string, unknown>;
  const { $schema: _drop, ...rest } = value;
  return JSON.stringify({ $schema: schemaRef, ...rest }, null, 2) + '\n';
}
