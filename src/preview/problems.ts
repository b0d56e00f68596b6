/**
 * What the terminal hears about: the problems of the project as they stand after each change (a
 * config that does not load, emails and fixture files that do not load, templates that do not
 * parse, renders that fail). Each is printed once, when it appears, however many tabs show the
 * email, render requests ask for it or watcher batches one save makes; a problem that goes away
 * and comes back is printed again.
 */
import type { EmailSummary, ErrorInfo } from './protocol.js';

export interface ProblemLog {
  /** The problems now: prints those that were not there before and forgets the fixed ones. */
  update(problems: readonly ErrorInfo[]): void;
}

/** A stable key for a problem: where it is and what it says. */
function keyOf(e: ErrorInfo): string {
  return JSON.stringify([e.name, e.file, e.line, e.column, e.message]);
}

export function createProblemLog(log: ((error: ErrorInfo) => void) | undefined): ProblemLog {
  let shown = new Set<string>();
  return {
    update(problems) {
      const now = new Set<string>();
      for (const p of problems) {
        const key = keyOf(p);
        if (now.has(key)) continue;
        now.add(key);
        if (!shown.has(key)) log?.(p);
      }
      shown = now;
    },
  };
}

/** The load problems the email list shows: emails, templates and fixture files. */
export function summaryProblems(summaries: readonly EmailSummary[]): ErrorInfo[] {
  const out: ErrorInfo[] = [];
  for (const s of summaries) {
    if (s.error) out.push(s.error);
    if (s.templateError) out.push(s.templateError);
    for (const f of s.brokenFixtures) out.push(f.error);
  }
  return out;
}
