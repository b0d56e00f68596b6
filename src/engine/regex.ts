/**
 * Java regular expressions for String.matches/replaceAll/replaceFirst/split: translation to
 * JavaScript, Java's replacement syntax and split rules, and execution with a timeout.
 */
import vm from 'node:vm';
import { JavaException } from './methods/core.js';
import { possessive } from './regex-atomic.js';


/** Java's POSIX classes (ASCII, as java.util.regex has them without UNICODE_CHARACTER_CLASS). */
const POSIX: Record<string, string> = {
  Alpha: 'A-Za-z', Digit: '0-9', Alnum: 'A-Za-z0-9', Upper: 'A-Z', Lower: 'a-z', Punct: '!-\\/:-@\\[-`{-~',
  Space: ' \\t\\n\\x0B\\f\\r', XDigit: '0-9a-fA-F', Blank: ' \\t', Cntrl: '\\x00-\\x1F\\x7F', ASCII: '\\x00-\\x7F',
  Graph: '!-~', Print: ' -~',
};

/**
 * Translates a Java regular expression to a JavaScript one: inline flags (?i) (?s) (?m) (?x)
 * (?u) (?U) become flags, \p{Lu} and the other Unicode classes use the u flag, POSIX classes
 * are ASCII, class intersection [a-z&&[^aeiou]] uses the v flag, \Q...\E quotes. `whole`
 * anchors the pattern at both ends (String.matches) whatever the flags.
 */
export function javaRegex(pattern: string, flags = '', whole = false): RegExp {
  let f = flags;
  let src = pattern.replace(/\\Q([\s\S]*?)(\\E|$)/g, (_m, lit: string) => lit.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&'));
  // a backslash that ends the pattern escapes nothing (those quoted by \Q are escaped by now)
  if (/(?:^|[^\\])(?:\\\\)*\\$/.test(src)) {
    throw new JavaException('java.util.regex.PatternSyntaxException', `Unexpected internal error near index ${pattern.length}\n${pattern}`);
  }
  // inline flag groups anywhere apply to the whole pattern here
  src = src.replace(/\(\?([imsxuU]+)\)/g, (_m, fl: string) => {
    for (const c of fl) {
      if (c === 'i' && !f.includes('i')) f += 'i';
      if (c === 's' && !f.includes('s')) f += 's';
      if (c === 'm' && !f.includes('m')) f += 'm';
    }
    return '';
  });
  src = src.replace(/\\([pP])\{(?:Is)?(\w+)\}/g, (m, p: string, name: string) => {
    const posix = POSIX[name];
    if (posix) return p === 'p' ? `[${posix}]` : `[^${posix}]`;
    if (name === 'javaLowerCase') return `\\${p}{Ll}`;
    if (name === 'javaUpperCase') return `\\${p}{Lu}`;
    if (name === 'Alphabetic' || /^[A-Z][a-z]?$/.test(name) || /^L[a-z]$/.test(name)) return `\\${p}{${name}}`;
    if (/^[A-Z][a-z]+$/.test(name)) return `\\${p}{Script=${name}}`;
    return m;
  });
  if (src.includes('&&')) {
    // [a-z&&[^aeiou]] -> [[a-z]&&[^aeiou]] (the v flag's syntax)
    src = src.replace(/\[([^\[\]&]+)&&(\[[^\]]*\]|[^\]]+)\]/g, (_m, a: string, b: string) => `[[${a}]&&${b.startsWith('[') ? b : `[${b}]`}]`);
    f += 'v';
  } else if (/\\[pP]\{/.test(src)) f += 'u';
  const atomic = possessive(src);
  src = atomic.source;
  if (whole) src = `(?<![\\s\\S])(?:${src})(?![\\s\\S])`;
  try {
    return remember(new RegExp(src, f), atomic.hidden);
  } catch (e) {
    if (f.includes('u') || f.includes('v')) {
      try {
        return remember(new RegExp(src, f.replace(/[uv]/g, '')), atomic.hidden);
      } catch {
        /* reported below */
      }
    }
    throw new JavaException('java.util.regex.PatternSyntaxException', `${javaSyntaxProblem((e as Error).message)} near index 0\n${pattern}`);
  }
}

/**
 * JavaScript's words for a pattern that does not compile, in Java's where they say the same,
 * without the source JavaScript was given (the pattern as velvet translated it, not as written).
 */
function javaSyntaxProblem(message: string): string {
  const what = message.replace(/^Invalid regular expression: \/[\s\S]*\/[a-z]*: /, '');
  return JAVA_SYNTAX_PROBLEMS[what] ?? what;
}

const JAVA_SYNTAX_PROBLEMS: Record<string, string> = {
  'Unterminated group': 'Unclosed group',
  'Unterminated character class': 'Unclosed character class',
  "Unmatched ')'": "Unmatched closing ')'",
  'numbers out of order in {} quantifier': 'Illegal repetition range',
};

const hiddenGroups = new WeakMap<RegExp, number[]>();
function remember(re: RegExp, hidden: number[]): RegExp {
  if (hidden.length) hiddenGroups.set(re, hidden);
  return re;
}

/** Runs a regex from javaRegex over `input`: its matches, without the groups it added. */
export function javaMatches(re: RegExp, input: string, global: boolean): RegexMatch[] {
  const matches = regexMatches(re.source, input, global, re.flags);
  const hidden = hiddenGroups.get(re);
  if (!hidden) return matches;
  for (const m of matches) m.groups = m.groups.filter((_g, i) => !hidden.includes(i + 1));
  return matches;
}

/** A method hit a limit of its own (a regular expression that runs too long, a huge string). */
export class MethodLimit extends Error {}

interface RegexMatch {
  index: number;
  text: string;
  groups: (string | undefined)[];
  named: Record<string, string | undefined> | undefined;
}

// Regular expressions come from templates and may backtrack catastrophically ("(a+)+b"): they
// run in a separate V8 context whose execution is interrupted after REGEX_TIMEOUT_MS.
const REGEX_TIMEOUT_MS = 1000;
/** The running render's deadline (renders are synchronous, so one slot is enough). */
let regexDeadline = Infinity;

/** Sets the deadline regular expressions must finish by (the render's maxTimeMs). */
export function setRegexDeadline(deadline: number): void {
  regexDeadline = deadline;
}
let regexContext: vm.Context | undefined;
const REGEX_SCRIPT = new vm.Script(`(() => {
  const re = new RegExp(pattern, flags.replace('g', '') + (global ? 'g' : ''));
  const out = [];
  let m;
  while ((m = re.exec(input)) !== null) {
    out.push([m.index, m[0], m.groups ?? null, ...m.slice(1)]);
    if (!global || out.length > 1000000) break;
    if (m[0] === '') re.lastIndex++;
  }
  return JSON.stringify(out);
})()`);

export function regexMatches(source: string, input: string, global: boolean, flags = ''): RegexMatch[] {
  regexContext ??= vm.createContext({});
  Object.assign(regexContext, { pattern: source, input, global, flags });
  let json: string;
  try {
    const timeout = Math.max(1, Math.min(REGEX_TIMEOUT_MS, Math.floor(regexDeadline - Date.now())));
    json = REGEX_SCRIPT.runInContext(regexContext, { timeout }) as string;
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
      throw new MethodLimit(`regular expression /${source}/ ran out of time (at most ${REGEX_TIMEOUT_MS} ms, within the render's maxTimeMs)`);
    }
    // the regex context is another realm: its RangeError (stack or memory) is not ours
    if ((e as Error)?.name === 'RangeError') {
      throw new MethodLimit(`regular expression /${source.slice(0, 80)}/ exhausted the engine on ${input.length} characters (${(e as Error).message})`);
    }
    throw e;
  }
  return (JSON.parse(json) as [number, string, Record<string, string> | null, ...(string | null)[]][]).map(([index, text, named, ...groups]) => ({
    index,
    text,
    groups: groups.map((g) => (g === null ? undefined : g)),
    named: named ?? undefined,
  }));
}

export function replaceMatches(s: string, matches: RegexMatch[], rep: string, _re?: RegExp): string {
  const f = javaReplacement(rep);
  let out = '';
  let last = 0;
  for (const m of matches) {
    out += s.slice(last, m.index) + f(m.text, m.groups, m.named);
    last = m.index + m.text.length;
  }
  return out + s.slice(last);
}

/** Java's Matcher.replaceAll replacement: $n groups, backslash escapes. */
function javaReplacement(
  rep: string,
): (match: string, groups: (string | undefined)[], named: Record<string, string | undefined> | undefined) => string {
  return (match, groups, named) => {
    let out = '';
    for (let i = 0; i < rep.length; i++) {
      const c = rep[i]!;
      if (c === '\\') {
        i++;
        if (i >= rep.length) throw new JavaException('java.lang.IllegalArgumentException', 'character to be escaped is missing');
        out += rep[i];
      } else if (c === '$') {
        i++;
        if (rep[i] === '{') {
          // ${name}: a named group
          const end = rep.indexOf('}', i);
          const name = end < 0 ? '' : rep.slice(i + 1, end);
          if (!/^[a-zA-Z][a-zA-Z0-9]*$/.test(name)) throw new JavaException('java.lang.IllegalArgumentException', 'named capturing group is missing trailing \'}\'');
          if (!named || !(name in named)) throw new JavaException('java.lang.IllegalArgumentException', `No group with name {${name}}`);
          out += named[name] ?? '';
          i = end;
          continue;
        }
        const d = rep.charCodeAt(i);
        if (!(d >= 48 && d <= 57)) throw new JavaException('java.lang.IllegalArgumentException', 'Illegal group reference');
        let n = d - 48;
        while (i + 1 < rep.length) {
          const e = rep.charCodeAt(i + 1);
          if (e < 48 || e > 57) break;
          const next = n * 10 + (e - 48);
          if (next > groups.length) break;
          n = next;
          i++;
        }
        if (n > groups.length) throw new JavaException('java.lang.IndexOutOfBoundsException', `No group ${n}`);
        out += n === 0 ? match : (groups[n - 1] ?? '');
      } else out += c;
    }
    return out;
  };
}

export function javaSplit(s: string, regex: string, limit = 0): string[] {
  if (s === '') return [''];
  const re = javaRegex(regex, 'g');
  const parts: string[] = [];
  let last = 0;
  for (const m of javaMatches(re, s, true)) {
    if (m.text === '' && (m.index >= s.length || m.index === 0)) continue;
    if (limit > 0 && parts.length === limit - 1) break;
    parts.push(s.slice(last, m.index));
    last = m.index + m.text.length;
  }
  parts.push(s.slice(last));
  if (limit === 0) while (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  if (limit === 0 && parts.length === 1 && parts[0] === '' && s !== '') return [];
  return parts;
}
