import type { DiagnosticSeverity } from '../types.js';
import type { LintResults } from './index.js';
import { displayPath } from './paths.js';

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** A SARIF 2.1.0 log with one run; rules carry their description and doc page. */
export function sarif(results: LintResults): string {
  const index = new Map(results.rules.map((r, i) => [r.id, i]));
  const log = {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'velvet',
            version: '0.1.0',
            rules: results.rules.map((r) => ({
              id: r.id,
              shortDescription: { text: r.description },
              help: { text: `See ${r.docs}` },
              defaultConfiguration: { level: level(r.defaultSeverity) },
              properties: { docs: r.docs },
            })),
          },
        },
        results: results.diagnostics.map((d) => {
          const region: Record<string, number> = { startLine: d.line, startColumn: d.column };
          if (d.endLine !== undefined && d.endColumn !== undefined && (d.endLine > d.line || d.endColumn > d.column)) {
            region['endLine'] = d.endLine;
            region['endColumn'] = d.endColumn;
          }
          const result: Record<string, unknown> = {
            ruleId: d.ruleId,
            level: level(d.severity),
            message: { text: d.message },
            locations: [{ physicalLocation: { artifactLocation: { uri: encodeURI(displayPath(d.file, results.cwd)) }, region } }],
          };
          const i = index.get(d.ruleId);
          if (i !== undefined) result['ruleIndex'] = i;
          if (d.fixture) result['properties'] = { fixture: d.fixture };
          return result;
        }),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

/** SARIF levels: error, warning, note. */
function level(s: DiagnosticSeverity): 'error' | 'warning' | 'note' {
  return s === 'info' ? 'note' : s;
}
