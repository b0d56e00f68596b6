/** Completion items for payload keys and methods, shared by the providers. */
import { CompletionItemKind, InsertTextFormat, MarkupKind, type CompletionItem, type Range } from 'vscode-languageserver';
import type { MethodDoc } from '../docs/java.js';
import { describeShape } from '../hover/describe.js';
import { typeText, type PayloadShape, type Shape } from '../shape.js';

/** An item for the payload key `name` whose shape is `s`, replacing `range`. */
export function keyItem(name: string, s: Shape, shape: PayloadShape, range: Range, path: string): CompletionItem {
  return {
    label: name,
    kind: CompletionItemKind.Field,
    detail: s.classes.size ? typeText(s) : 'read by the template; no fixture holds it',
    documentation: { kind: MarkupKind.Markdown, value: describeShape(path, s, shape) },
    textEdit: { range, newText: name },
    sortText: `0${name}`,
  };
}

/** An item for a method, inserted as `name()` or `name($1)` with its signature as detail. */
export function methodItem(d: MethodDoc, range: Range, property = false): CompletionItem {
  const takesArgs = !/^\w+\(\)/.test(d.signature) && !property;
  return {
    label: d.name,
    kind: property ? CompletionItemKind.Property : CompletionItemKind.Method,
    detail: d.signature,
    documentation: d.doc,
    textEdit: { range, newText: property ? d.name : takesArgs ? `${d.name}($1)` : `${d.name}()` },
    insertTextFormat: takesArgs ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    sortText: `1${d.name}`,
  };
}
