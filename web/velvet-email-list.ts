import { LitElement, css, html, nothing } from 'lit';
import type { EmailSummary } from '../src/preview/protocol.js';
import { controls } from './shared-styles.js';

export interface ListSelection {
  email: string;
  fixture?: string | undefined;
  variant?: string | undefined;
}

/** The emails of the project with their fixtures and variants. Fires `velvet-select`. */
export class VelvetEmailList extends LitElement {
  static override properties = {
    emails: { attribute: false },
    email: {},
    fixture: {},
    variant: {},
  };
  declare emails: EmailSummary[];
  declare email: string | undefined;
  declare fixture: string | undefined;
  declare variant: string | undefined;

  constructor() {
    super();
    this.emails = [];
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
    `,
  ];

  #select(sel: ListSelection): void {
    this.dispatchEvent(new CustomEvent<ListSelection>('velvet-select', { detail: sel, bubbles: true, composed: true }));
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
      <h2>Emails</h2>
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
