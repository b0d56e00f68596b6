import { positionAt } from '../errors.js';

/** A piece of Velocity code found in rendered output, which means the render went wrong. */
export interface LeftoverFinding {
  /** The matched text, e.g. `$firstName` or `#if(`. */
  text: string;
  offset: number;
  line: number;
  column: number;
  /** The line around the match, trimmed, for the message. */
  excerpt: string;
}

/*
 * What counts as leftover Velocity, and why each pattern is shaped as it is:
 * - references: `$`, optional `!`, optional `{`, then an identifier that starts with a letter or
 *   underscore, or `${` / `$!{`. Prices (`$5`, `$ 5`, `US$12.99`) start with a digit or space and never match;
 *   jQuery-style `$(` and `$.` do not either.
 * - directives with parentheses (`#if(`, `#foreach (`, `#set(`…) are flagged anywhere: nothing
 *   else in HTML or CSS looks like that.
 * - directives without parentheses (`#end`, `#else`, `#break`, `#stop`) must stand alone: not
 *   after a letter, digit, `/`, `&`, `=` or a quote (`<!--#end-->` is still flagged), so URL fragments (`page.html#end`,
 *   `href="#else"`) and entities are not flagged. CSS colours (`#fff`, `#e0e0e0`) never spell a
 *   directive name followed by a word boundary.
 * - braced directives `#{if}`, `#{end}`, `#{else}`… are flagged anywhere.
 */
const REFERENCE = /\$!?(?:\{|[A-Za-z_])\w*/y;
const PAREN_DIRECTIVE =
  /#\{?(?:if|elseif|foreach|set|macro|parse|include|evaluate|define)\}?\s*\(/y;
const BARE_DIRECTIVE = /#\{?(?:end|else|break|stop)\}?(?!\w)/y;
const BRACED_DIRECTIVE = /#\{(?:if|elseif|else|end|foreach|set|break|stop|macro)\}/y;

export function findLeftoverVelocity(html: string, max = 50): LeftoverFinding[] {
  const found: LeftoverFinding[] = [];
  for (let i = 0; i < html.length && found.length < max; i++) {
    const c = html[i];
    if (c !== '$' && c !== '#') continue;
    const text = c === '$' ? matchReference(html, i) : matchDirective(html, i);
    if (text === undefined) continue;
    const { line, column } = positionAt(html, i);
    found.push({ text, offset: i, line, column, excerpt: excerptAt(html, i) });
    i += text.length - 1;
  }
  return found;
}

function matchReference(html: string, i: number): string | undefined {
  // `\$name` is Velocity's escape and renders as a literal on purpose; `$$` is not a reference.
  if (html[i - 1] === '\\') return undefined;
  REFERENCE.lastIndex = i;
  const m = REFERENCE.exec(html);
  if (!m) return undefined;
  return m[0];
}

function matchDirective(html: string, i: number): string | undefined {
  for (const re of [PAREN_DIRECTIVE, BRACED_DIRECTIVE]) {
    re.lastIndex = i;
    const m = re.exec(html);
    if (m) return m[0];
  }
  const before = html[i - 1] ?? '';
  if (/[\w/&="']/.test(before)) return undefined;
  BARE_DIRECTIVE.lastIndex = i;
  const m = BARE_DIRECTIVE.exec(html);
  return m ? m[0] : undefined;
}

function excerptAt(html: string, i: number): string {
  const start = Math.max(html.lastIndexOf('\n', i) + 1, i - 40);
  const nl = html.indexOf('\n', i);
  const end = Math.min(nl === -1 ? html.length : nl, i + 40);
  return html.slice(start, end).trim();
}
