/**
 * Flag parsing shared by `render` and `build`: node:util parseArgs with its errors as usage
 * errors, the engine flags (`--now`, `--time-zone`, `--locale`) as a config layer, and the
 * project config resolved once through the project's normaliser (defaults < config < flags).
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { localeProblem, nowProblem, timeZoneProblem } from '../project/config-checks.js';
import { findConfig, loadConfig, normalizeConfig, type ResolvedConfig, type VelvetConfigInput } from '../project/config.js';

/** parseArgs whose errors (unknown flag, missing value) are usage errors (exit 2), with the nearest flag. */
export { parseFlags } from './flags.js';

/** Flag definitions for the engine options every rendering command takes. */
export const ENGINE_FLAGS = {
  config: { type: 'string' },
  now: { type: 'string' },
  'time-zone': { type: 'string' },
  locale: { type: 'string' },
} as const;

export interface EngineFlagValues {
  config?: string | undefined;
  now?: string | undefined;
  'time-zone'?: string | undefined;
  locale?: string | undefined;
}

/** The engine flags as the highest-precedence config layer; invalid values are usage errors. */
export function engineOverrides(v: EngineFlagValues): VelvetConfigInput {
  const engine: NonNullable<VelvetConfigInput['engine']> = {};
  if (v.now !== undefined) {
    const now = /^-?\d+$/.test(v.now) ? Number(v.now) : v.now;
    if (nowProblem(now) !== undefined) throw new UsageError(`--now takes an ISO date-time or epoch millis, got '${v.now}'`);
    engine.now = now;
  }
  if (v['time-zone'] !== undefined) {
    const problem = timeZoneProblem(v['time-zone']);
    if (problem) throw new UsageError(`--time-zone: ${problem}`);
    engine.timeZone = v['time-zone'];
  }
  if (v.locale !== undefined) {
    const problem = localeProblem(v.locale);
    if (problem) throw new UsageError(`--locale: ${problem}`);
    engine.locale = v.locale;
  }
  return Object.keys(engine).length > 0 ? { engine } : {};
}

/**
 * The resolved config for work in `startDir`: `--config FILE` when given, otherwise the nearest
 * velvet.config.json in `startDir` or above, otherwise the defaults rooted at `startDir`; the
 * flags override either.
 */
export function resolveConfig(cwd: string, startDir: string, v: EngineFlagValues): ResolvedConfig {
  const overrides = engineOverrides(v);
  if (v.config !== undefined) {
    const file = resolve(cwd, v.config);
    if (!existsSync(file) || !statSync(file).isFile()) throw new UsageError(`--config: cannot read ${v.config}`);
    return loadConfig(file, overrides);
  }
  const found = findConfig(startDir);
  return found ? loadConfig(found, overrides) : normalizeConfig([overrides], { root: startDir });
}
