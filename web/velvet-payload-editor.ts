import { LitElement, css, html, nothing } from 'lit';
import type { CodeView, Problem } from './code-mirror.js';
import { loadCodeMirror } from './code-mirror-loader.js';
import { jsonProblem } from './json-error.js';
import { controls } from './shared-styles.js';

/**
 * The payload as JSON text in a code editor (CodeMirror, JSON highlighting, the first syntax
 * error marked where it is). Each valid edit fires `velvet-payload` (the server re-renders at
 * once); "Save as new fixture" fires `velvet-save-fixture`. `payload` from the server replaces
 * the text only while the user has no unsaved edits. Tab inserts two spaces, Escape leaves it.
 */
export class VelvetPayloadEditor extends LitElement {
  static override properties = {
    payload: {},
    edited: { type: Boolean },
    status: {},
    draft: { state: true },
    problem: { state: true },
    name: { state: true },
  };
  declare payload: string;
  declare edited: boolean;
  /** Outcome of the last save, shown next to the button. */
  declare status: string;
  declare draft: string;
  declare problem: string;
  declare name: string;

  constructor() {
    super();
    this.payload = '';
    this.edited = false;
    this.status = '';
    this.draft = '';
    this.problem = '';
    this.name = '';
  }

  static override styles = [
    controls,
    css`
      :host {
        display: flex;
        flex-direction: column;
        gap: 8px;
        padding: 10px 12px;
        height: 100%;
        /* the padding inside the height: the save row never ends up below the panel */
        box-sizing: border-box;
        min-height: 0;
      }
      .cm {
        flex: 1;
        min-height: 120px;
        border: 1px solid var(--line);
        border-radius: 6px;
        background: #fff;
        overflow: hidden;
      }
      .cm:focus-within {
        outline: 2px solid var(--accent);
        outline-offset: 1px;
      }
      .row {
        display: flex;
        gap: 8px;
        align-items: center;
        flex-wrap: wrap;
      }
      .problem {
        color: var(--danger);
        font-size: 12.5px;
      }
      .edited {
        color: var(--warn);
        font-size: 12.5px;
      }
      input {
        flex: 1;
        min-width: 140px;
      }
    `,
  ];

  #view: CodeView | undefined;
  #loading = false;

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('payload') && !this.edited) {
      this.draft = this.payload;
      this.problem = '';
    }
  }

  override updated(): void {
    if (this.#view) {
      this.#view.setText(this.draft);
      if (!this.problem) this.#view.setProblems([]);
    } else if (!this.#loading) {
      this.#loading = true;
      void loadCodeMirror().then((cm) => {
        const parent = this.renderRoot.querySelector('.cm');
        if (!parent || !this.isConnected) return;
        this.#view = cm.createCodeView(parent, { lang: 'json', text: this.draft, label: 'Payload JSON', editable: true, onChange: (t) => this.#onInput(t) });
      });
    }
  }

  override disconnectedCallback(): void {
    this.#view?.destroy();
    this.#view = undefined;
    this.#loading = false;
    super.disconnectedCallback();
  }

  #onInput(text: string): void {
    this.draft = text;
    const problem = payloadProblem(text);
    this.#view?.setProblems(problem ? [problem] : []);
    this.problem = problem?.message ?? '';
    if (!problem) this.dispatchEvent(new CustomEvent<string>('velvet-payload', { detail: text, bubbles: true, composed: true }));
  }

  #save(): void {
    if (!this.name.trim() || this.problem) return;
    this.dispatchEvent(new CustomEvent('velvet-save-fixture', { detail: { name: this.name.trim(), payload: this.draft }, bubbles: true, composed: true }));
  }

  override render() {
    return html`
      <div class="row">
        ${this.edited ? html`<span class="edited">Edited: rendering this payload, not the fixture file.</span>` : html`<span class="muted">Edit to re-render at once.</span>`}
        ${this.edited ? html`<button @click=${() => this.dispatchEvent(new CustomEvent('velvet-payload-reset', { bubbles: true, composed: true }))}>Reset</button>` : nothing}
      </div>
      <div class="cm" data-payload-editor></div>
      ${this.problem ? html`<div class="problem" role="status">${this.problem}</div>` : nothing}
      <form class="row" @submit=${(e: Event) => (e.preventDefault(), this.#save())}>
        <input aria-label="New fixture name" placeholder="new-fixture-name" .value=${this.name} @input=${(e: Event) => (this.name = (e.target as HTMLInputElement).value)} />
        <button type="submit" ?disabled=${!this.name.trim() || Boolean(this.problem)}>Save as new fixture</button>
      </form>
      ${this.status ? html`<div class="muted" role="status" data-save-status>${this.status}</div>` : nothing}
    `;
  }
}
customElements.define('velvet-payload-editor', VelvetPayloadEditor);

/** Why `text` is not a payload (not JSON, or not an object), placed where the problem is. */
function payloadProblem(text: string): (Problem & { message: string }) | undefined {
  const p = jsonProblem(text);
  const where = (at: number): string => {
    const before = text.slice(0, at).split('\n');
    return `line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}`;
  };
  if (p) return { from: p.from, to: p.to, severity: 'error', message: `Not valid JSON at ${where(p.from)}: ${p.message}` };
  const start = text.search(/\S/);
  if (text[start] !== '{') return { from: Math.max(0, start), to: Math.max(0, start) + 1, severity: 'error', message: 'The payload must be a JSON object ({ ... })' };
  return undefined;
}
