import { LitElement, css, html, nothing } from 'lit';
import type { SendMode, SendRequest, SendState } from '../src/preview/protocol.js';
import { controls } from './shared-styles.js';

/**
 * "Send test": recipients, fixture and mode go to the preview server, which applies the same
 * allow-list and checks as `velvet send` and sends with the key it holds. Shows the delivery
 * status as it arrives. Fires `velvet-send` with a SendRequest.
 */
export class VelvetSendPanel extends LitElement {
  static override properties = {
    email: {},
    fixtures: { attribute: false },
    fixture: {},
    state: { attribute: false },
    busy: { type: Boolean },
    error: {},
    to: { state: true },
    mode: { state: true },
    chosen: { state: true },
  };
  declare email: string;
  declare fixtures: string[];
  declare fixture: string | undefined;
  declare state: SendState | undefined;
  declare busy: boolean;
  declare error: string;
  declare to: string;
  declare mode: SendMode;
  declare chosen: string | undefined;

  constructor() {
    super();
    this.email = '';
    this.fixtures = [];
    this.busy = false;
    this.error = '';
    this.to = localStorage.getItem('velvet.sendTo') ?? '';
    this.mode = 'render';
  }

  static override styles = [
    controls,
    css`
      :host {
        display: block;
        padding: 12px 14px;
      }
      form {
        display: grid;
        gap: 10px;
      }
      label {
        display: grid;
        gap: 4px;
        font-size: 12.5px;
        color: var(--muted);
      }
      fieldset {
        border: 0;
        padding: 0;
        margin: 0;
        display: flex;
        gap: 14px;
        font-size: 13px;
      }
      legend {
        font-size: 12.5px;
        color: var(--muted);
        margin-bottom: 4px;
      }
      fieldset label {
        display: inline-flex;
        align-items: center;
        gap: 4px;
        color: var(--text);
      }
      .status {
        margin-top: 14px;
        border-top: 1px solid var(--line);
        padding-top: 10px;
      }
      .phase {
        font-weight: 600;
      }
      ul {
        margin: 6px 0;
        padding-left: 18px;
      }
      .problem {
        color: var(--danger);
      }
      .delivered {
        color: var(--ok);
        font-weight: 600;
      }
      .failed,
      .rejected {
        color: var(--danger);
        font-weight: 600;
      }
      .hint {
        font-size: 12px;
        color: var(--muted);
      }
    `,
  ];

  #submit(e: Event): void {
    e.preventDefault();
    const to = this.to
      .split(/[,;\s]+/)
      .map((s) => s.trim())
      .filter(Boolean);
    localStorage.setItem('velvet.sendTo', this.to);
    const req: SendRequest = { email: this.email, fixture: this.chosen ?? this.fixture, to, mode: this.mode };
    this.dispatchEvent(new CustomEvent<SendRequest>('velvet-send', { detail: req, bubbles: true, composed: true }));
  }

  override render() {
    const fixture = this.chosen ?? this.fixture;
    return html`<form @submit=${this.#submit} aria-label="Send a test email">
        <label
          >Recipients (comma-separated, must be in the allow-list)
          <input name="to" type="text" autocomplete="email" placeholder="you@example.com" .value=${this.to} @input=${(e: Event) => (this.to = (e.target as HTMLInputElement).value)} />
        </label>
        <label
          >Fixture
          <select name="fixture" @change=${(e: Event) => (this.chosen = (e.target as HTMLSelectElement).value)}>
            ${this.fixtures.map((f) => html`<option value=${f} ?selected=${f === fixture}>${f}</option>`)}
          </select>
        </label>
        <fieldset>
          <legend>Mode</legend>
          <label><input type="radio" name="mode" value="render" .checked=${this.mode === 'render'} @change=${() => (this.mode = 'render')} />render (local HTML via the carrier)</label>
          <label><input type="radio" name="mode" value="data" .checked=${this.mode === 'data'} @change=${() => (this.mode = 'data')} />data (Yespo renders)</label>
        </fieldset>
        <div><button class="primary" type="submit" ?disabled=${this.busy || !this.to.trim()}>${this.busy ? 'Sending…' : `Send test of ${this.email}`}</button></div>
        <div class="hint">The API key stays on the preview server. Same allow-list, recipient limit and checks as <code>velvet send</code>.</div>
      </form>
      ${this.error ? html`<p class="problem" role="alert">${this.error}</p>` : nothing} ${this.state ? this.#status(this.state) : nothing}`;
  }

  #status(s: SendState) {
    const phase = { sending: 'Sending…', following: 'Sent; waiting for delivery…', done: 'Done', refused: 'Not sent', error: 'Failed' }[s.phase];
    return html`<div class="status" role="status" aria-live="polite" data-send-status=${s.phase}>
      <div class="phase">${phase}</div>
      ${s.subject ? html`<div class="hint">Subject: ${s.subject}</div>` : nothing}
      ${s.problems.length ? html`<ul>${s.problems.map((p) => html`<li class="problem">${p}</li>`)}</ul>` : nothing}
      ${s.findings.length ? html`<ul>${s.findings.map((f) => html`<li class=${f.severity === 'error' ? 'problem' : ''}>${f.rule}: ${f.message}</li>`)}</ul>` : nothing}
      ${s.recipients.length
        ? html`<ul>
            ${s.recipients.map((r) => html`<li data-recipient=${r.locator}>${r.locator}: <span class=${r.state}>${r.state}</span>${r.detail ? html` <span class="hint">(${r.detail})</span>` : nothing}</li>`)}
          </ul>`
        : nothing}
    </div>`;
  }
}
customElements.define('velvet-send-panel', VelvetSendPanel);
