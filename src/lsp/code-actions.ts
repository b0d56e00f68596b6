/**
 * Quick fixes where the fix is clear: a loud reference becomes quiet (`$x` → `$!x`),
 * `$velocityCount` → `$foreach.count`, `{$b}` right after a reference → `${b}`, a bare directive is wrapped in `<!-- -->`, and a key no
 * fixture provides is added to a fixture (as an empty string, to be filled in).
 */
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver';
import { chainAt } from './chain.js';
import type { ReadText } from './definition.js';
import { inertReferenceFix } from '../lint/rules/inert-reference.js';
import { insertKey } from './fixture-keys.js';
import type { TemplateModel } from './model.js';
import { resolveChain } from './resolve.js';
import { fileUri, type UriOf } from './uris.js';

const VELOCITY_1: Record<string, string> = { velocityCount: 'foreach.count', velocityHasNext: 'foreach.hasNext' };

export function codeActions(model: TemplateModel, diagnostics: readonly Diagnostic[], read: ReadText, uriOf: UriOf = fileUri): CodeAction[] {
  const out: CodeAction[] = [];
  const { doc } = model;
  for (const d of diagnostics) {
    const start = doc.offsetAt(d.range.start);
    const end = doc.offsetAt(d.range.end);
    const text = model.text.slice(start, end);
    const fix = (title: string, edits: { uri: string; start: number; end: number; newText: string }[], preferred = true): void => {
      const changes: Record<string, { range: Diagnostic['range']; newText: string }[]> = {};
      for (const e of edits) (changes[e.uri] ??= []).push({ range: { start: doc.positionAt(e.start), end: doc.positionAt(e.end) }, newText: e.newText });
      out.push({ title, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: preferred, edit: { changes } });
    };
    switch (d.code) {
      case 'loud-reference':
        if (text.startsWith('$') && text[1] !== '!') fix(`Write $!${text.slice(1)}`, [{ uri: doc.uri, start: start + 1, end: start + 1, newText: '!' }]);
        break;
      case 'no-velocity-count': {
        const name = Object.keys(VELOCITY_1).find((n) => text.includes(n));
        if (name) fix(`Use $${VELOCITY_1[name]}`, [{ uri: doc.uri, start, end, newText: text.replace(name, VELOCITY_1[name]!) }]);
        break;
      }
      case 'inert-reference': {
        const meant = inertReferenceFix(text);
        if (meant) fix(`Write ${meant}`, [{ uri: doc.uri, start, end, newText: meant }]);
        break;
      }
      case 'directive-not-wrapped':
        if (text.startsWith('#')) fix(`Wrap as <!--${text}-->`, [{ uri: doc.uri, start, end, newText: `<!--${text}-->` }]);
        break;
      case 'unknown-payload-key':
        out.push(...addKeyActions(model, d, start, read, uriOf));
        break;
    }
  }
  return out;
}

/** One action per fixture that can take the key, the first preferred. */
function addKeyActions(model: TemplateModel, d: Diagnostic, start: number, read: ReadText, uriOf: UriOf): CodeAction[] {
  const chain = chainAt(model.text, start + 1, model.outline);
  if (!chain) return [];
  // the diagnostic points at the missing segment: the root, or one of the parts
  const index = chain.parts.findIndex((p) => start >= p.start && start < p.end);
  const target = index < 0 ? { kind: 'payload' as const, path: '' } : resolveChain(model, chain, index);
  if (target.kind !== 'payload') return [];
  const part = index >= 0 ? chain.parts[index]! : undefined;
  const key = !part ? chain.root : part.kind === 'prop' ? part.name : part.kind === 'method' ? part.key : undefined;
  if (!key) return [];
  const out: CodeAction[] = [];
  for (const { fixture, variant } of model.shape.variants) {
    if (out.some((a) => a.title.endsWith(`${fixture.name}.json`))) continue;
    const text = read(fixture.file);
    const ins = text === undefined ? undefined : insertKey(fixture, fixture.variants.indexOf(variant), target.path, key, text);
    if (!ins) continue;
    const p = { line: ins.line - 1, character: ins.column - 1 };
    out.push({
      title: `Add '${key}' to fixture ${fixture.name}.json`,
      kind: CodeActionKind.QuickFix,
      diagnostics: [d],
      isPreferred: out.length === 0,
      edit: { changes: { [uriOf(fixture.file)]: [{ range: { start: p, end: p }, newText: ins.text }] } },
    });
  }
  return out;
}
