import { LitElement, css, html, nothing } from 'lit';
import type { Diagnostic, SourceFile, SourceResponse } from '../src/preview/protocol.js';
import type { CodeView } from './code-mirror.js';
import { loadCodeMirror } from './code-mirror-loader.js';
import { controls } from './shared-styles.js';

/** A place to show: a file of the sources and a 1-based line; a new `seq` shows it again. */
export interface SourceTarget {
  file: string;
  line: number;
  column: number;
  seq: number;
}

/**
 * The template of the current email (email.html, and email.json with the subject and preheader),
 * highlighted as Velocity over HTML (or JSON), with the lint findings of each file underlined and
 * marked in the gutter (the message shows on hover). Read-only: the user edits in their editor;
 * a save comes back as a new `source`.
 */
export class VelvetSourceView extends LitElement {
  static override properties = {
    source: { attribute: false },
    diagnostics: { attribute: false },
    target: { attribute: false },
    file: { state: true },
    ready: { state: true },
  };
  declare source: SourceResponse | undefined;
  declare diagnostics: readonly Diagnostic[];
  declare target: SourceTarget | undefined;
  /** The file shown (its path as `source` gives it). */
  declare file: string;
  declare ready: boolean;
  #view: CodeView | undefined;
  /** The kind of file the view was made for: another kind needs another language. */
  #kind: SourceFile['kind'] | undefined;
  #shownTarget = 0;

  constructor() {
    super();
    this.diagnostics = [];
    this.file = '';
    this.ready = false;
  }

  static override styles = [
    controls,
    css`
      :host {
        display: flex;
        flex-direction: column;
        height: 100%;
        min-height: 0;
      }
      .files {
        display: flex;
        gap: 6px;
        padding: 8px 12px;
        border-bottom: 1px solid var(--line);
        align-items: center;
        font-size: 12.5px;
      }
      .files button {
        font: 12px var(--mono);
        padding: 2px 8px;
      }
      .count {
        opacity: 0.7;
        margin-left: 4px;
      }
      .cm {
        flex: 1;
        min-height: 0;
      }
      p {
        padding: 10px 12px;
        margin: 0;
      }
    `,
  ];

  #current(): SourceFile | undefined {
    const files = this.source?.files ?? [];
    return files.find((f) => f.file === this.file) ?? files[0];
  }

  override willUpdate(changed: Map<string, unknown>): void {
    const t = this.target;
    if (changed.has('target') && t && this.source?.files.some((f) => f.file === t.file)) this.file = t.file;
    if (changed.has('source') && !this.source?.files.some((f) => f.file === this.file)) this.file = this.source?.files[0]?.file ?? '';
  }

  override updated(): void {
    const file = this.#current();
    if (!file) return;
    // the module loads once; every later update finds it there at once
    void loadCodeMirror().then((cm) => this.#show(cm, file));
  }

  #show(cm: typeof import('./code-mirror.js'), file: SourceFile): void {
    const parent = this.renderRoot.querySelector('.cm');
    if (!parent || !this.isConnected) return;
    if (!this.#view || this.#kind !== file.kind || this.#view.view.dom.parentNode !== parent) {
      this.#view?.destroy();
      this.#kind = file.kind;
      this.#view = cm.createCodeView(parent, { lang: file.kind === 'template' ? 'template' : 'meta', text: file.text, label: `Source of ${file.file}` });
      this.ready = true;
    } else this.#view.setText(file.text);
    this.#view.setProblems(this.diagnostics.filter((d) => d.file === file.file));
    const t = this.target;
    if (t && t.seq !== this.#shownTarget && t.file === file.file) {
      this.#shownTarget = t.seq;
      this.#view.reveal(t.line, t.column);
    }
  }

  override disconnectedCallback(): void {
    this.#view?.destroy();
    this.#view = undefined;
    this.#kind = undefined;
    this.ready = false;
    super.disconnectedCallback();
  }

  override render() {
    const files = this.source?.files ?? [];
    if (!this.source) return html`<p class="muted">Loading the template…</p>`;
    if (!files.length) return html`<p class="muted" data-no-source>The template is not shown: its file lies outside the project folder.</p>`;
    const current = this.#current();
    return html`
      <div class="files" role="group" aria-label="Files of the email">
        ${files.map((f) => {
          const n = this.diagnostics.filter((d) => d.file === f.file).length;
          return html`<button data-file=${f.file} aria-pressed=${f === current ? 'true' : 'false'} @click=${() => (this.file = f.file)}>
            ${f.file.split('/').pop()}${n ? html`<span class="count">${n}</span>` : nothing}
          </button>`;
        })}
        <span class="muted">${this.ready ? 'read-only: edit in your editor' : 'Loading the editor…'}</span>
      </div>
      <div class="cm" data-source=${current?.file ?? ''}></div>
    `;
  }
}
customElements.define('velvet-source-view', VelvetSourceView);
