/**
 * The template sources of one email for the preview's Source tab: email.html as the workspace has
 * it (an editor's unsaved text included) and email.json, whose subject and preheader are
 * templates too. Only files whose real path lies inside the project are read.
 */
import { readFileSync, realpathSync } from 'node:fs';
import { isInside } from '../project/paths.js';
import type { SourceFile, SourceResponse } from './protocol.js';
import type { ProjectState } from './state.js';

/** Larger files are not shown (a template this size is a mistake the lint reports anyway). */
const MAX_SOURCE_CHARS = 2_000_000;

/** The sources of `name`, or undefined when there is no such email (or it does not load). */
export function emailSource(state: ProjectState, name: string): SourceResponse | undefined {
  const email = state.email(name);
  if (!email) return undefined;
  const root = state.config.root;
  const files: SourceFile[] = [];
  // the template as the workspace has it (an editor's unsaved text laid over the file)
  if (inside(root, email.templateFile)) files.push({ file: state.rel(email.templateFile), kind: 'template', text: clip(email.source) });
  if (email.metaFile && inside(root, email.metaFile)) {
    const text = state.workspace.overlay(email.metaFile) ?? read(email.metaFile);
    if (text !== undefined) files.push({ file: state.rel(email.metaFile), kind: 'meta', text: clip(text) });
  }
  return { email: email.name, files };
}

function clip(text: string): string {
  return text.length > MAX_SOURCE_CHARS ? text.slice(0, MAX_SOURCE_CHARS) : text;
}

/** True when the real path of `file` is inside `root` (never through a link out of it). */
function inside(root: string, file: string): boolean {
  try {
    return isInside(realpathSync(root), realpathSync(file));
  } catch {
    return false;
  }
}

function read(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
