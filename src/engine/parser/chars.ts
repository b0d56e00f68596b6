import type { Node } from '../ast.js';

/** Character classes, directive names and shared types of the template parser. */
export const KNOWN_DIRECTIVES = new Set([
  'foreach',
  'include',
  'parse',
  'macro',
  'evaluate',
  'break',
  'define',
  'stop',
]);
export const BLOCK_DIRECTIVES = new Set(['foreach', 'macro', 'define']);

/** Deepest nesting of blocks and expressions a template may have. */
export const MAX_NESTING = 256;

export type Terminator = 'end' | 'else' | 'elseif';

export interface StatementsResult {
  nodes: Node[];
  afterNewline: boolean;
}

export const isAlpha = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95; // a-z A-Z _
export const isIdent = (c: number) => isAlpha(c) || (c >= 48 && c <= 57);
export const isDigit = (c: number) => c >= 48 && c <= 57;
export const isWordStart = (c: number) => isAlpha(c) || c === 64; // WORD may start with @

export interface ParseOptions {
  name?: string | undefined;
  /** Macro names known before parsing (for #evaluate of text inside a template). */
  knownMacros?: Set<string> | undefined;
}
