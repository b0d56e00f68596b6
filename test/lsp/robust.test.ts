/**
 * Providers on any text: every offset of half-typed, hostile and real templates gets an answer
 * (possibly empty), never an exception, and text built to make scanners quadratic stays cheap.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { codeActions } from '../../src/lsp/code-actions.js';
import { complete } from '../../src/lsp/completion/index.js';
import { definition } from '../../src/lsp/definition.js';
import { hover } from '../../src/lsp/hover/index.js';
import { modelOf } from '../../src/lsp/model.js';
import { documentSymbols, foldingRanges } from '../../src/lsp/symbols.js';
import { ORDER } from './helpers.js';

const SAMPLES = fileURLToPath(new URL('../../samples', import.meta.url));
const ODD = [
  '$', '$!', '${', '$!{', '#', '#{', '$a.', '$a..b', '$a.(', '$a.get(', "$a.get('", '$a[', '$a[0', '${a.b|', '#set(', '#set($', '#set($x =',
  '#foreach(', '#foreach($i in', '#foreach($i in $a.b)$i.', '#macro(', '#macro(m $a', '#m(', '#@m(', '#end#end#end', '#*', '#* $a.', '##', '#[[ $a. ]]#',
  '\\$a.', '\\\\$a.', '$a.b.c.d.e.f.g.h.', '#set($a = $a)$a.', '#set($a = $b)#set($b = $a)$a.', '$mathTool.add(', '$foreach.', '$data.get("x").get(0).',
  '\u0000$\u0000.#\u0000', '$😀.', '#if($a.get(\'))', '<a href="#">#', 'color:#fff;$',
];

function every(text: string): void {
  const model = modelOf(text, ORDER);
  const read = () => '{"firstName": "x"}';
  for (let i = 0; i <= text.length; i++) {
    complete(model, i);
    hover(model, i);
    definition(model, i, read);
  }
  documentSymbols(model);
  foldingRanges(model);
  const end = model.doc.positionAt(text.length);
  for (const code of ['loud-reference', 'no-velocity-count', 'directive-not-wrapped', 'unknown-payload-key']) {
    codeActions(model, [{ range: { start: { line: 0, character: 0 }, end }, code, message: '' }], read);
  }
}

describe('providers on any text', () => {
  it('answer at every offset of half-typed and odd text', () => {
    for (const t of ODD) expect(() => every(t), JSON.stringify(t)).not.toThrow();
    expect(() => every(ODD.join('\n'))).not.toThrow();
  });
  it('answer at every offset of the sample templates', () => {
    for (const name of readdirSync(SAMPLES)) {
      const file = join(SAMPLES, name, 'email.html');
      if (!existsSync(file)) continue; // samples/assets and the config
      const text = readFileSync(file, 'utf8');
      const model = modelOf(text, ORDER);
      for (let i = 0; i <= text.length; i += 7) {
        complete(model, i);
        hover(model, i);
      }
    }
  });
  it('finish on text made of unclosed calls and dollars (scans are bounded, not quadratic)', () => {
    const text = '#m('.repeat(20_000) + '$a.b('.repeat(20_000);
    const model = modelOf(text);
    expect(model.outline.calls.length).toBeGreaterThan(0);
    for (let i = text.length - 50; i <= text.length; i++) expect(Array.isArray(complete(model, i))).toBe(true);
  });
});
