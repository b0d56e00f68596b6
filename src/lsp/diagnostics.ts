/**
 * Lint findings as LSP diagnostics, grouped by the file they point into (the template, a
 * fixture, email.json), each with its rule id, a link to the rule's doc page and related
 * locations: the fixture objects that lack a key, the fixtures a rendered-output finding came from.
 * Files are named by `uriOf`: an open document by the URI the client opened it under.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DiagnosticSeverity, type Diagnostic as LspDiagnostic, type DiagnosticRelatedInformation } from 'vscode-languageserver';
import type { Diagnostic } from '../lint/types.js';
import { ruleById } from '../lint/index.js';
import type { Email } from '../project/index.js';
import type { ReadText } from './definition.js';
import { locatePath } from './fixture-keys.js';
import { fileUri, type UriOf } from './uris.js';

/** The package folder (src/lsp or dist/lsp is two levels below it). */
const PACKAGE_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The file a finding belongs to, without a `#subject`-style suffix. */
export function diagnosticFile(d: Diagnostic): string {
  const hash = d.file.lastIndexOf('#');
  return hash > 0 && !d.file.slice(hash).includes('/') ? d.file.slice(0, hash) : d.file;
}

export function docsHref(ruleId: string): string | undefined {
  const docs = ruleById(ruleId)?.meta.docs;
  if (!docs) return undefined;
  const file = join(PACKAGE_ROOT, docs);
  return existsSync(file) ? pathToFileURL(file).href : undefined;
}

const MISSING = /^No fixture provides '([^']+)'(?: in '([^']+)')?/;

/** Converts one email's findings; the result maps file URIs to their diagnostics. */
export function toLspDiagnostics(list: readonly Diagnostic[], email: Email | undefined, read: ReadText, uriOf: UriOf = fileUri): Map<string, LspDiagnostic[]> {
  const out = new Map<string, LspDiagnostic[]>();
  for (const d of list) {
    const uri = uriOf(diagnosticFile(d));
    const start = { line: d.line - 1, character: d.column - 1 };
    const end = d.endLine !== undefined ? { line: d.endLine - 1, character: (d.endColumn ?? d.column) - 1 } : start;
    const href = docsHref(d.ruleId);
    const diag: LspDiagnostic = {
      range: { start, end },
      severity: d.severity === 'error' ? DiagnosticSeverity.Error : d.severity === 'info' ? DiagnosticSeverity.Information : DiagnosticSeverity.Warning,
      code: d.ruleId,
      source: 'velvet',
      message: d.fixture ? `${d.message} [${d.fixture}]` : d.message,
      data: { ruleId: d.ruleId },
    };
    if (href) diag.codeDescription = { href };
    const related = email ? relatedOf(d, email, read, uriOf) : [];
    if (related.length) diag.relatedInformation = related;
    let bucket = out.get(uri);
    if (!bucket) out.set(uri, (bucket = []));
    bucket.push(diag);
  }
  return out;
}

function relatedOf(d: Diagnostic, email: Email, read: ReadText, uriOf: UriOf): DiagnosticRelatedInformation[] {
  const out: DiagnosticRelatedInformation[] = [];
  const missing = d.ruleId === 'unknown-payload-key' ? MISSING.exec(d.message) : null;
  if (missing) {
    const [, key, parent = ''] = missing;
    for (const f of email.fixtures.slice(0, 10)) {
      const text = read(f.file);
      const pos = text === undefined ? undefined : locatePath(f, 0, parent, text);
      const p = pos ? { line: pos.line - 1, character: pos.column - 1 } : { line: 0, character: 0 };
      out.push({ location: { uri: uriOf(f.file), range: { start: p, end: p } }, message: `${parent ? `'${parent}'` : 'the payload'} has no '${key}' in ${f.name}` });
    }
    return out;
  }
  if (d.fixture) {
    for (const label of d.fixture.split(', ').slice(0, 10)) {
      const f = email.fixtures.find((x) => x.name === label || label.startsWith(`${x.name}/`));
      if (!f) continue;
      const p = { line: 0, character: 0 };
      out.push({ location: { uri: uriOf(f.file), range: { start: p, end: p } }, message: `rendered with ${label}` });
    }
  }
  return out;
}
