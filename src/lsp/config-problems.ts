/**
 * A velvet.config.json that does not load, as a diagnostic in that file at the error's line and
 * column: after a change on disk (the workspace keeps the last good config meanwhile) or when the
 * project is opened (the project does not open; its templates are checked alone with the default
 * config meanwhile, and each says so). The diagnostic is cleared once the config loads again.
 */
import { isAbsolute, join, relative, sep } from 'node:path';
import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import type { ErrorPayload } from '../errors.js';
import type { Diagnostic } from '../lint/types.js';
import { CONFIG_FILE } from '../project/index.js';
import { toLspDiagnostics } from './diagnostics.js';
import type { UriOf } from './uris.js';

/** What the server does while the config is broken: keeps the last good one, or has none. */
export type ConfigFallback = 'last-good' | 'default';

const MEANWHILE: Record<ConfigFallback, string> = {
  'last-good': `the last good ${CONFIG_FILE} is used until this is fixed`,
  default: `the project does not open until this is fixed; its templates are checked alone, with the default config and without fixtures`,
};

const fileOf = (root: string, error: ErrorPayload): string =>
  error.file === undefined ? join(root, CONFIG_FILE) : isAbsolute(error.file) ? error.file : join(root, error.file);

/** The config of the project at `root` failed to load with `error`: a finding at the error in its file. */
export function configProblem(root: string, error: ErrorPayload, fallback: ConfigFallback = 'last-good'): Diagnostic {
  const message = `${error.message} (${MEANWHILE[fallback]})`;
  return { ruleId: 'config', severity: 'error', message, file: fileOf(root, error), line: error.line ?? 1, column: error.column ?? 1 };
}

/** The note on a template checked alone because its project's config (at `root`) does not load. */
export function checkedAloneNote(root: string, error: ErrorPayload, template: string): Diagnostic {
  const where = [relative(root, fileOf(root, error)).split(sep).join('/'), error.line, error.line === undefined ? undefined : error.column ?? 1].filter((x) => x !== undefined).join(':');
  const message = `${CONFIG_FILE} does not load (${where}: ${error.message}): this template is checked alone, with the default config and without its fixtures, until it is fixed`;
  return { ruleId: 'config', severity: 'warning', message, file: template, line: 1, column: 1 };
}

export interface ConfigProblems {
  /** After a config load of the project at `root`: publishes `error`, or clears what was published. */
  update(root: string, error: ErrorPayload | undefined, fallback?: ConfigFallback): void;
  /** A problem is published under `uri` (it stays while the file is broken on disk). */
  has(uri: string): boolean;
}

export function createConfigProblems(options: { publish(uri: string, diagnostics: LspDiagnostic[]): void; uriOf: UriOf }): ConfigProblems {
  const byRoot = new Map<string, string>();
  return {
    update(root, error, fallback) {
      const before = byRoot.get(root);
      byRoot.delete(root);
      const [[uri, diagnostics] = []] = error ? toLspDiagnostics([configProblem(root, error, fallback)], undefined, () => undefined, options.uriOf) : [];
      if (before && before !== uri) options.publish(before, []);
      if (!uri || !diagnostics) return;
      byRoot.set(root, uri);
      options.publish(uri, diagnostics);
    },
    has: (uri) => [...byRoot.values()].includes(uri),
  };
}
