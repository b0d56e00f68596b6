import { LitElement, css, html, nothing } from 'lit';
import { controls } from './shared-styles.js';

/**
 * The payload as JSON text. Each valid edit fires `velvet-payload` (the server re-renders at
 * once); "Save as new fixture" fires `velvet-save-fixture`. `payload` from the server replaces
 * the text only while the user has no unsaved edits.
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
      textarea {
        flex: 1;
        min-height: 120px;
        font: 12.5px/1.5 var(--mono);
        resize: vertical;
        tab-size: 2;
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

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('payload') && !this.edited) {
      this.draft = this.payload;
      this.problem = '';
    }
  }

  #onInput(e: Event): void {
    this.draft = (e.target as HTMLTextAreaElement).value;
    try {
      const v = JSON.parse(this.draft) as unknown;
      if (!v || typeof v !== 'object' || Array.isArray(v)) throw new Error('the payload must be a JSON object');
      this.problem = '';
      this.dispatchEvent(new CustomEvent<string>('velvet-payload', { detail: this.draft, bubbles: true, composed: true }));
    } catch (err) {
      this.problem = (err as Error).message;
    }
  }

  #onKey(e: KeyboardEvent): void {
    // Tab inserts two spaces; Escape leaves the editor so keyboard users are never trapped
    if (e.key === 'Tab' && !e.shiftKey) {
      e.preventDefault();
      const t = e.target as HTMLTextAreaElement;
      t.setRangeText('  ', t.selectionStart, t.selectionEnd, 'end');
      this.#onInput(e);
    } else if (e.key === 'Escape') (e.target as HTMLTextAreaElement).blur();
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
      <textarea spellcheck="false" aria-label="Payload JSON" .value=${this.draft} @input=${this.#onInput} @keydown=${this.#onKey}></textarea>
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
