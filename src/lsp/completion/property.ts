/**
 * After a `.`: the keys of the payload at that path (inside `#foreach($item in $items)` the keys
 * of the items), then the Java methods of the value's type; the methods of a tool; `$foreach`'s
 * properties. A key that is no Velocity identifier is inserted as `get('total-sum')`.
 */
import type { CompletionItem } from 'vscode-languageserver';
import { chainAt } from '../chain.js';
import { FOREACH_PROPS, methodsOf } from '../docs/java.js';
import { toolByName } from '../docs/tools.js';
import { resolveChain } from '../resolve.js';
import { kindOf } from '../shape.js';
import { keyAccess, keyItem, methodItem } from './items.js';
import type { CompletionProvider } from './types.js';

export const propertyCompletion: CompletionProvider = (model, offset) => {
  const chain = chainAt(model.text, offset, model.outline);
  // the property being typed: the cursor is after its dot, maybe in the middle of its name
  const index = chain ? chain.parts.findIndex((p) => p.kind === 'prop' && offset > p.start && offset <= p.end) : -1;
  const part = chain?.parts[index];
  if (!chain || !part) return undefined;
  const range = { start: model.doc.positionAt(part.start + 1), end: model.doc.positionAt(part.end) };
  const target = resolveChain(model, chain, index);
  const items: CompletionItem[] = [];
  switch (target.kind) {
    case 'payload': {
      for (const [name, s] of target.shape.keys) items.push(keyItem(name, s, model.shape, range, target.path ? `${target.path}.${name}` : name, keyAccess(name)));
      for (const d of methodsOf(kindOf(target.shape))) items.push(methodItem(d, range));
      break;
    }
    case 'tool':
      for (const d of toolByName(target.name)?.methods ?? []) items.push(methodItem(d, range));
      break;
    case 'foreach':
      for (const d of FOREACH_PROPS) items.push(methodItem(d, range, true));
      break;
    case 'java':
      for (const d of methodsOf(target.java)) items.push(methodItem(d, range));
      break;
    case 'unknown':
      for (const d of methodsOf('Object')) items.push(methodItem(d, range));
  }
  return items;
};
