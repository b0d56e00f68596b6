/** Shared pieces of the language-server tests: a template with a cursor marker and fixtures. */
import { parseFixture } from '../../src/fixtures/load.js';
import type { Email } from '../../src/project/index.js';
import { modelOf, type TemplateModel } from '../../src/lsp/model.js';

export const CURSOR = '|';

/** A model of `text` (without its `|` marker) and the marker's offset. */
export function at(text: string, email?: Email): { model: TemplateModel; offset: number } {
  const offset = text.indexOf(CURSOR);
  if (offset < 0) throw new Error('no cursor marker');
  return { model: modelOf(text.slice(0, offset) + text.slice(offset + 1), email), offset };
}

/** An email with plain fixtures given as objects, named f1, f2, ... */
export function emailWith(...payloads: Record<string, unknown>[]): Email {
  return {
    name: 'test',
    dir: '/project/test',
    templateFile: '/project/test/email.html',
    source: '',
    meta: { contact: {} },
    fixtures: payloads.map((p, i) => parseFixture(JSON.stringify(p, null, 2), `/project/test/data/f${i + 1}.json`)),
    fixtureErrors: [],
  };
}

export const ORDER = emailWith(
  { firstName: 'Olena', order: { id: 7, total: 12.5, items: [{ name: 'Sock', price: 10, qty: 1 }] }, promo: 'SAVE' },
  { firstName: 'Emma', order: { id: 8, total: 3, items: [{ name: 'Hat', price: 3, qty: 2, color: 'red' }] } },
);

export const labels = (items: { label: string }[]): string[] => items.map((i) => i.label);
