/**
 * Branch and loop coverage over an email's fixtures: every `#if` / `#elseif` / `#else` branch is
 * one outcome, and every `#foreach` has two (its body ran, and it was skipped as empty). An
 * outcome no fixture exercised is a gap, reported with its position.
 */
import type { ForeachNode, IfNode, TemplateAst } from '../engine/index.js';
import type { SourceLines } from '../json/positions.js';
import type { RenderedVariant } from './types.js';
import { walkTemplate } from './walk.js';

export interface CoverageGap {
  kind: 'if' | 'elseif' | 'else' | 'foreach-run' | 'foreach-empty';
  line: number;
  column: number;
  message: string;
}

export interface CoverageReport {
  file: string;
  /** Outcomes in the template. */
  total: number;
  /** Outcomes at least one fixture exercised. */
  covered: number;
  /** covered / total in percent (100 when there is nothing to cover). */
  percent: number;
  gaps: CoverageGap[];
}

export function coverageOf(file: string, ast: TemplateAst, renders: readonly RenderedVariant[], lines: SourceLines): CoverageReport {
  const ifs: IfNode[] = [];
  const loops: ForeachNode[] = [];
  walkTemplate(ast, {
    node(n) {
      if (n.kind === 'if') ifs.push(n);
      else if (n.kind === 'foreach') loops.push(n);
    },
  });
  const taken = (n: IfNode, i: number) => renders.some((r) => r.result.branches.get(n)?.has(i));
  const ran = (n: ForeachNode, test: (count: number) => boolean) =>
    renders.some((r) => [...(r.result.loops.get(n) ?? [])].some(test));
  const gaps: CoverageGap[] = [];
  let total = 0;
  let covered = 0;
  const outcome = (ok: boolean, kind: CoverageGap['kind'], offset: number, message: string) => {
    total++;
    if (ok) covered++;
    else gaps.push({ kind, ...lines.position(offset), message });
  };
  for (const n of ifs) {
    n.branches.forEach((b, i) => {
      const kind = i === 0 ? 'if' : 'elseif';
      outcome(taken(n, i), kind, b.span.start, `#${kind} branch never taken by any fixture`);
    });
    if (n.elseSpan) outcome(taken(n, n.branches.length), 'else', n.elseSpan.start, '#else branch never taken by any fixture');
  }
  for (const n of loops) {
    const at = firstHash(lines.text, n.span.start);
    outcome(ran(n, (c) => c > 0), 'foreach-run', at, '#foreach body never run by any fixture (no fixture has items)');
    outcome(ran(n, (c) => c === 0), 'foreach-empty', at, '#foreach never skipped as empty by any fixture');
  }
  gaps.sort((a, b) => a.line - b.line || a.column - b.column);
  const percent = total === 0 ? 100 : Math.floor((covered / total) * 1000) / 10;
  return { file, total, covered, percent, gaps };
}

/** A #foreach span may start at its indentation; point at the `#`. */
function firstHash(text: string, at: number): number {
  while (text[at] === ' ' || text[at] === '\t') at++;
  return at;
}
