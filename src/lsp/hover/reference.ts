/**
 * On a reference: a payload value's inferred type, values per fixture and absence count; on a
 * tool or Java method its signature and doc; on a loop or `#set` variable what it stands for.
 */
import { MarkupKind, type Hover } from 'vscode-languageserver';
import { chainAt } from '../chain.js';
import { FOREACH_PROPS, methodsOf } from '../docs/java.js';
import { toolByName } from '../docs/tools.js';
import type { TemplateModel } from '../model.js';
import { resolveChain, type Target } from '../resolve.js';
import { kindOf } from '../shape.js';
import { describeShape } from './describe.js';
import type { HoverProvider } from './types.js';

const md = (model: TemplateModel, value: string, start: number, end: number): Hover => ({
  contents: { kind: MarkupKind.Markdown, value },
  range: { start: model.doc.positionAt(start), end: model.doc.positionAt(end) },
});

export const referenceHover: HoverProvider = (model, offset) => {
  const chain = chainAt(model.text, offset + 1, model.outline);
  if (!chain || offset < chain.start || offset >= chain.end || !chain.root) return undefined;
  // the part under the cursor: the root, or one of the parts
  let index = chain.parts.findIndex((p) => offset >= p.start && offset < p.end);
  if (index < 0) index = offset < chain.rootStart + chain.root.length ? -1 : chain.parts.length - 1;
  const part = index >= 0 ? chain.parts[index] : undefined;
  const before: Target = resolveChain(model, chain, Math.max(0, index));
  const start = part ? part.start + 1 : chain.start;
  if (part?.kind === 'method' && !(before.kind === 'payload' && part.name === 'get' && part.key !== undefined)) {
    const doc = methodDoc(before, part.name);
    if (!doc) return undefined;
    return md(model, `\`\`\`\n${doc.owner}.${doc.signature}\n\`\`\`\n${doc.doc}`, start, part.nameEnd);
  }
  const target = index >= 0 ? resolveChain(model, chain, index + 1) : before;
  const end = part ? part.end : chain.rootStart + chain.root.length;
  if (target.kind === 'payload') return md(model, describeShape(target.path, target.shape, model.shape), start, end);
  if (target.kind === 'tool') return md(model, `**$${target.name}**: ${toolByName(target.name)?.doc ?? ''}`, start, end);
  if (target.kind === 'foreach' && !part) return md(model, '**$foreach**: the state of the innermost loop (count, index, hasNext, first, last, parent)', start, end);
  if (before.kind === 'foreach' && part?.kind === 'prop') {
    const d = FOREACH_PROPS.find((x) => x.name === part.name);
    if (d) return md(model, `**$foreach.${d.name}**: ${d.doc}`, start, end);
  }
  if (!part) {
    const set = model.outline.sets.find((s) => s.name === chain.root);
    if (set) return md(model, `**$${chain.root}**: set to \`${set.value.slice(0, 80)}\``, start, end);
  }
  return undefined;
};

function methodDoc(t: Target, name: string): { owner: string; signature: string; doc: string } | undefined {
  if (t.kind === 'tool') {
    const d = toolByName(t.name)?.methods.find((x) => x.name === name);
    return d && { owner: `$${t.name}`, signature: d.signature, doc: d.doc };
  }
  const kind = t.kind === 'payload' ? kindOf(t.shape) : t.kind === 'java' ? t.java : 'Object';
  const d = methodsOf(kind).find((x) => x.name === name);
  return d && { owner: kind === 'Object' ? 'Object' : kind, signature: d.signature, doc: d.doc };
}
