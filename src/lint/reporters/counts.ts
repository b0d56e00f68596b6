import type { Diagnostic } from '../types.js';

/** Findings per severity; infos are counted apart and never fail a run. */
export function countBySeverity(list: readonly Pick<Diagnostic, 'severity'>[]): { errors: number; warnings: number; infos: number } {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const d of list) {
    if (d.severity === 'error') errors++;
    else if (d.severity === 'info') infos++;
    else warnings++;
  }
  return { errors, warnings, infos };
}
