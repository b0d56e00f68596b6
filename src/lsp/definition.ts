/**
 * Go to definition: from a macro call to its `#macro`, from a macro parameter to its place in the
 * `#macro` line, from a variable to its first `#set` (or its `#foreach`), and from a payload reference to the key's line in every fixture that has it.
 */
import type { Location } from 'vscode-languageserver';
import { chainAt } from './chain.js';
import { locatePath } from './fixture-keys.js';
import type { TemplateModel } from './model.js';
import { loopsAt, macroAt } from './outline.js';
import { resolveChain } from './resolve.js';
import { fileUri, type UriOf } from './uris.js';

/** Text of a fixture file: the editor's unsaved buffer or the file. */
export type ReadText = (file: string) => string | undefined;

export function definition(model: TemplateModel, offset: number, read: ReadText, uriOf: UriOf = fileUri): Location[] {
  const here = (start: number, end: number): Location => ({ uri: model.doc.uri, range: { start: model.doc.positionAt(start), end: model.doc.positionAt(end) } });
  const o = model.outline;
  const call = o.calls.find((c) => offset >= c.start && offset <= c.nameAt + c.name.length);
  if (call) {
    const mac = o.macros.find((m) => m.name === call.name);
    return mac ? [here(mac.nameAt, mac.nameAt + mac.name.length)] : [];
  }
  const chain = chainAt(model.text, offset + 1, o);
  if (!chain || !chain.root || offset < chain.start) return [];
  const onRoot = offset < chain.rootStart + chain.root.length;
  if (onRoot) {
    // a parameter of the macro around the reference (the parameter itself goes nowhere)
    const macro = macroAt(o, chain.start);
    const param = macro?.params.find((p) => p.name === chain.root);
    if (param?.at === chain.start) return [];
    const loop = loopsAt(o, chain.start).reverse().find((l) => l.varName === chain.root && chain.start !== l.varAt);
    // a loop inside the macro hides the parameter; one around the #macro does not
    if (loop && !(macro && param && loop.block.start < macro.block.start)) return [here(loop.varAt, loop.varAt + 1 + chain.root.length)];
    if (param) return [here(param.at, param.at + 1 + chain.root.length)];
    const set = o.sets.find((s) => s.name === chain.root);
    if (set) return set.at === chain.start ? [] : [here(set.at, set.at + 1 + chain.root.length)];
  }
  let index = chain.parts.findIndex((p) => offset >= p.start && offset < p.end);
  if (onRoot) index = -1;
  else if (index < 0) index = chain.parts.length - 1;
  const target = resolveChain(model, chain, index + 1);
  if (target.kind !== 'payload' || !target.path) return [];
  const out: Location[] = [];
  for (const { fixture, variant } of model.shape.variants) {
    const text = read(fixture.file);
    if (text === undefined) continue;
    const pos = locatePath(fixture, fixture.variants.indexOf(variant), target.path, text);
    if (!pos) continue;
    const uri = uriOf(fixture.file);
    if (out.some((l) => l.uri === uri)) continue;
    const p = { line: pos.line - 1, character: pos.column - 1 };
    out.push({ uri, range: { start: p, end: p } });
  }
  return out;
}
