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
import type { LinkChecker } from './check-links.js';
import type { HtmlMap } from './html.js';
import type { OutputDocument } from './output-doc.js';
import type { PartName } from './parts.js';
import type { SyntaxProblem } from './recover.js';
import type { VariantRender } from './render.js';

/** `info`: shown by every front end, counted apart, never fails a run. */
export type DiagnosticSeverity = 'error' | 'warning' | 'info';
/** A rule setting as written in the config or on the command line. */
export type RuleSetting = 'off' | 'info' | 'warn' | 'error';

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
  /**
   * Where the finding is in the rendered body of `fixture` (findings on rendered output; when
   * several fixtures share the finding, in the first one listed).
   */
  output?: OutputLocation;
}

/** A range of a rendered body (after merge tags: the HTML the preview frame shows). */
export interface OutputLocation {
  /** Offsets into the rendered HTML. */
  start: number;
  end: number;
  /** 1-based line and column of `start` in the rendered HTML. */
  line: number;
  column: number;
  /**
   * The element concerned, as its index in document order among all elements of the parsed
   * document (the browser's `document.getElementsByTagName('*')[element]`, implied html, head and
   * body included); absent when the finding is not about one element.
   */
  element?: number;
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
  /** Offsets into the context's template text. */
  span?: Span | undefined;
  /** A position in another file; wins over `span`. */
  loc?: Location | undefined;
  fixture?: string | undefined;
  /**
   * Several fixtures that share the finding, in place of `fixture` (one report instead of one
   * per fixture); `output` is then in the first of them.
   */
  fixtures?: readonly string[] | undefined;
  /**
   * A finding on the rendered output of `fixture` (required with it): offsets into that
   * fixture's rendered HTML (`RenderedVariant.result.html`, after merge tags) and, when it is
   * about one element, the element's document index (`OutputElement.index`). A rule may report
   * only this: the runner fills `Diagnostic.output` (with line and column in the HTML) and, when
   * neither `span` nor `loc` is given, the template position from the render's source map (the
   * exact characters for copied template text, the reference for a printed value), falling back
   * to the template tag that best matches the element, then to the start of the template.
   */
  output?: { start: number; end: number; element?: number | undefined } | undefined;
  /** `info` for a finding that weighs less than the rule's own (partial client support): reported as info whatever the rule's severity. */
  severity?: 'info' | undefined;
}

export interface RuleMeta {
  id: string;
  description: string;
  defaultSeverity: DiagnosticSeverity;
  /** Doc page, relative to the repository root. */
  docs: string;
  /** What the rule looks at: the template text only, or also fixtures and rendered output. */
  needs: 'template' | 'renders';
  /**
   * The templates it checks: the body only, or also the subject and preheader in email.json
   * (each part gets its own context: its text, its AST, its renders). Default: the body.
   */
  parts?: 'body' | 'all' | undefined;
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
  /** The email has no fixtures and this is its render with an empty payload. */
  empty: boolean;
  /** The rendered HTML parsed (parse5), once for all rules; undefined when the render failed. */
  document(): OutputDocument | undefined;
}

export interface RuleContext {
  email: Email;
  config: ResolvedConfig;
  /** The template this context checks: the body, or the subject or preheader of email.json. */
  part: PartName;
  /** The file findings point into (email.html; email.json for subject and preheader). */
  file: string;
  /** The part's template text; report spans are offsets into it. */
  source: string;
  lines: SourceLines;
  /** Parsed template; undefined when it has syntax errors (then only template rules run). */
  ast: TemplateAst | undefined;
  /** Every syntax error of the template, found with recovery. */
  syntax: readonly SyntaxProblem[];
  analysis(): Analysis;
  /** The HTML structure of the body (body rules only). */
  html(): HtmlMap;
  /** Every fixture variant rendered (`result.html` is this part's output). */
  renders(): RenderedVariant[];
  /**
   * What identifies the lint run this context belongs to (a command, or one request of an editor
   * or the preview), when the runner gives it: a rule may keep facts about project files that
   * hold until the run ends by it (output-img-weight keeps image sizes). Without it they are kept
   * for one email.
   */
  run?: object | undefined;
  /** The link checker of the run, with `--check-links` only (output-broken-link). */
  links?: LinkChecker | undefined;
  /** Position of a JSON pointer in email.json (for subject findings). */
  metaLocation(pointer: string): Location | undefined;
  report(r: Report): void;
  /**
   * Runs `check` on the parsed output of each rendered fixture (body rules; see eachOutput). The
   * runner calls the checks of every rule fixture by fixture once the rules have run, so that one
   * parse serves them all and is let go before the next fixture's; `done` runs after the last.
   * Without it (a context made elsewhere) eachOutput goes through `renders()` at once.
   */
  eachDocument?: ((check: (render: RenderedVariant, doc: OutputDocument) => void, done?: () => void) => void) | undefined;
}
