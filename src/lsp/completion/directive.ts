/** After `#`: the directives as snippets, and the macros the template defines. */
import { CompletionItemKind, InsertTextFormat, type CompletionItem } from 'vscode-languageserver';
import { DIRECTIVES } from '../docs/directives.js';
import type { CompletionProvider } from './types.js';

const PREFIX = /(?:^|[^\\#&\w])#\{?([A-Za-z_]\w*)?$/;

export const directiveCompletion: CompletionProvider = (model, offset) => {
  const before = model.text.slice(Math.max(0, offset - 100), offset);
  const m = PREFIX.exec(before);
  if (!m) return undefined;
  // a CSS colour or an anchor link, not a directive
  if (/(?:color|background|fill|stroke|border[\w-]*)\s*:\s*#\w*$|href=["']#\w*$/i.test(before)) return undefined;
  const typed = m[1] ?? '';
  const range = { start: model.doc.positionAt(offset - typed.length), end: model.doc.positionAt(offset) };
  const items: CompletionItem[] = DIRECTIVES.map((d) => ({
    label: d.name,
    kind: CompletionItemKind.Keyword,
    detail: `#${d.name}`,
    documentation: { kind: 'markdown', value: d.doc },
    textEdit: { range, newText: d.snippet },
    insertTextFormat: InsertTextFormat.Snippet,
    sortText: `0${d.name}`,
  }));
  for (const mac of model.outline.macros) {
    const args = mac.params.map((p, i) => `\${${i + 1}:\\$${p.name}}`).join(' ');
    items.push({
      label: mac.name,
      kind: CompletionItemKind.Function,
      detail: `#${mac.name}(${mac.params.map((p) => `$${p.name}`).join(' ')})`,
      textEdit: { range, newText: `${mac.name}(${args})` },
      insertTextFormat: InsertTextFormat.Snippet,
      sortText: `1${mac.name}`,
    });
  }
  return items;
};
