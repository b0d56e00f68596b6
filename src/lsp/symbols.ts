/** Document symbols (macros, `#set`, loops, nested as written) and folding ranges for blocks. */
import { FoldingRangeKind, SymbolKind, type DocumentSymbol, type FoldingRange } from 'vscode-languageserver';
import type { TemplateModel } from './model.js';

export function documentSymbols(model: TemplateModel): DocumentSymbol[] {
  const { doc, outline: o } = model;
  const range = (start: number, end: number) => ({ start: doc.positionAt(start), end: doc.positionAt(end) });
  const items: { start: number; end: number; sym: DocumentSymbol }[] = [];
  for (const m of o.macros) {
    items.push({ start: m.block.start, end: m.block.end, sym: { name: `#${m.name}`, detail: m.params.map((p) => `$${p.name}`).join(' '), kind: SymbolKind.Function, range: range(m.block.start, m.block.end), selectionRange: range(m.nameAt, m.nameAt + m.name.length), children: [] } });
  }
  for (const l of o.loops) {
    items.push({ start: l.block.start, end: l.block.end, sym: { name: `#foreach $${l.varName}`, detail: `in ${l.iterable}`, kind: SymbolKind.Array, range: range(l.block.start, l.block.end), selectionRange: range(l.varAt, l.varAt + 1 + l.varName.length), children: [] } });
  }
  for (const s of o.sets) {
    const end = s.valueAt + s.value.length;
    items.push({ start: s.start, end, sym: { name: `$${s.name}`, detail: s.value.slice(0, 60), kind: SymbolKind.Variable, range: range(s.start, end + 1), selectionRange: range(s.at, s.at + 1 + s.name.length) } });
  }
  // nest by containment, in document order
  items.sort((a, b) => a.start - b.start || b.end - a.end);
  const roots: DocumentSymbol[] = [];
  const stack: typeof items = [];
  for (const it of items) {
    while (stack.length && stack[stack.length - 1]!.end <= it.start) stack.pop();
    const parent = stack[stack.length - 1];
    (parent ? parent.sym.children! : roots).push(it.sym);
    if (it.sym.children) stack.push(it);
  }
  return roots;
}

export function foldingRanges(model: TemplateModel): FoldingRange[] {
  const { doc, outline: o } = model;
  const out: FoldingRange[] = [];
  for (const b of o.blocks) {
    if (b.endAt === undefined) continue;
    const startLine = doc.positionAt(b.start).line;
    const endLine = doc.positionAt(b.endAt).line - 1;
    if (endLine > startLine) out.push({ startLine, endLine, kind: FoldingRangeKind.Region });
  }
  for (const m of model.text.matchAll(/#\*[\s\S]*?\*#/g)) {
    const startLine = doc.positionAt(m.index).line;
    const endLine = doc.positionAt(m.index + m[0].length).line;
    if (endLine > startLine) out.push({ startLine, endLine, kind: FoldingRangeKind.Comment });
  }
  return out;
}
