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
  for (const { name, source } of sources(email)) {
    try {
      parse(source, { name });
    } catch (err) {
      if (!(err instanceof ParseError)) throw err;
      found = clearer(err, source, name);
      break;
    }
  }
  // while the linter is still loading the clearer message may be missing: ask again next time
  if (!found || linterLoaded()) checked.set(email, found ?? null);
  return found;
}

/**
 * For a block left open, the linter's message at the directive that opens it. That covers a
 * directive whose `(` is not closed either (`#if($x`): the parser only fails on a later line,
 * so the opener on an earlier line, with more `(` than `)`, is named first and the parser's
 * words follow.
 */
function clearer(err: ParseError, source: string, name: string): ParseError {
  const unclosed = /is not closed by #end/.test(err.reason);
  const problems = syntaxProblems(source, name);
  const at = (offset: number) => {
    const before = source.slice(0, offset);
    return { line: before.split('\n').length, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
  };
  for (const problem of problems ?? []) {
    if (!/is not closed by #end/.test(problem.message)) continue;
    const { line, column } = at(problem.offset);
    if (unclosed) return new ParseError(problem.message, { file: err.file ?? name, line, column, source });
    const nl = source.indexOf('\n', problem.offset);
    const head = source.slice(problem.offset, nl < 0 ? undefined : nl);
    const open = (head.match(/\(/g) ?? []).length > (head.match(/\)/g) ?? []).length;
    if (open && err.line !== undefined && err.line > line) {
      const detail = `the parser stopped at line ${err.line}, column ${err.column ?? 1}: ${err.reason.replace(/ at line \d+, column \d+$/, '')}`;
      return new ParseError(`${problem.message}, and its "(" is not closed (${detail})`, { file: err.file ?? name, line, column, source });
    }
  }
  return err;
}

/** The first syntax error of the email's template, subject or preheader, in the shape the UI shows. */
export function templateProblem(email: Email | undefined, info: (err: unknown) => ErrorInfo): ErrorInfo | undefined {
  const err = email && firstParseError(email);
  return err ? info(err) : undefined;
}
