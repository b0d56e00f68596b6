/** The shape every hover provider has: the model and a cursor in, markdown or "not mine" out. */
import type { Hover } from 'vscode-languageserver';
import type { TemplateModel } from '../model.js';

export type HoverProvider = (model: TemplateModel, offset: number) => Hover | undefined;
