/**
 * The templates of an email the rules look at: the body (email.html) and the subject and
 * preheader, which are Velocity templates too but live as strings inside email.json. Each part
 * is parsed with recovery and knows how to turn an offset in its own text into a position in
 * the file that holds it, so a finding in the subject points at its character in email.json.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TemplateAst } from '../engine/index.js';
import { parseJson, type ParsedJson } from '../json/index.js';
import { SourceLines, type Position } from '../json/positions.js';
import type { Email } from '../project/index.js';
import { disableMap, type DisableMap } from './disable.js';
import { offsetAt, stringOffsets } from './json-string.js';
import { parseWithRecovery, type SyntaxProblem } from './recover.js';

export type PartName = 'body' | 'subject' | 'preheader';

export interface Part {
  name: PartName;
  /** The file findings point into: email.html, or email.json for subject and preheader. */
  file: string;
  /** The template text (for subject and preheader: the decoded JSON string). */
  source: string;
  /** Line starts of `source` itself. */
  lines: SourceLines;
  ast: TemplateAst | undefined;
  syntax: readonly SyntaxProblem[];
  disabled: DisableMap;
  /** Position in `file` of an offset in `source`. */
  position(offset: number): Position;
}

/** Name of a part's template in engine errors: `.../email.json#subject`. */
export function partTemplateName(email: Email, part: PartName): string {
  return part === 'body' ? email.templateFile : `${metaFileOf(email)}#${part}`;
}

export function metaFileOf(email: Email): string {
  return email.metaFile ?? join(email.dir, 'email.json');
}

/** The body part. */
export function bodyPart(email: Email): Part {
  const lines = new SourceLines(email.source);
  const { ast, problems } = parseWithRecovery(email.source, email.templateFile);
  return {
    name: 'body',
    file: email.templateFile,
    source: email.source,
    lines,
    ast,
    syntax: problems,
    disabled: disableMap(email.source),
    position: (offset) => lines.position(offset),
  };
}

/**
 * The subject and preheader parts that exist. `metaText` is the text of email.json (read from
 * `email.metaFile` when not given, e.g. an editor's unsaved text); without it positions fall
 * back to the start of the file.
 */
export function metaParts(email: Email, metaText?: string): Part[] {
  const present = (['subject', 'preheader'] as const).filter((p) => sourceOf(email, p) !== undefined);
  if (present.length === 0) return [];
  const file = metaFileOf(email);
  // email.json is read and parsed again only when a finding needs a position in it
  let meta: { text: string; parsed: ParsedJson | undefined; lines: SourceLines } | undefined;
  const load = () => {
    if (meta) return meta;
    const text = metaText ?? readText(email.metaFile) ?? '';
    return (meta = { text, parsed: tryParse(text, file), lines: new SourceLines(text) });
  };
  return present.map((name) => {
    const source = sourceOf(email, name)!;
    const { ast, problems } = parseWithRecovery(source, partTemplateName(email, name));
    let map: { at: Position | undefined; exact: number[] | undefined } | undefined;
    const locate = () => {
      if (map) return map;
      const { text, parsed } = load();
      const at = parsed?.locate(`/${name}`);
      const offsets = at ? stringOffsets(text, offsetAt(text, at.line, at.column)) : undefined;
      // the decoded text must be what the file holds; anything else (an overlay out of step
      // with the file) points at the value's start
      return (map = { at, exact: offsets && offsets.length === source.length + 1 ? offsets : undefined });
    };
    return {
      name,
      file,
      source,
      lines: new SourceLines(source),
      ast,
      syntax: problems,
      disabled: disableMap(source),
      position: (offset) => {
        const { at, exact } = locate();
        return exact ? load().lines.position(exact[Math.max(0, Math.min(offset, source.length))]!) : (at ?? { line: 1, column: 1 });
      },
    };
  });
}

function sourceOf(email: Email, part: 'subject' | 'preheader'): string | undefined {
  return part === 'subject' ? email.subjectSource : email.preheaderSource;
}

function readText(file: string | undefined): string | undefined {
  if (!file) return undefined;
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function tryParse(text: string, file: string): ParsedJson | undefined {
  try {
    return parseJson(text, { file });
  } catch {
    return undefined;
  }
}
