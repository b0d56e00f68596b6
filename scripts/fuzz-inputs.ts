/**
 * Inputs for scripts/fuzz.ts: mutations of real templates, generated VTL that reaches for the
 * engine's limits (huge ranges, doubling strings and lists, deep nesting, numbers of any size,
 * every method name the engine knows), and hostile JSON payloads. Deterministic for a seed.
 */
import { knownMethodNames } from '../src/engine/methods.js';

export interface Rng {
  int(n: number): number;
  pick<T>(a: readonly T[]): T;
}

/** A small seeded generator (mulberry32). */
export function rng(seed: number): Rng {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    int: (n) => Math.floor(next() * n),
    pick: (a) => a[Math.floor(next() * a.length)]!,
  };
}

const METHODS = [...knownMethodNames()];
const NAMES = ['a', 'b', 's', 'n', 'l', 'm', 'x', 'big', 'deep', 'd', 'item', 'data', 'foreach', 'velocityCount', 'bodyContent'];
const NUMBERS = ['0', '1', '-1', '2147483647', '-2147483648', '9223372036854775807', '1.5', '1.0E308', '1.0E9999999', '-0.0', '99999999999999999999999', '0.1', '7', '40', '100000000'];
const TOKENS = ['$', '#', '(', ')', '[', ']', '{', '}', '"', "'", '.', ',', '!', '\\', '|', '..', '#end', '#else', '#if(', '#foreach(', '#set(', '$!', '${', '##', '#*', '*#', '#[[', ']]#', '\n', ' ', '$foreach.', '#macro(m', '#m(', '#@m()', '#break', '#stop', '#evaluate(', '#define($b)'];

/** An operand Velocity accepts in ranges and indexes: an integer or a plain reference. */
function simple(r: Rng): string {
  return r.int(2) ? r.pick(['0', '1', '-1', '3', '40', '2147483647', '1000000']) : '$' + r.pick(NAMES);
}

/** A random expression of depth at most `d`. */
function expr(r: Rng, d: number, operators = true): string {
  const k = r.int(d > 0 ? (operators ? 12 : 9) : 5);
  switch (k) {
    case 0:
      return r.pick(NUMBERS);
    case 1:
      return JSON.stringify(r.pick(['', 'x', 'abc', '1E300000000', '😀', 'a|b', '(a+)+b', '%s%d', ' 1 ']));
    case 2:
    case 3:
    case 4:
      return ref(r, d);
    case 5:
      return `[${simple(r)}..${simple(r)}]`;
    case 6:
      return `[${Array.from({ length: r.int(4) }, () => arg(r, d - 1)).join(', ')}]`;
    case 7:
      return `{${arg(r, d - 1)}: ${arg(r, d - 1)}}`;
    case 8:
      return `"${r.pick(['$', '$s$s', '#foreach($i in [1..3])$s#end', '${a}x', '\\$a'])}"`;
    default:
      return `${expr(r, d - 1)} ${r.pick(['+', '-', '*', '/', '%', '==', '!=', '<', '>=', '&&', '||'])} ${expr(r, d - 1)}`;
  }
}

/** An argument, list item or map entry: no operators, as Velocity's grammar has it. */
const arg = (r: Rng, d: number) => expr(r, d, false);

function ref(r: Rng, d: number): string {
  let s = '$' + r.pick(NAMES);
  for (let i = r.int(3); i > 0; i--) {
    const k = r.int(3);
    if (k === 0) s += '.' + r.pick(['size', 'length', 'empty', 'class', 'keySet', 'values', 'first', 'last', 'count', 'index', 'hasNext', 'parent']);
    else if (k === 1) s += `[${simple(r)}]`;
    else s += `.${r.pick(METHODS)}(${Array.from({ length: r.int(3) }, () => arg(r, d - 1)).join(', ')})`;
  }
  return s;
}

/** Statements that grow things: the fuzzer's way to the limits. */
const GROWERS = [
  '#set($s = "$s$s")',
  '#set($ok = $l.addAll($l))',
  '#set($l = [$l, $l])',
  '#set($m = {$l: $m})',
  '#set($n = $n * $n)',
  '#set($s = $s.repeat(1000))',
  '#set($ok = $m.put($s, $l))',
  '#set($r = [1..500000])',
  '#set($deep = [$deep])',
  '#set($x = $s.toUpperCase())',
];

/** A random template of `n` statements. */
export function generate(r: Rng, n = 1 + r.int(8)): string {
  const out: string[] = [];
  if (r.int(2)) out.push('#set($s = "ab")#set($l = [1, "x"])#set($m = {})#set($n = 99999)#set($deep = [])');
  for (let i = 0; i < n; i++) {
    switch (r.int(9)) {
      case 0:
        out.push(`#set($${r.pick(NAMES)} = ${expr(r, 3)})`);
        break;
      case 1:
        out.push(`#foreach($i in ${r.pick(['[1..40]', '[1..1000000]', '$l', '$m', '$big', '$deep', arg(r, 2)])})${generate(r, 1 + r.int(3))}#end`);
        break;
      case 2:
        out.push(`#if(${expr(r, 3)})${generate(r, 1)}#else${generate(r, 1)}#end`);
        break;
      case 3:
        out.push(r.pick(GROWERS));
        break;
      case 4:
        out.push(`#macro(m $p)${generate(r, 1 + r.int(2))}#end#m(${arg(r, 2)})`);
        break;
      case 5:
        out.push(`#evaluate(${r.int(2) ? ref(r, 1) : expr(r, 0).replace(/^[^"$].*/, '"#set($q = 1)$q"')})`);
        break;
      case 6:
        out.push(`#define($b)${generate(r, 1)}$b#end$b`);
        break;
      default:
        out.push(ref(r, 3));
    }
    if (r.int(3) === 0) out.push(r.pick(['<td>', ' ', '\n', 'text ', '<!--', '-->']));
  }
  return out.join('');
}

/** A real template, changed at a few places: tokens inserted, cut, doubled, or spliced in. */
export function mutate(r: Rng, vm: string, other: string): string {
  let s = vm;
  for (let k = 1 + r.int(4); k > 0; k--) {
    const at = r.int(s.length + 1);
    switch (r.int(12)) {
      case 0:
        s = s.slice(0, at) + r.pick(TOKENS) + s.slice(at);
        break;
      case 1:
        s = s.slice(0, at) + s.slice(at + 1 + r.int(8));
        break;
      case 7:
      case 8:
      case 9:
      case 10:
      case 11:
        // whole statements keep the template parseable more often than cut tokens
        s = s.slice(0, at) + generate(r, 1 + r.int(2)) + s.slice(at);
        break;
      case 2: {
        const len = 1 + r.int(40);
        s = s.slice(0, at) + s.slice(at, at + len).repeat(2 + r.int(3)) + s.slice(at);
        break;
      }
      case 3: {
        const from = r.int(other.length + 1);
        s = s.slice(0, at) + other.slice(from, from + 1 + r.int(120)) + s.slice(at);
        break;
      }
      case 4:
        s = s.slice(0, at) + r.pick(GROWERS) + s.slice(at);
        break;
      case 5:
        s = s.slice(0, at) + ref(r, 2) + s.slice(at);
        break;
      default:
        s = s.slice(0, at) + `#foreach($i in [1..${r.pick(['30', '1000', '2000000'])}])` + s.slice(at, at + r.int(200)) + '#end' + s.slice(at + r.int(200));
    }
  }
  return s;
}

const HOSTILE_MAKERS: (() => unknown)[] = [
  () => '1E300000000',
  () => '-1E100000000',
  () => '1'.repeat(30_000),
  () => 'x'.repeat(1_000_000),
  () => 'a😀b'.repeat(1000),
  () => '(a|b)*'.repeat(3),
  () => ' ',
  () => 'NaN',
  () => Array.from({ length: 100_000 }, (_, i) => i),
  () => Array.from({ length: 1000 }, () => 'x'.repeat(1000)),
  () => Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, i])),
  () => JSON.parse('['.repeat(900) + ']'.repeat(900)),
  () => ({ class: 'vip', size: 3, empty: false, keySet: 1 }),
];

/** The hostile values as JSON text, made once. */
let hostileJson: string[] | undefined;
const hostileValue = (r: Rng) => r.pick((hostileJson ??= HOSTILE_MAKERS.map((f) => JSON.stringify(f()))));

const HOSTILE_NUMBERS = ['1e999', '-1e999', '123456789012345678901234567890', '1' + '0'.repeat(900), '2.0E23', '-0.0', '4.9E-324', '9223372036854775808', '1.7976931348623157E308'];

/** A JSON payload with hostile values under the names generated templates use. */
export function hostilePayload(r: Rng): string {
  const parts: string[] = [];
  for (const name of NAMES) {
    if (r.int(3) === 0) continue;
    const v = r.int(3) === 0 ? r.pick(HOSTILE_NUMBERS) : hostileValue(r);
    parts.push(`${JSON.stringify(name)}:${v}`);
  }
  return '{' + parts.join(',') + '}';
}

/** A case's payload with some values replaced by hostile ones (or left as it is). */
export function mutatePayload(r: Rng, json: string): string {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch {
    return json;
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data) || r.int(3) === 0) return json;
  const entries = Object.entries(data as Record<string, unknown>);
  const parts = entries.map(([k, v]) => `${JSON.stringify(k)}:${r.int(3) === 0 ? (r.int(2) ? r.pick(HOSTILE_NUMBERS) : hostileValue(r)) : JSON.stringify(v)}`);
  return '{' + parts.join(',') + '}';
}
