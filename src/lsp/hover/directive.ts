/** On a directive: a short doc; on a macro call: the macro's parameters. */
import { MarkupKind } from 'vscode-languageserver';
import { directiveByName } from '../docs/directives.js';
import type { HoverProvider } from './types.js';

export const directiveHover: HoverProvider = (model, offset) => {
  const text = model.outline.masked;
  let start = offset;
  while (start > 0 && /[\w@{]/.test(text[start - 1]!)) start--;
  if (text[start - 1] !== '#' && text[start] !== '#') return undefined;
  const hash = text[start] === '#' ? start : start - 1;
  const m = /^#\{?(@?)([A-Za-z_]\w*)/.exec(text.slice(hash, hash + 60));
  if (!m || offset >= hash + m[0].length) return undefined;
  const name = m[2]!;
  const range = { start: model.doc.positionAt(hash), end: model.doc.positionAt(hash + m[0].length) };
  const d = m[1] ? undefined : directiveByName(name);
  if (d) return { contents: { kind: MarkupKind.Markdown, value: d.doc }, range };
  const mac = model.outline.macros.find((x) => x.name === name);
  if (!mac) return undefined;
  const line = model.doc.positionAt(mac.block.start).line + 1;
  return { contents: { kind: MarkupKind.Markdown, value: `**#${name}**(${mac.params.map((p) => `$${p.name}`).join(' ')}): macro defined on line ${line}` }, range };
};
