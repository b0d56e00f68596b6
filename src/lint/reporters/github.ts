import type { LintResults } from './index.js';
import { displayPath } from './paths.js';

/** GitHub Actions workflow commands: `::error file=F,line=L,col=C,title=rule::message` (`::notice` for infos). */
export function github(results: LintResults): string {
  let out = '';
  for (const d of results.diagnostics) {
    const props = [`file=${prop(displayPath(d.file, results.cwd))}`, `line=${d.line}`, `col=${d.column}`];
    if (d.endLine !== undefined) props.push(`endLine=${d.endLine}`);
    if (d.endColumn !== undefined) props.push(`endColumn=${d.endColumn}`);
    props.push(`title=${prop(d.ruleId)}`);
    const text = d.message + (d.fixture ? ` [fixture ${d.fixture}]` : '');
    out += `::${d.severity === 'info' ? 'notice' : d.severity} ${props.join(',')}::${data(text)}\n`;
  }
  for (const c of results.coverage ?? []) {
    for (const g of c.gaps) {
      out += `::notice file=${prop(displayPath(c.file, results.cwd))},line=${g.line},col=${g.column},title=coverage::${data(g.message)}\n`;
    }
  }
  return out;
}

/** Escaping of the message part of a workflow command. */
function data(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escaping of a property value (also `:` and `,`). */
function prop(s: string): string {
  return data(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
