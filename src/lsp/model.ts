/**
 * Everything the providers know about one open template: its text and outline, and the payload
 * shape from the email's fixtures plus the keys the template reads (from its last text that
 * parsed, so completion keeps working while the text is broken).
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parse } from '../engine/index.js';
import type { Fixture } from '../fixtures/types.js';
import type { Email } from '../project/index.js';
import { analyse, pathKey } from '../lint/analysis.js';
import { outline, type Outline } from './outline.js';
import type { ResolveContext } from './resolve.js';
import { payloadShape, withUsedPaths, type PayloadShape, type UsedPaths } from './shape.js';

export interface TemplateModel extends ResolveContext {
  doc: TextDocument;
  /** The document version the model was built from (the document object changes in place). */
  version: number;
  text: string;
  outline: Outline;
  shape: PayloadShape;
  /** The email the template belongs to (its fixtures), if any. */
  email: Email | undefined;
  /** Payload paths the template reads, with how it uses them. */
  used: UsedPaths;
}

/** Paths the template reads with the types its use implies, or undefined when the text does not parse. */
export function usedPaths(text: string): UsedPaths | undefined {
  try {
    const ast = parse(text, { name: 'template' });
    const a = analyse(ast);
    const out = new Map<string, readonly string[]>();
    for (const u of a.uses) if (u.resolved.kind === 'payload') out.set(pathKey(u.resolved.path), []);
    for (const [path, hints] of a.hints) if (out.has(path)) out.set(path, [...hints].sort());
    return out;
  } catch {
    return undefined;
  }
}

/** The fixtures' tree, built once per loaded set of fixtures. */
const shapes = new WeakMap<readonly Fixture[], PayloadShape>();
const NO_FIXTURES: Fixture[] = [];

/**
 * Builds the model. `used` is the set of paths the template reads, when the caller keeps it up
 * to date itself (parsing a large template on every keystroke would slow completion down);
 * otherwise the text is parsed, and `prev` supplies the paths while the text does not parse.
 */
export function templateModel(doc: TextDocument, email: Email | undefined, prev?: TemplateModel, used?: UsedPaths): TemplateModel {
  const text = doc.getText();
  const paths = used ?? usedPaths(text) ?? prev?.used ?? new Map();
  const fixtures = email?.fixtures ?? NO_FIXTURES;
  let base = shapes.get(fixtures);
  if (!base) shapes.set(fixtures, (base = payloadShape(fixtures)));
  const shape = { ...base, root: withUsedPaths(base.root, paths) };
  return { doc, version: doc.version, text, outline: outline(text), shape, email, used: paths };
}

/** A model of a text alone, for tests and for templates outside any email. */
export function modelOf(text: string, email?: Email): TemplateModel {
  return templateModel(TextDocument.create('file:///template.html', 'velocity', 1, text), email);
}
