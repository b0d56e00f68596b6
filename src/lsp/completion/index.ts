/** Completion: the first provider whose context the cursor is in answers. */
import type { CompletionItem } from 'vscode-languageserver';
import type { TemplateModel } from '../model.js';
import { dataGetCompletion } from './data-get.js';
import { directiveCompletion } from './directive.js';
import { propertyCompletion } from './property.js';
import { referenceCompletion } from './reference.js';
import type { CompletionProvider } from './types.js';

export const COMPLETION_PROVIDERS: readonly CompletionProvider[] = [dataGetCompletion, propertyCompletion, referenceCompletion, directiveCompletion];

/** Trigger characters: a reference, a property, a key string, a directive. */
export const COMPLETION_TRIGGERS = ['$', '!', '{', '.', "'", '"', '#'];

export function complete(model: TemplateModel, offset: number): CompletionItem[] {
  for (const p of COMPLETION_PROVIDERS) {
    const items = p(model, offset);
    if (items) return items;
  }
  return [];
}
