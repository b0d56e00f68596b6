/**
 * Flag parsing shared by `render` and `build`: node:util parseArgs with its errors as usage
 * errors, the engine flags (`--now`, `--time-zone`, `--locale`) as a config layer, and the
 * project config resolved once through the project's normaliser (defaults < config < flags).
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../errors.js';
import { findConfig, loadConfig, normalizeConfig, type ResolvedConfig, type VelvetConfigInput } from '../project/config.js';

/** parseArgs whose errors (unknown flag, missing value) are usage errors (exit 2). */
export function parseFlags<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (err) {
    throw new UsageError(`${(err as Error).message} (see --help)`);
  }
}

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
    const millis = /^-?\d+$/.test(v.now) ? Number(v.now) : Date.parse(v.now);
    if (!Number.isFinite(millis)) throw new UsageError(`--now takes an ISO date-time or epoch millis, got '${v.now}'`);
    engine.now = /^-?\d+$/.test(v.now) ? millis : v.now;
  }
  if (v['time-zone'] !== undefined) {
    if (!validTimeZone(v['time-zone'])) throw new UsageError(`--time-zone: unknown time zone '${v['time-zone']}'`);
    engine.timeZone = v['time-zone'];
  }
  if (v.locale !== undefined) {
    if (!validLocale(v.locale)) throw new UsageError(`--locale: invalid locale '${v.locale}'`);
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

function validTimeZone(tz: string): boolean {
  // Yespo also accepts offsets written GMT+3 / UTC-05:30
  if (/^(GMT|UTC)([+-]\d{1,2}(:?\d{2})?)?$/.test(tz)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function validLocale(locale: string): boolean {
  try {
    return Intl.getCanonicalLocales(locale).length === 1;
  } catch {
    return false;
  }
}
