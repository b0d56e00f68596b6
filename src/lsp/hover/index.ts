/** Hover: the first provider that knows the thing under the cursor answers. */
import type { Hover } from 'vscode-languageserver';
import type { TemplateModel } from '../model.js';
import { directiveHover } from './directive.js';
import { referenceHover } from './reference.js';
import type { HoverProvider } from './types.js';

export const HOVER_PROVIDERS: readonly HoverProvider[] = [referenceHover, directiveHover];

export function hover(model: TemplateModel, offset: number): Hover | null {
  for (const p of HOVER_PROVIDERS) {
    const h = p(model, offset);
    if (h) return h;
  }
  return null;
}
