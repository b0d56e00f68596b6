/**
 * What keeps an email from being linted, as diagnostics: an email folder that does not load (a
 * broken email.json on disk, an unreadable template), and an open email.json buffer whose unsaved
 * text is not valid (the saved meta is used meanwhile, so say why; metaTextOf gives the linter the
 * text in use, for positions).
 */
import { isAbsolute, join } from 'node:path';
import { ConfigError } from '../errors.js';
import type { Diagnostic } from '../lint/types.js';
import { META_FILE, loadEmailMeta, type Email } from '../project/index.js';
import type { DocPlace } from './projects.js';

export function loadProblems(place: DocPlace): Diagnostic[] {
  const ws = place.workspace;
  const entry = ws && place.email !== undefined ? ws.entry(place.email) : undefined;
  if (!ws || !entry) return [];
  const out: Diagnostic[] = [];
  if (entry.error) {
    const e = entry.error;
    const file = e.file === undefined ? join(entry.dir, 'email.html') : isAbsolute(e.file) ? e.file : join(ws.config.root, e.file);
    out.push({ ruleId: 'email-load', severity: 'error', message: `The email does not load: ${e.message}`, file, line: e.line ?? 1, column: e.column ?? 1 });
  }
  const meta = join(entry.dir, META_FILE);
  const text = ws.overlay(meta);
  if (text !== undefined) {
    try {
      loadEmailMeta(meta, text);
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      out.push({ ruleId: 'email-json', severity: 'error', message: `${err.reason} (the saved email.json is used until this is fixed)`, file: meta, line: err.line ?? 1, column: err.column ?? 1 });
    }
  }
  return out;
}

/**
 * The email.json text behind `email`'s subject and preheader, for positions in it: the editor's
 * buffer when it parses (the email uses it), else undefined and the linter reads the saved file
 * the email uses meanwhile.
 */
export function metaTextOf(email: Email, read: (file: string) => string | undefined): string | undefined {
  const file = email.metaFile ?? join(email.dir, META_FILE);
  const text = read(file);
  if (text === undefined) return undefined;
  try {
    loadEmailMeta(file, text);
    return text;
  } catch {
    return undefined;
  }
}
