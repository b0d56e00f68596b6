/**
 * Java regular expressions for String.matches/replaceAll/replaceFirst/split: translation to
 * JavaScript, Java's replacement syntax and split rules, and execution with a timeout.
 */
import vm from 'node:vm';
import { JavaException } from './methods.js';


/** Translates a Java regular expression to a JavaScript one (common subset). */
export function javaRegex(pattern: string, flags = ''): RegExp {
  let src = pattern
    .replace(/\\p\{Alpha\}/g, '[A-Za-z]')
    .replace(/\\p\{Digit\}/g, '[0-9]')
    .replace(/\\p\{Alnum\}/g, '[A-Za-z0-9]')
    .replace(/\\p\{Upper\}/g, '[A-Z]')
    .replace(/\\p\{Lower\}/g, '[a-z]')
    .replace(/\\p\{Punct\}/g, '[!-\\/:-@\\[-`{-~]')
    .replace(/\\p\{Space\}/g, '\\s')
    .replace(/\\Q([\s\S]*?)(\\E|$)/g, (_m, lit: string) => lit.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&'));
  src = src.replace(/([*+?}])\+/g, '$1'); // possessive quantifiers behave as greedy here
  try {
    return new RegExp(src, flags);
  } catch (e) {
    throw new JavaException(
      'java.util.regex.PatternSyntaxException',
      `${(e as Error).message.replace(/^Invalid regular expression: /, '')} near index 0\n${pattern}`,
    );
  }
}

/** A method hit a limit of its own (a regular expression that runs too long, a huge string). */
export class MethodLimit extends Error {}

interface RegexMatch {
  index: number;
  text: string;
  groups: (string | undefined)[];
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
  const re = new RegExp(pattern, global ? 'g' : '');
  const out = [];
  let m;
  while ((m = re.exec(input)) !== null) {
    out.push([m.index, m[0], ...m.slice(1)]);
    if (!global || out.length > 1000000) break;
    if (m[0] === '') re.lastIndex++;
  }
  return JSON.stringify(out);
})()`);

export function regexMatches(source: string, input: string, global: boolean): RegexMatch[] {
  regexContext ??= vm.createContext({});
  Object.assign(regexContext, { pattern: source, input, global });
  let json: string;
  try {
    const timeout = Math.max(1, Math.min(REGEX_TIMEOUT_MS, Math.floor(regexDeadline - Date.now())));
    json = REGEX_SCRIPT.runInContext(regexContext, { timeout }) as string;
  } catch (e) {
    if ((e as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
      throw new MethodLimit(`regular expression /${source}/ ran out of time (at most ${REGEX_TIMEOUT_MS} ms, within the render's maxTimeMs)`);
    }
    throw e;
  }
  return (JSON.parse(json) as [number, string, ...(string | null)[]][]).map(([index, text, ...groups]) => ({
    index,
    text,
    groups: groups.map((g) => (g === null ? undefined : g)),
  }));
}

export function replaceMatches(s: string, matches: RegexMatch[], rep: string): string {
  const f = javaReplacement(rep);
  let out = '';
  let last = 0;
  for (const m of matches) {
    out += s.slice(last, m.index) + f(m.text, m.groups);
    last = m.index + m.text.length;
  }
  return out + s.slice(last);
}

/** Java's Matcher.replaceAll replacement: $n groups, backslash escapes. */
function javaReplacement(rep: string): (match: string, groups: (string | undefined)[]) => string {
  return (match: string, groups: (string | undefined)[]) => {
    let out = '';
    for (let i = 0; i < rep.length; i++) {
      const c = rep[i]!;
      if (c === '\\') {
        i++;
        if (i >= rep.length) throw new JavaException('java.lang.IllegalArgumentException', 'character to be escaped is missing');
        out += rep[i];
      } else if (c === '$') {
        i++;
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
  for (const m of regexMatches(re.source, s, true)) {
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
