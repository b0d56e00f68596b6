/** Completion items for payload keys and methods, shared by the providers. */
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type Range } from 'vscode-languageserver';
import type { MethodDoc } from '../docs/java.js';
import { describeShape } from '../hover/describe.js';
import { typeText, type PayloadShape, type Shape } from '../shape.js';

/** A name Velocity reads as a reference or property: `first-name` or `ім'я` is none. */
export const isIdentifier = (name: string): boolean => /^[A-Za-z_][A-Za-z0-9_]*$/.test(name);

/**
 * `text` as the inside of a Velocity string literal quoted with `quote`: the quote is doubled
 * (the parser reads `''` inside '...' as one `'`, and `""` inside "..." as one `"`).
 */
export const inLiteral = (text: string, quote: "'" | '"' = "'"): string => text.split(quote).join(quote + quote);

/** What reads the key `name` after `$` or a `.`: the name, or `get('name')` when it is no identifier. */
export const keyAccess = (name: string): string => (isIdentifier(name) ? name : `get('${inLiteral(name)}')`);

/** An item for the payload key `name` whose shape is `s`, replacing `range` with `newText`. */
export function keyItem(name: string, s: Shape, shape: PayloadShape, range: Range, path: string, newText = name): CompletionItem {
  return {
    label: name,
    kind: CompletionItemKind.Field,
    detail: s.classes.size ? typeText(s) : 'read by the template; no fixture holds it',
    documentation: { kind: MarkupKind.Markdown, value: describeShape(path, s, shape) },
    textEdit: { range, newText },
    filterText: name,
    sortText: `0${name}`,
  };
}

/**
 * An item for a method, inserted as `name()` or `name($1)` with its signature as detail; as the
 * bare name when the call's parentheses are already there (`inCall`).
 */
export function methodItem(d: MethodDoc, range: Range, property = false, inCall = false): CompletionItem {
  const takesArgs = !/^\w+\(\)/.test(d.signature) && !property && !inCall;
  return {
    label: d.name,
    kind: property ? CompletionItemKind.Property : CompletionItemKind.Method,
    detail: d.signature,
    documentation: d.doc,
    textEdit: { range, newText: property || inCall ? d.name : takesArgs ? `${d.name}($1)` : `${d.name}()` },
    insertTextFormat: takesArgs ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    sortText: `1${d.name}`,
  };
}
