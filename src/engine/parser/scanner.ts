/**
 * The parser's scanning state and the low-level reads shared by the expression and template
 * levels: positions, errors with code frames, nesting bounds, directive words and line ends.
 */
import type { MacroDefNode } from '../ast.js';
import { ParseError, positionAt } from '../../errors.js';
import { MAX_NESTING, isIdent, isWordStart, type ParseOptions, type Terminator } from './chars.js';

export class Scanner {
  pos = 0;
  depth = 0;
  /**
   * Inside method arguments, an index or an alternate value: Velocity's lexer has a '(' token
   * only in directive expressions, so a parenthesis there is a lexical error.
   */
  lex: ('refmod2' | 'refindex' | 'alt')[] = [];
  readonly macros = new Map<string, MacroDefNode>();
  readonly macroNames: Set<string>;
  constructor(
    readonly src: string,
    readonly options: ParseOptions,
  ) {
    this.macroNames = new Set(options.knownMacros ?? []);
  }

  // ---------------------------------------------------------------- errors

  fail(message: string, at: number): never {
    const { line, column } = positionAt(this.src, at);
    throw new ParseError(message, {
      file: this.options.name,
      line,
      column,
      source: this.src,
    });
  }

  /** Lexical errors at the end of input: Velocity reports them one column past the end. */
  failAtEof(message: string): never {
    const { line, column } = positionAt(this.src, this.src.length);
    throw new ParseError(message, {
      file: this.options.name,
      line,
      column: column + 1,
      source: this.src,
    });
  }

  /** The character code at i (NaN past the end); hot loops call `src.charCodeAt` directly. */
  code(i: number): number {
    return this.src.charCodeAt(i);
  }

  /** Bounds nesting so that no template can exhaust the stack (a ParseError instead). */
  enter(): void {
    if (++this.depth > MAX_NESTING) {
      this.depth = 0;
      this.fail(`nesting deeper than ${MAX_NESTING} levels`, this.pos);
    }
  }


  /** `#end`, `#{end}`, `#else`, `#{else}`, `#elseif`, `#{elseif}` at `i`, as Velocity's lexer sees them. */
  terminatorAt(i: number): Terminator | undefined {
    if (this.src.charCodeAt(i) !== 35) return undefined;
    const w = this.directiveWordAt(i);
    if (!w) return undefined;
    if (w.name === 'end' || w.name === 'else' || w.name === 'elseif') return w.name;
    return undefined;
  }

  /** The directive word after `#` at i: plain WORD or `{WORD}`. */
  directiveWordAt(i: number): { name: string; braced: boolean; end: number } | undefined {
    let j = i + 1;
    const braced = this.src.charCodeAt(j) === 123;
    if (braced) j++;
    if (!isWordStart(this.src.charCodeAt(j))) return undefined;
    let k = j + 1;
    while (isIdent(this.src.charCodeAt(k))) k++;
    const name = this.src.slice(j, k);
    if (braced) {
      if (this.src.charCodeAt(k) !== 125) return undefined;
      return { name, braced, end: k + 1 };
    }
    return { name, braced, end: k };
  }

  wsEnd(i: number): number {
    while (this.src.charCodeAt(i) === 32 || this.src.charCodeAt(i) === 9) i++;
    return i;
  }

  /** End of `[ \t]* newline` at i, or -1. */
  gobbleEnd(i: number): number {
    const j = this.wsEnd(i);
    const c = this.src.charCodeAt(j);
    if (c === 10) return j + 1;
    if (c === 13) return this.src.charCodeAt(j + 1) === 10 ? j + 2 : j + 1;
    return -1;
  }
}
