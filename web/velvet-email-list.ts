import { LitElement, css, html, nothing } from 'lit';
import type { EmailSummary, SyncInfo } from '../src/preview/protocol.js';
import { api } from './api.js';
import { controls } from './shared-styles.js';

export interface ListSelection {
  email: string;
  fixture?: string | undefined;
  variant?: string | undefined;
}

/**
 * The emails of the project with their fixtures and variants. Fires `velvet-select`, and
 * `velvet-sync` with each email's sync state after "Check Yespo" (checked on demand, not polled).
 */
export class VelvetEmailList extends LitElement {
  static override properties = {
    emails: { attribute: false },
    email: {},
    fixture: {},
    variant: {},
    sync: { state: true },
    syncBusy: { state: true },
    syncNote: { state: true },
  };
  declare emails: EmailSummary[];
  declare email: string | undefined;
  declare fixture: string | undefined;
  declare variant: string | undefined;
  declare sync: Record<string, SyncInfo>;
  declare syncBusy: boolean;
  declare syncNote: string;

  constructor() {
    super();
    this.emails = [];
    this.sync = {};
    this.syncBusy = false;
    this.syncNote = '';
  }

  static override styles = [
    controls,
    css`
      :host {
        display: block;
        overflow: auto;
        padding: 10px 8px 24px;
      }
      h2 {
        font-size: 11px;
        letter-spacing: 0.08em;
        text-transform: uppercase;
        color: var(--muted);
        margin: 6px 8px 8px;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      li.email {
        margin-bottom: 6px;
      }
      button {
        display: flex;
        align-items: center;
        gap: 6px;
        width: 100%;
        border: 0;
        background: none;
        text-align: left;
        padding: 5px 8px;
        border-radius: 6px;
      }
      button:hover {
        background: #efede8;
      }
      .email-name {
        font-weight: 600;
      }
      .fixtures button {
        padding-left: 20px;
        color: #3d3a34;
      }
      .variants button {
        padding-left: 34px;
        font-size: 13px;
      }
      button[aria-current='true'] {
        background: var(--accent-soft);
        color: var(--accent);
        font-weight: 600;
      }
      .dot {
        width: 7px;
        height: 7px;
        border-radius: 50%;
        background: var(--danger);
        flex: none;
      }
      .count {
        margin-left: auto;
        color: var(--muted);
        font-size: 12px;
        font-weight: 400;
      }
      .broken {
        color: var(--danger);
      }
      .head {
        display: flex;
        align-items: center;
        justify-content: space-between;
      }
      .head button {
        width: auto;
        font-size: 12px;
        color: var(--accent);
        padding: 3px 8px;
      }
      .sync-note {
        font-size: 12px;
        color: var(--muted);
        margin: 0 8px 8px;
      }
      .sync {
        font-size: 11px;
        font-weight: 500;
        padding: 1px 6px;
        border-radius: 8px;
        background: #e6f2e8;
        color: #2f6b3a;
        white-space: nowrap;
      }
      .sync:not([data-sync='in-step']) {
        background: #fbeee0;
        color: #8a4b10;
      }
    `,
  ];

  #select(sel: ListSelection): void {
    this.dispatchEvent(new CustomEvent<ListSelection>('velvet-select', { detail: sel, bubbles: true, composed: true }));
  }

  async #checkSync(): Promise<void> {
    this.syncBusy = true;
    this.syncNote = '';
    try {
      const r = await api.sync();
      if (!r.available) this.syncNote = r.reason;
      else if ('error' in r) this.syncNote = r.error;
      else {
        this.sync = Object.fromEntries(r.emails.map((e) => [e.email, e]));
        this.syncNote = `checked ${new Date(r.checkedAt).toLocaleTimeString()}`;
        this.dispatchEvent(new CustomEvent<Record<string, SyncInfo>>('velvet-sync', { detail: this.sync, bubbles: true, composed: true }));
      }
    } catch (err) {
      this.syncNote = (err as Error).message;
    } finally {
      this.syncBusy = false;
    }
  }

  #badge(info: SyncInfo | undefined) {
    if (!info) return nothing;
    const label = info.state.replace(/-/g, ' ').replace(/yespo/, 'Yespo');
    return html`<span class="sync" data-sync=${info.state} title=${info.text}>${label}</span>`;
  }

  #onKey(e: KeyboardEvent): void {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const buttons = Array.from(this.renderRoot.querySelectorAll('button'));
    const active = (this.renderRoot as ShadowRoot).activeElement;
    const i = buttons.findIndex((b) => b === active);
    const next = buttons[Math.max(0, Math.min(buttons.length - 1, i + (e.key === 'ArrowDown' ? 1 : -1)))];
    next?.focus();
    e.preventDefault();
  }

  override render() {
    return html`<nav aria-label="Emails and fixtures" @keydown=${this.#onKey}>
      <div class="head">
        <h2>Emails</h2>
        <button data-check-sync ?disabled=${this.syncBusy} title="Compare every email with its message in Yespo (velvet status)" @click=${() => void this.#checkSync()}>
          ${this.syncBusy ? 'Checking…' : 'Check Yespo'}
        </button>
      </div>
      ${this.syncNote ? html`<p class="sync-note" data-sync-note>${this.syncNote}</p>` : nothing}
      <ul>
        ${this.emails.map((e) => {
          const open = e.name === this.email;
          return html`<li class="email" data-email=${e.name}>
            <button
              aria-current=${open && !this.fixture ? 'true' : 'false'}
              aria-expanded=${open ? 'true' : 'false'}
              @click=${() => this.#select({ email: e.name, fixture: e.fixtures[0]?.name })}
            >
              ${e.error || e.templateError
                ? html`<span class="dot" title=${e.error ? 'This email does not load' : `Syntax error: ${e.templateError?.message ?? ''}`}></span>`
                : nothing}
              <span class="email-name">${e.name}</span>
              ${this.#badge(this.sync[e.name])}
              <span class="count">${e.fixtures.length + e.brokenFixtures.length}</span>
            </button>
            ${open ? this.#fixtures(e) : nothing}
          </li>`;
        })}
      </ul>
    </nav>`;
  }

  #fixtures(e: EmailSummary) {
    const names = [...e.fixtures.map((f) => f.name), ...e.brokenFixtures.map((b) => b.name)].sort();
    return html`<ul class="fixtures">
      ${names.map((name) => {
        const f = e.fixtures.find((x) => x.name === name);
        const current = name === this.fixture;
        if (!f) {
          return html`<li data-fixture=${name}>
            <button class="broken" aria-current=${current ? 'true' : 'false'} title="This fixture does not load" @click=${() => this.#select({ email: e.name, fixture: name })}>
              <span class="dot"></span>${name}
            </button>
          </li>`;
        }
        return html`<li data-fixture=${name}>
          <button
            aria-current=${current && f.variants.length <= 1 ? 'true' : 'false'}
            title=${f.description ?? `${f.format} fixture`}
            @click=${() => this.#select({ email: e.name, fixture: name, variant: f.variants[0] })}
          >
            ${name}
          </button>
          ${f.variants.length > 1
            ? html`<ul class="variants">
                ${f.variants.map(
                  (v) => html`<li data-variant=${v}>
                    <button aria-current=${current && v === this.variant ? 'true' : 'false'} @click=${() => this.#select({ email: e.name, fixture: name, variant: v })}>
                      ${v}
                    </button>
                  </li>`,
                )}
              </ul>`
            : nothing}
        </li>`;
      })}
    </ul>`;
  }
}
customElements.define('velvet-email-list', VelvetEmailList);
