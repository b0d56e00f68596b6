/**
 * What keeps an email from being linted, as diagnostics: an email folder that does not load (a
 * broken email.json on disk, an unreadable template), an open email.json buffer whose unsaved
 * text is not valid (the saved meta is used meanwhile, so say why), and a velvet.config.json that
 * no longer loads (the last good config is used meanwhile).
 */
import { isAbsolute, join } from 'node:path';
import { ConfigError, type ErrorPayload } from '../errors.js';
import type { Diagnostic } from '../lint/types.js';
import { CONFIG_FILE, META_FILE, loadEmailMeta } from '../project/index.js';
import type { Workspace } from '../project/workspace.js';
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

/** The config of `ws` failed to reload with `error`: a finding at the error in its file. */
export function configProblem(ws: Workspace, error: ErrorPayload): Diagnostic {
  const file = error.file === undefined ? join(ws.config.root, CONFIG_FILE) : isAbsolute(error.file) ? error.file : join(ws.config.root, error.file);
  const message = `${error.message} (the last good ${CONFIG_FILE} is used until this is fixed)`;
  return { ruleId: 'config', severity: 'error', message, file, line: error.line ?? 1, column: error.column ?? 1 };
}
