/**
 * After `$`, `$!`, `${` or `$!{`: payload keys (fixtures and the keys the template reads),
 * `$data`, the tools, `#set` variables, and the macro parameters and loop variables in scope. A
 * key that is no Velocity identifier is inserted as `data.get('first-name')`.
 */
import { CompletionItemKind, type CompletionItem } from 'vscode-languageserver';
import { TOOLS } from '../docs/tools.js';
import { loopsAt, macroAt } from '../outline.js';
import { isIdentifier, keyAccess, keyItem } from './items.js';
import type { CompletionProvider } from './types.js';

const PREFIX = /(?:^|[^\\$])\$!?\{?([A-Za-z_]\w*)?$/;

export const referenceCompletion: CompletionProvider = (model, offset) => {
  const before = model.text.slice(Math.max(0, offset - 200), offset);
  const m = PREFIX.exec(before);
  if (!m) return undefined;
  const typed = m[1] ?? '';
  const range = { start: model.doc.positionAt(offset - typed.length), end: model.doc.positionAt(offset) };
  const items: CompletionItem[] = [];
  const seen = new Set<string>();
  const add = (item: CompletionItem) => {
    if (seen.has(item.label)) return;
    seen.add(item.label);
    items.push(item);
  };
  const local = (label: string, detail: string, kind: CompletionItemKind = CompletionItemKind.Variable) =>
    add({ label, kind, detail, textEdit: { range, newText: label }, sortText: `0${label}` });
  for (const l of loopsAt(model.outline, offset).reverse()) local(l.varName, `#foreach item of ${l.iterable}`);
  if (loopsAt(model.outline, offset).length) local('foreach', 'loop state: count, index, hasNext, first, last');
  for (const p of macroAt(model.outline, offset)?.params ?? []) local(p.name, 'macro parameter');
  for (const s of model.outline.sets) local(s.name, `#set to ${s.value.slice(0, 60)}`);
  // a key that is no identifier is read through the whole payload: $data.get('first-name')
  for (const [name, s] of model.shape.root.keys) add(keyItem(name, s, model.shape, range, name, isIdentifier(name) ? name : `data.${keyAccess(name)}`));
  add({ label: 'data', kind: CompletionItemKind.Module, detail: 'the whole payload (a Map)', documentation: "`$data.get('key')` reads any key, also ones that are not valid names.", textEdit: { range, newText: 'data' }, sortText: '2data' });
  for (const t of TOOLS) add({ label: t.name, kind: CompletionItemKind.Module, detail: 'tool', documentation: t.doc, textEdit: { range, newText: t.name }, sortText: `2${t.name}` });
  return items;
};
