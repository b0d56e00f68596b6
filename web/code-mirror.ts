/**
 * The code views of the preview (template source, rendered HTML, payload editor), built on
 * CodeMirror 6. Loaded on demand (`import('./code-mirror.js')`), so the first paint of the
 * preview does not wait for the editor: the elements show plain text until it is there.
 */
import { html } from '@codemirror/lang-html';
import { json } from '@codemirror/lang-json';
import { lintGutter, setDiagnostics, type Diagnostic } from '@codemirror/lint';
import { Annotation, EditorState, Prec, StateEffect, StateField, type Extension, type Text } from '@codemirror/state';
import { Decoration, EditorView, keymap, lineNumbers, type DecorationSet } from '@codemirror/view';
import { minimalSetup } from 'codemirror';
import { velocityTokens } from './velocity-tokens.js';

/** `template`: Velocity in HTML; `meta`: Velocity in JSON (email.json); `html`, `json`: plain. */
export type CodeLanguage = 'template' | 'meta' | 'html' | 'json';

/** A finding to mark: by offsets, or by 1-based line and column (end exclusive) as lint gives them. */
export interface Problem {
  from?: number | undefined;
  to?: number | undefined;
  line?: number | undefined;
  column?: number | undefined;
  endLine?: number | undefined;
  endColumn?: number | undefined;
  /** error, warning, info or hint; anything else shows as info. */
  severity: string;
  message: string;
}

export interface CodeViewOptions {
  lang: CodeLanguage;
  text: string;
  /** The accessible name of the text. */
  label: string;
  /** Editable (the payload editor); the other views are read-only but selectable. */
  editable?: boolean | undefined;
  /** Called with the whole text after each edit. */
  onChange?: ((text: string) => void) | undefined;
}

export interface CodeView {
  readonly view: EditorView;
  /** Replaces the text (a no-op when it is the same). */
  setText(text: string): void;
  setProblems(problems: readonly Problem[]): void;
  /** Scrolls to `line` (1-based), puts the cursor there and marks the line until the next reveal. */
  reveal(line: number, column?: number): void;
  destroy(): void;
}

const velocityMarks = (doc: Text): DecorationSet =>
  Decoration.set(velocityTokens(doc.toString()).map((t) => Decoration.mark({ class: `cm-vtl-${t.kind}` }).range(t.from, t.to)));

/** Velocity highlighted over the HTML or JSON: the highest precedence, so its marks are the inner ones. */
const velocity = Prec.highest(
  StateField.define<DecorationSet>({
    create: (state) => velocityMarks(state.doc),
    update: (marks, tr) => (tr.docChanged ? velocityMarks(tr.state.doc) : marks),
    provide: (f) => EditorView.decorations.from(f),
  }),
);

const setTarget = StateEffect.define<number | null>();
const targetLine = Decoration.line({ class: 'cm-velvet-target', attributes: { 'data-target-line': '' } });
const target = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(deco, tr) {
    for (const e of tr.effects) {
      if (e.is(setTarget)) deco = e.value === null ? Decoration.none : Decoration.set([targetLine.range(tr.state.doc.line(e.value).from)]);
    }
    return tr.docChanged ? deco.map(tr.changes) : deco;
  },
  provide: (f) => EditorView.decorations.from(f),
});

const theme = EditorView.theme({
  '&': { height: '100%', fontSize: '12.5px', backgroundColor: 'transparent' },
  '&.cm-focused': { outline: 'none' },
  '.cm-scroller': { fontFamily: 'var(--mono, ui-monospace, monospace)', lineHeight: '1.5' },
  '.cm-gutters': { backgroundColor: '#faf9f7', borderRight: '1px solid var(--line, #e6e3dc)', color: '#9a958b' },
  '.cm-velvet-target': { backgroundColor: '#fff1b8' },
  '.cm-vtl-directive': { color: '#7c3aed', fontWeight: '600' },
  '.cm-vtl-reference': { color: '#b45309' },
  '.cm-vtl-comment, .cm-vtl-comment *': { color: '#7b7f87', fontStyle: 'italic' },
  '.cm-vtl-unparsed': { color: '#7b7f87' },
  '.cm-vtl-string': { color: '#15803d' },
  '.cm-vtl-number': { color: '#0369a1' },
  '.cm-vtl-keyword': { color: '#be185d' },
});

/** Marks the text set from outside (setText), which is not an edit. */
const replaced = Annotation.define<boolean>();

const SEVERITIES = new Set(['error', 'warning', 'info', 'hint']);

/** A finding as a CodeMirror diagnostic; a finding without an end covers the word it starts at. */
export function toDiagnostic(doc: Text, p: Problem): Diagnostic {
  const severity = (SEVERITIES.has(p.severity) ? p.severity : 'info') as Diagnostic['severity'];
  const at = (line: number | undefined, column: number | undefined): number | undefined => {
    if (line === undefined) return undefined;
    const l = doc.line(Math.min(Math.max(1, line), doc.lines));
    return Math.min(l.to, l.from + Math.max(0, (column ?? 1) - 1));
  };
  const clamp = (x: number) => Math.min(Math.max(0, x), doc.length);
  const from = clamp(p.from ?? at(p.line, p.column) ?? 0);
  let to = clamp(p.to ?? at(p.endLine, p.endColumn) ?? from);
  if (to <= from) {
    const line = doc.lineAt(from);
    const word = /^[^\s<>"']+/.exec(doc.sliceString(from, line.to));
    to = from + (word ? word[0].length : Math.min(1, line.to - from));
  }
  return { from, to, severity, message: p.message };
}

function language(lang: CodeLanguage): Extension {
  if (lang === 'template') return [html(), velocity];
  if (lang === 'meta') return [json(), velocity];
  return lang === 'html' ? html() : json();
}

export function createCodeView(parent: Element | ShadowRoot, o: CodeViewOptions): CodeView {
  const editing: Extension = o.editable
    ? [
        keymap.of([
          // Tab inserts two spaces; Escape leaves the editor, so keyboard users are never trapped
          { key: 'Tab', run: (v) => (v.dispatch(v.state.replaceSelection('  '), { scrollIntoView: true, userEvent: 'input' }), true) },
          { key: 'Escape', run: (v) => (v.contentDOM.blur(), true) },
        ]),
        EditorView.updateListener.of((u) => {
          if (u.docChanged && !u.transactions.some((t) => t.annotation(replaced))) o.onChange?.(u.state.doc.toString());
        }),
      ]
    : [EditorState.readOnly.of(true)];
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: o.text,
      extensions: [
        minimalSetup,
        lineNumbers(),
        lintGutter(),
        EditorView.lineWrapping,
        EditorView.contentAttributes.of({ 'aria-label': o.label, spellcheck: 'false' }),
        language(o.lang),
        target,
        theme,
        editing,
      ],
    }),
  });
  let problems: readonly Problem[] = [];
  const apply = (): void => {
    const doc = view.state.doc;
    view.dispatch(setDiagnostics(view.state, problems.map((p) => toDiagnostic(doc, p))));
  };
  return {
    view,
    setText(text) {
      if (text === view.state.doc.toString()) return;
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text }, effects: setTarget.of(null), annotations: replaced.of(true) });
      apply();
    },
    setProblems(list) {
      problems = list;
      apply();
    },
    reveal(line, column = 1) {
      const doc = view.state.doc;
      const l = doc.line(Math.min(Math.max(1, line), doc.lines));
      const pos = Math.min(l.to, l.from + Math.max(0, column - 1));
      view.dispatch({ selection: { anchor: pos }, effects: [setTarget.of(l.number), EditorView.scrollIntoView(pos, { y: 'center' })] });
    },
    destroy: () => view.destroy(),
  };
}
