import { isAbsolute, relative, sep } from 'node:path';

/** `file` relative to `cwd` with `/` separators (absolute when it lies outside). */
export function displayPath(file: string, cwd: string): string {
  if (!isAbsolute(file)) return file.split(sep).join('/');
  const rel = relative(cwd, file);
  if (rel.startsWith('..') || isAbsolute(rel)) return file.split(sep).join('/');
  return rel.split(sep).join('/');
}
