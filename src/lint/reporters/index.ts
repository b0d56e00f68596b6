/** Reporters: pure functions from lint results to text, in a typed registry. Only the CLI prints. */
import type { CoverageReport } from '../coverage.js';
import type { Diagnostic, RuleMeta } from '../types.js';
import { github } from './github.js';
import { gitlab } from './gitlab.js';
import { json } from './json.js';
import { sarif } from './sarif.js';
import { stylish } from './stylish.js';

export { countBySeverity } from './counts.js';

export interface LintResults {
  diagnostics: readonly Diagnostic[];
  /** Per template, with --coverage. */
  coverage?: readonly CoverageReport[] | undefined;
  /** Files are shown relative to this folder. */
  cwd: string;
  /** Metadata of the rules that ran. */
  rules: readonly RuleMeta[];
  /** Number of templates linted. */
  files: number;
  /** Infos left out of this report (shown with --infos); the stylish summary mentions them. */
  hiddenInfos?: number | undefined;
}

export interface ReporterOptions {
  color?: boolean | undefined;
}

export type Reporter = (results: LintResults, options?: ReporterOptions) => string;


export const REPORTERS = { stylish, json, sarif, github, gitlab } as const satisfies Record<string, Reporter>;
export type ReportFormat = keyof typeof REPORTERS;

export function isFormat(name: string): name is ReportFormat {
  return Object.hasOwn(REPORTERS, name);
}
