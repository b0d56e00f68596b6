/**
 * Flag parsing for every command: node:util parseArgs, with its errors rewritten as usage errors
 * that say what is wrong in plain words and suggest the nearest flag (`--fixtre` → `--fixture`).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../errors.js';

/** parseArgs whose errors are UsageErrors (exit 2); `command` names the help to see. */
export function parseFlags<T extends ParseArgsConfig>(config: T, command?: string): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (err) {
    const see = command ? `(see velvet ${command} --help)` : '(see --help)';
    throw new UsageError(`${flagProblem(err as Error & { code?: string }, flagNames(config))} ${see}`);
  }
}

/** The flags a config accepts, as typed on the command line (`--out`, `-o`), and `--help`. */
function flagNames(config: ParseArgsConfig): string[] {
  const names = ['--help'];
  for (const [name, o] of Object.entries(config.options ?? {})) {
    names.push(`--${name}`);
    if (o.short) names.push(`-${o.short}`);
  }
  return names;
}

function flagProblem(err: Error & { code?: string }, names: readonly string[]): string {
  const m = err.message;
  if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const given = /option '([^']+)'/i.exec(m)?.[1] ?? m;
    const flag = given.replace(/=.*$/, '');
    // `--help=yes`: a flag every command has (never declared to parseArgs), given a value
    if (names.includes(flag)) return `${flag} takes no value`;
    const near = nearest(flag, names);
    return `unknown option ${given}${near ? `; did you mean ${near}?` : ''}`;
  }
  if (err.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const flag = /(--[\w-]+)/.exec(m)?.[1] ?? /(-\w)/.exec(m)?.[1] ?? 'the option';
    if (/does not take an argument/.test(m)) return `${flag} takes no value`;
    if (/argument missing|ambiguous/.test(m)) return `${flag} needs a value`;
  }
  if (err.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    return `unexpected argument ${/'([^']*)'/.exec(m)?.[0] ?? ''}`.trim();
  }
  return m;
}

/** The flag closest to `given`: a flag it is the start of, or one within a few typos. */
export function nearest(given: string, names: readonly string[]): string | undefined {
  const long = names.filter((n) => n.startsWith('--')).map((n) => n.slice(2));
  const near = closest(given.replace(/^-+/, ''), long);
  return near === undefined ? undefined : `--${near}`;
}

/** The word closest to `given`: the one word it is the start of, or one within a few typos. */
export function closest(given: string, words: readonly string[]): string | undefined {
  const prefixed = words.filter((w) => w.startsWith(given) && given.length >= 2);
  if (prefixed.length === 1) return prefixed[0];
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const w of words) {
    const d = distance(given, w);
    if (d < bestDistance) [best, bestDistance] = [w, d];
  }
  return bestDistance <= Math.max(1, Math.floor(given.length / 3)) ? best : undefined;
}

/** Edit distance counting a swap of two neighbours as one edit (optimal string alignment). */
export function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}
