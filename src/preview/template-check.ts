/**
 * Does an email's Velocity parse? The email list marks an email whose template, subject or
 * preheader has a syntax error, and the overlay shows the clearest message for it: for a block
 * left open, lint's "#if is not closed by #end" at the `#if`, rather than the parser's
 * end-of-file position on the line after.
 */
import { join } from 'node:path';
import { parse } from '../engine/index.js';
import { ParseError } from '../errors.js';
import { META_FILE, type Email } from '../project/index.js';
import { linterLoaded, syntaxProblems } from './lint.js';
import type { ErrorInfo } from './protocol.js';

const checked = new WeakMap<Email, ParseError | null>();

/** The sources of an email in render order, named as the renderer names them. */
function sources(email: Email): { name: string; source: string }[] {
  const meta = email.metaFile ?? join(email.dir, META_FILE);
  const out = [{ name: email.templateFile, source: email.source }];
  if (email.subjectSource !== undefined) out.push({ name: `${meta}#subject`, source: email.subjectSource });
  if (email.preheaderSource !== undefined) out.push({ name: `${meta}#preheader`, source: email.preheaderSource });
  return out;
}

function firstParseError(email: Email): ParseError | undefined {
  const known = checked.get(email);
  if (known !== undefined) return known ?? undefined;
  let found: ParseError | undefined;
  let final = true;
  for (const { name, source } of sources(email)) {
    try {
      parse(source, { name });
    } catch (err) {
      if (!(err instanceof ParseError)) throw err;
      found = clearer(err, source, name);
      // the linter is still loading: ask again next time
      final = found !== err || !/is not closed by #end/.test(err.reason) || linterLoaded();
      break;
    }
  }
  if (final) checked.set(email, found ?? null);
  return found;
}

/** For an unclosed block, the linter's message at the directive that opens it. */
function clearer(err: ParseError, source: string, name: string): ParseError {
  if (!/is not closed by #end/.test(err.reason)) return err;
  const problem = syntaxProblems(source, name)?.find((p) => /is not closed by #end/.test(p.message));
  if (!problem) return err;
  const before = source.slice(0, problem.offset);
  const line = before.split('\n').length;
  const column = problem.offset - (before.lastIndexOf('\n') + 1) + 1;
  return new ParseError(problem.message, { file: err.file ?? name, line, column, source });
}

/** The first syntax error of the email's template, subject or preheader, in the shape the UI shows. */
export function templateProblem(email: Email | undefined, info: (err: unknown) => ErrorInfo): ErrorInfo | undefined {
  const err = email && firstParseError(email);
  return err ? info(err) : undefined;
}
