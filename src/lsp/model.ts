/**
 * Everything the providers know about one open template: its text and outline, and the payload
 * shape from the email's fixtures plus the keys the template reads (from its last text that
 * parsed, so completion keeps working while the text is broken).
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parse } from '../engine/index.js';
import type { Email } from '../project/index.js';
import { analyse, pathKey } from '../lint/analysis.js';
import { outline, type Outline } from './outline.js';
import type { ResolveContext } from './resolve.js';
import { addUsedPaths, payloadShape, type PayloadShape } from './shape.js';

export interface TemplateModel extends ResolveContext {
  doc: TextDocument;
  text: string;
  outline: Outline;
  shape: PayloadShape;
  /** The email the template belongs to (its fixtures), if any. */
  email: Email | undefined;
  /** Payload paths the template reads. */
  used: Set<string>;
}

/** Paths the template reads, or undefined when the text does not parse. */
function usedPaths(text: string): Set<string> | undefined {
  try {
    const ast = parse(text, { name: 'template' });
    const out = new Set<string>();
    for (const u of analyse(ast).uses) if (u.resolved.kind === 'payload') out.add(pathKey(u.resolved.path));
    return out;
  } catch {
    return undefined;
  }
}

/** Builds the model; `prev` (the model of an earlier version) supplies what broken text lacks. */
export function templateModel(doc: TextDocument, email: Email | undefined, prev?: TemplateModel): TemplateModel {
  const text = doc.getText();
  const used = usedPaths(text) ?? prev?.used ?? new Set<string>();
  const shape = payloadShape(email?.fixtures ?? []);
  addUsedPaths(shape.root, used);
  return { doc, text, outline: outline(text), shape, email, used };
}

/** A model of a text alone, for tests and for templates outside any email. */
export function modelOf(text: string, email?: Email): TemplateModel {
  return templateModel(TextDocument.create('file:///template.html', 'velocity', 1, text), email);
}
