import { LitElement, css, html } from 'lit';

export interface TabInfo {
  id: string;
  label: string;
  badge?: string | undefined;
}

/**
 * A tab strip (WAI-ARIA tabs: arrow keys, Home and End move between tabs). The panels are the
 * element's light DOM children, matched by their `slot` attribute to the active tab id.
 */
export class VelvetTabs extends LitElement {
  static override properties = {
    tabs: { attribute: false },
    active: {},
  };
  declare tabs: TabInfo[];
  declare active: string;

  constructor() {
    super();
    this.tabs = [];
    this.active = '';
  }

  static override styles = css`
    :host {
      display: flex;
      flex-direction: column;
      min-height: 0;
    }
    [role='tablist'] {
      display: flex;
      gap: 2px;
      border-bottom: 1px solid var(--line);
      padding: 0 8px;
      flex: none;
      /* seven tabs in a narrow panel: a second row rather than tabs out of sight */
      flex-wrap: wrap;
    }
    button {
      font: inherit;
      border: 0;
      background: none;
      padding: 9px 7px 7px;
      border-bottom: 2px solid transparent;
      color: var(--muted);
      cursor: pointer;
      white-space: nowrap;
    }
    button[aria-selected='true'] {
      color: var(--text);
      border-bottom-color: var(--accent);
      font-weight: 600;
    }
    button:focus-visible {
      outline: 2px solid var(--accent);
      outline-offset: -2px;
    }
    .badge {
      display: inline-block;
      min-width: 18px;
      padding: 0 5px;
      margin-left: 4px;
      border-radius: 999px;
      background: #efede8;
      font-size: 11.5px;
      text-align: center;
    }
    .panel {
      flex: 1;
      min-height: 0;
      overflow: auto;
    }
  `;

  #choose(id: string, focus = false): void {
    this.dispatchEvent(new CustomEvent<string>('velvet-tab', { detail: id, bubbles: true, composed: true }));
    if (focus) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLButtonElement>(`button[data-tab="${id}"]`)?.focus());
  }

  #onKey(e: KeyboardEvent): void {
    const i = this.tabs.findIndex((t) => t.id === this.active);
    const n = this.tabs.length;
    const to = e.key === 'ArrowRight' ? (i + 1) % n : e.key === 'ArrowLeft' ? (i - 1 + n) % n : e.key === 'Home' ? 0 : e.key === 'End' ? n - 1 : -1;
    const tab = this.tabs[to];
    if (tab) {
      e.preventDefault();
      this.#choose(tab.id, true);
    }
  }

  override render() {
    return html`<div role="tablist" @keydown=${this.#onKey}>
        ${this.tabs.map(
          (t) => html`<button
            role="tab"
            id="tab-${t.id}"
            data-tab=${t.id}
            aria-selected=${t.id === this.active ? 'true' : 'false'}
            tabindex=${t.id === this.active ? '0' : '-1'}
            @click=${() => this.#choose(t.id)}
          >
            ${t.label}${t.badge ? html`<span class="badge">${t.badge}</span>` : ''}
          </button>`,
        )}
      </div>
      <div class="panel" role="tabpanel" aria-labelledby="tab-${this.active}"><slot name=${this.active}></slot></div>`;
  }
}
customElements.define('velvet-tabs', VelvetTabs);
