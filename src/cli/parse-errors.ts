/**
 * A block left open (`#foreach` without `#end`) is reported by the parser at the end of the
 * text; `velvet lint` and the preview name the directive that opens it. render and build say it
 * as they do, so one mistake reads the same whichever command finds it.
 */
import { join } from 'node:path';
import { parse, type TemplateAst } from '../engine/index.js';
import { ParseError } from '../errors.js';
import { SourceLines } from '../json/positions.js';
import { parseWithRecovery } from '../lint/recover.js';
import { META_FILE, type Email } from '../project/index.js';

export interface NamedSource {
  /** The name the text was parsed under (the ParseError's file). */
  name: string;
  source: string;
}

/** The texts of an email as the renderer names them: the template, then subject and preheader. */
export function emailSources(email: Email): (NamedSource & { part: 'body' | 'subject' | 'preheader' })[] {
  const meta = email.metaFile ?? join(email.dir, META_FILE);
  const out: (NamedSource & { part: 'body' | 'subject' | 'preheader' })[] = [{ part: 'body', name: email.templateFile, source: email.source }];
  if (email.subjectSource !== undefined) out.push({ part: 'subject', name: `${meta}#subject`, source: email.subjectSource });
  if (email.preheaderSource !== undefined) out.push({ part: 'preheader', name: `${meta}#preheader`, source: email.preheaderSource });
  return out;
}

/** parse, with a block left open reported at its opening directive. */
export function parseNamed(source: string, name: string): TemplateAst {
  try {
    return parse(source, { name });
  } catch (err) {
    throw atOpener(err, [{ name, source }]);
  }
}

/** `err`, or for a block left open the same error at the directive that opens it. */
export function atOpener(err: unknown, sources: readonly NamedSource[]): unknown {
  if (!(err instanceof ParseError) || !/is not closed by #end/.test(err.reason)) return err;
  const part = sources.find((s) => s.name === err.file);
  if (!part) return err;
  const problem = parseWithRecovery(part.source, part.name).problems.find((p) => /is not closed by #end/.test(p.message));
  if (!problem) return err;
  const { line, column } = new SourceLines(part.source).position(problem.offset);
  return new ParseError(problem.message, { file: err.file, line, column, source: part.source });
}
