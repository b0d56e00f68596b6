/** The shape every completion provider has: the model and a cursor in, items or "not mine" out. */
import type { CompletionItem } from 'vscode-languageserver';
import type { TemplateModel } from '../model.js';

export type CompletionProvider = (model: TemplateModel, offset: number) => CompletionItem[] | undefined;
