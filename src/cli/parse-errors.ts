/**
 * A block left open (`#foreach` without `#end`) is reported by the parser at the end of the
 * text; `velvet lint` and the preview name the directive that opens it. render and build say it
 * as they do, so one mistake reads the same whichever command finds it.
 */
import { join } from 'node:path';
import { ParseError } from '../errors.js';
import { parseWithRecovery } from '../lint/recover.js';
import { META_FILE, type Email } from '../project/index.js';

export interface NamedSource {
  /** The name the text was parsed under (the ParseError's file). */
  name: string;
  source: string;
}

/** The texts of an email as the renderer names them: the template, then subject and preheader. */
export function emailSources(email: Email): NamedSource[] {
  const meta = email.metaFile ?? join(email.dir, META_FILE);
  const out = [{ name: email.templateFile, source: email.source }];
  if (email.subjectSource !== undefined) out.push({ name: `${meta}#subject`, source: email.subjectSource });
  if (email.preheaderSource !== undefined) out.push({ name: `${meta}#preheader`, source: email.preheaderSource });
  return out;
}

/** `err`, or for a block left open the same error at the directive that opens it. */
export function atOpener(err: unknown, sources: readonly NamedSource[]): unknown {
  if (!(err instanceof ParseError) || !/is not closed by #end/.test(err.reason)) return err;
  const part = sources.find((s) => s.name === err.file);
  if (!part) return err;
  const problem = parseWithRecovery(part.source, part.name).problems.find((p) => /is not closed by #end/.test(p.message));
  if (!problem) return err;
  const before = part.source.slice(0, problem.offset);
  const line = before.split('\n').length;
  const column = problem.offset - (before.lastIndexOf('\n') + 1) + 1;
  return new ParseError(problem.message, { file: err.file, line, column, source: part.source });
}
