import { LitElement, css, html, nothing } from 'lit';
import type { SendMode, SendRequest, SendSettingsInfo, SendState } from '../src/preview/protocol.js';
import { controls } from './shared-styles.js';

/**
 * "Send test": recipients, fixture and mode go to the preview server, which applies the same
 * allow-list and checks as `velvet send` and sends with the key it holds. It says up front
 * whether a key, a carrier message and a message id are set, and what exactly is sent: the
 * payload shown on screen (an edited one included). Shows the delivery status as it arrives.
 * Fires `velvet-send` with a SendRequest.
 */
export class VelvetSendPanel extends LitElement {
  static override properties = {
    email: {},
    fixtures: { attribute: false },
    fixture: {},
    variant: {},
    payload: {},
    settings: { attribute: false },
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
  declare variant: string | undefined;
  /** The edited payload shown on screen, if the Payload tab overrides the fixture. */
  declare payload: string | undefined;
  declare settings: SendSettingsInfo | undefined;
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
      dl {
        display: grid;
        grid-template-columns: auto 1fr;
        gap: 2px 10px;
        margin: 0 0 12px;
        font-size: 12.5px;
      }
      dt {
        color: var(--muted);
      }
      dd {
        margin: 0;
      }
      .missing {
        color: var(--warn);
        font-weight: 600;
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
    const edited = this.payload !== undefined;
    const req: SendRequest = edited
      ? { email: this.email, fixture: this.fixture, variant: this.variant, payload: this.payload, to, mode: this.mode }
      : { email: this.email, fixture: this.chosen ?? this.fixture, variant: this.chosen && this.chosen !== this.fixture ? undefined : this.variant, to, mode: this.mode };
    this.dispatchEvent(new CustomEvent<SendRequest>('velvet-send', { detail: req, bubbles: true, composed: true }));
  }

  /** The settings a send would use, before anything is tried. */
  #settings() {
    const s = this.settings;
    if (!s) return html`<p class="hint" data-settings>Reading the send settings…</p>`;
    const missing = (text: string) => html`<span class="missing">${text}</span>`;
    return html`<dl data-settings>
      <dt>API key</dt>
      <dd>${s.apiKey ? 'set' : missing('not set: start the preview with YESPO_API_KEY in its environment')}</dd>
      <dt>Carrier message</dt>
      <dd>${s.carrierMessageId !== null ? String(s.carrierMessageId) : missing('not set: render mode needs send.carrierMessageId in velvet.config.json (`velvet carrier` makes the message)')}</dd>
      <dt>Message id</dt>
      <dd>${s.messageId !== null ? String(s.messageId) : missing(`not set: data mode needs "messageId" in ${this.email}/email.json`)}</dd>
      <dt>Allow-list</dt>
      <dd>${s.allow.length ? s.allow.join(', ') : missing('empty: set send.allow in velvet.config.json or VELVET_SEND_ALLOW')}</dd>
      ${s.problem ? html`<dt>Problem</dt><dd class="problem">${s.problem}</dd>` : nothing}
    </dl>`;
  }

  override render() {
    const fixture = this.chosen ?? this.fixture;
    const edited = this.payload !== undefined;
    const cannot = this.settings !== undefined && !this.settings.apiKey;
    return html`${this.#settings()}
      <form @submit=${this.#submit} aria-label="Send a test email">
        <label
          >Recipients (comma-separated, must be in the allow-list)
          <input name="to" type="text" autocomplete="email" placeholder="you@example.com" .value=${this.to} @input=${(e: Event) => (this.to = (e.target as HTMLInputElement).value)} />
        </label>
        ${edited
          ? html`<p class="hint" data-sends>Sends the edited payload shown in the Payload tab (based on ${this.fixture ?? 'no fixture'}), not the fixture file.</p>`
          : html`<label
                >Fixture
                <select name="fixture" @change=${(e: Event) => (this.chosen = (e.target as HTMLSelectElement).value)}>
                  ${this.fixtures.map((f) => html`<option value=${f} ?selected=${f === fixture}>${f}</option>`)}
                </select>
              </label>
              <p class="hint" data-sends>Sends the fixture file ${fixture ?? ''}${fixture === this.fixture && this.variant && this.variant !== 'default' ? ` (${this.variant})` : ''} as saved.</p>`}
        <fieldset>
          <legend>Mode</legend>
          <label><input type="radio" name="mode" value="render" .checked=${this.mode === 'render'} @change=${() => (this.mode = 'render')} />render (local HTML via the carrier)</label>
          <label><input type="radio" name="mode" value="data" .checked=${this.mode === 'data'} @change=${() => (this.mode = 'data')} />data (Yespo renders)</label>
        </fieldset>
        <div><button class="primary" type="submit" ?disabled=${this.busy || !this.to.trim() || cannot}>${this.busy ? 'Sending…' : `Send test of ${this.email}`}</button></div>
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
