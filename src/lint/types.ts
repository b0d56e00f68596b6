/**
 * Lint types: a rule is one module with metadata and a `create(context)` that reports
 * `{ message, span }`; the runner turns spans into positions, applies severities and inline
 * disable comments, and hands Diagnostics to the reporters.
 */
import type { Span, TemplateAst } from '../engine/index.js';
import type { Fixture, FixtureVariant } from '../fixtures/types.js';
import type { Email, ResolvedConfig } from '../project/index.js';
import type { SourceLines } from '../json/positions.js';
import type { Analysis } from './analysis.js';
import type { HtmlMap } from './html.js';
import type { SyntaxProblem } from './recover.js';
import type { VariantRender } from './render.js';

export type DiagnosticSeverity = 'error' | 'warning';
/** A rule setting as written in the config or on the command line. */
export type RuleSetting = 'off' | 'warn' | 'error';

/** One finding, positioned at 1-based line and column of `file`. */
export interface Diagnostic {
  ruleId: string;
  severity: DiagnosticSeverity;
  message: string;
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  /** Fixture (and variant) the finding comes from, for findings on rendered output. */
  fixture?: string;
}

/** An explicit location, for findings outside the body template (fixtures, email.json). */
export interface Location {
  file: string;
  line: number;
  column: number;
  endLine?: number | undefined;
  endColumn?: number | undefined;
}

export interface Report {
  message: string;
  /** Offsets into the body template. */
  span?: Span | undefined;
  /** A position in another file; wins over `span`. */
  loc?: Location | undefined;
  fixture?: string | undefined;
}

export interface RuleMeta {
  id: string;
  description: string;
  defaultSeverity: DiagnosticSeverity;
  /** Doc page, relative to the repository root. */
  docs: string;
  /** What the rule looks at: the template text only, or also fixtures and rendered output. */
  needs: 'template' | 'renders';
}

export interface Rule {
  meta: RuleMeta;
  create(context: RuleContext): void | Promise<void>;
}

/** One rendered fixture variant, as rules see it. */
export interface RenderedVariant {
  fixture: Fixture;
  variant: FixtureVariant;
  /** "fixture" or "fixture/variant" when a fixture has several variants. */
  label: string;
  result: VariantRender;
}

export interface RuleContext {
  email: Email;
  config: ResolvedConfig;
  /** The body template and its text. */
  file: string;
  source: string;
  lines: SourceLines;
  /** Parsed body template; undefined when it has syntax errors (then only template rules run). */
  ast: TemplateAst | undefined;
  /** Every syntax error of the body template, found with recovery. */
  syntax: readonly SyntaxProblem[];
  analysis(): Analysis;
  html(): HtmlMap;
  renders(): RenderedVariant[];
  /** Position of a JSON pointer in email.json (for subject findings). */
  metaLocation(pointer: string): Location | undefined;
  report(r: Report): void;
}
