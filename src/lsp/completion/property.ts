/**
 * After a `.`: the keys of the payload at that path (inside `#foreach($item in $items)` the keys
 * of the items), then the Java methods of the value's type; the methods of a tool; `$foreach`'s
 * properties. A key that is no Velocity identifier is inserted as `get('total-sum')`.
 */
import type { CompletionItem } from 'vscode-languageserver';
import { chainAt } from '../chain.js';
import { FOREACH_PROPS, methodsOf, type MethodDoc } from '../docs/java.js';
import { toolByName } from '../docs/tools.js';
import { resolveChain } from '../resolve.js';
import { kindOf } from '../shape.js';
import { keyAccess, keyItem, methodItem } from './items.js';
import type { CompletionProvider } from './types.js';

export const propertyCompletion: CompletionProvider = (model, offset) => {
  const chain = chainAt(model.text, offset, model.outline);
  // the property being typed: the cursor is after its dot, maybe in the middle of its name, or
  // in the name of a method call whose arguments follow
  const index = chain ? chain.parts.findIndex((p) => (p.kind === 'prop' && offset > p.start && offset <= p.end) || (p.kind === 'method' && offset > p.start && offset <= p.nameEnd)) : -1;
  const part = chain?.parts[index];
  if (!chain || !part || part.kind === 'index') return undefined;
  // in a call only the name is replaced and only methods fit: its arguments stay as written
  const call = part.kind === 'method';
  const range = { start: model.doc.positionAt(part.start + 1), end: model.doc.positionAt(call ? part.nameEnd : part.end) };
  const method = (d: MethodDoc, property = false) => methodItem(d, range, property, call);
  const target = resolveChain(model, chain, index);
  const items: CompletionItem[] = [];
  switch (target.kind) {
    case 'payload': {
      if (!call) for (const [name, s] of target.shape.keys) items.push(keyItem(name, s, model.shape, range, target.path ? `${target.path}.${name}` : name, keyAccess(name)));
      for (const d of methodsOf(kindOf(target.shape))) items.push(method(d));
      break;
    }
    case 'tool':
      for (const d of toolByName(target.name)?.methods ?? []) items.push(method(d));
      break;
    case 'foreach':
      if (!call) for (const d of FOREACH_PROPS) items.push(method(d, true));
      break;
    case 'java':
      for (const d of methodsOf(target.java)) items.push(method(d));
      break;
    case 'unknown':
      for (const d of methodsOf('Object')) items.push(method(d));
  }
  return items;
};
