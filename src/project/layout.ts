/**
 * What an email folder is made of, and the test for one. Nothing else is imported here, so that
 * a command can tell an email folder from a project before it loads the rest of velvet.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const TEMPLATE_FILE = 'email.html';
export const META_FILE = 'email.json';
export const DATA_DIR = 'data';

/** True when `dir` holds an email.html. */
export function isEmailDir(dir: string): boolean {
  return existsSync(join(dir, TEMPLATE_FILE));
}
