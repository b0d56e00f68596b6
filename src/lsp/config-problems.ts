/**
 * A velvet.config.json that no longer loads after a change on disk, as a diagnostic in that file
 * at the error's line and column; the workspace keeps the last good config meanwhile, and the
 * diagnostic is cleared once the config loads again.
 */
import { isAbsolute, join } from 'node:path';
import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import type { ErrorPayload } from '../errors.js';
import type { Diagnostic } from '../lint/types.js';
import { CONFIG_FILE } from '../project/index.js';
import type { Workspace } from '../project/workspace.js';
import { toLspDiagnostics } from './diagnostics.js';
import type { UriOf } from './uris.js';

/** The config of `ws` failed to reload with `error`: a finding at the error in its file. */
export function configProblem(ws: Workspace, error: ErrorPayload): Diagnostic {
  const file = error.file === undefined ? join(ws.config.root, CONFIG_FILE) : isAbsolute(error.file) ? error.file : join(ws.config.root, error.file);
  const message = `${error.message} (the last good ${CONFIG_FILE} is used until this is fixed)`;
  return { ruleId: 'config', severity: 'error', message, file, line: error.line ?? 1, column: error.column ?? 1 };
}

export interface ConfigProblems {
  /** After a config reload of `ws`: publishes `error`, or clears what was published. */
  update(ws: Workspace, error: ErrorPayload | undefined): void;
  /** A problem is published under `uri` (it stays while the file is broken on disk). */
  has(uri: string): boolean;
}

export function createConfigProblems(options: { publish(uri: string, diagnostics: LspDiagnostic[]): void; uriOf: UriOf }): ConfigProblems {
  const byWorkspace = new Map<Workspace, string>();
  return {
    update(ws, error) {
      const before = byWorkspace.get(ws);
      byWorkspace.delete(ws);
      const [[uri, diagnostics] = []] = error ? toLspDiagnostics([configProblem(ws, error)], undefined, () => undefined, options.uriOf) : [];
      if (before && before !== uri) options.publish(before, []);
      if (!uri || !diagnostics) return;
      byWorkspace.set(ws, uri);
      options.publish(uri, diagnostics);
    },
    has: (uri) => [...byWorkspace.values()].includes(uri),
  };
}
