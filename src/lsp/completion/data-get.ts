/**
 * Inside `$data.get('` (or `.get('` on any map of the payload): the keys at that path, the quote
 * doubled inside the literal (`'it''s'`). Inside "..." a key with `$` or `#` is left out: the
 * literal would interpolate it.
 */
import type { CompletionItem } from 'vscode-languageserver';
import { chainAt } from '../chain.js';
import { resolveChain } from '../resolve.js';
import { inLiteral, keyItem } from './items.js';
import type { CompletionProvider } from './types.js';

const OPEN = /\.(get|containsKey|getOrDefault)\(\s*(['"])([^'"$()]*)$/;

export const dataGetCompletion: CompletionProvider = (model, offset) => {
  const m = OPEN.exec(model.text.slice(Math.max(0, offset - 300), offset));
  if (!m) return undefined;
  const chain = chainAt(model.text, offset, model.outline);
  // the call whose argument holds the cursor (more of the chain may follow it)
  const index = chain ? chain.parts.findIndex((p) => p.kind === 'method' && offset > p.nameEnd && (!p.closed || offset < p.end)) : -1;
  if (!chain || index < 0) return undefined;
  const target = resolveChain(model, chain, index);
  if (target.kind !== 'payload') return [];
  const typed = m[3]!;
  const quote = m[2] === '"' ? '"' : "'";
  const range = { start: model.doc.positionAt(offset - typed.length), end: model.doc.positionAt(offset) };
  const closes = model.text[offset] === quote;
  const items: CompletionItem[] = [];
  for (const [name, s] of target.shape.keys) {
    // a double-quoted literal is a template of its own: a key with $ or # would be interpolated
    if (quote === '"' && /[$#]/.test(name)) continue;
    const inside = inLiteral(name, quote);
    items.push(keyItem(name, s, model.shape, range, target.path ? `${target.path}.${name}` : name, closes ? inside : `${inside}${quote}`));
  }
  return items;
};
