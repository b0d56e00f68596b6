import { LitElement, css, html, nothing } from 'lit';

/**
 * The email as an inbox shows it: sender, subject and preheader; with its Yespo message id and a
 * warning when the message changed in Yespo (known after "Check Yespo").
 */
export class VelvetInboxHeader extends LitElement {
  static override properties = {
    subject: {},
    preheader: {},
    from: {},
    messageId: {},
    syncState: {},
  };
  declare subject: string | undefined;
  declare preheader: string | undefined;
  declare from: string | undefined;
  declare messageId: number | undefined;
  declare syncState: string | undefined;

  static override styles = css`
    :host {
      display: flex;
      gap: 12px;
      align-items: center;
      min-width: 0;
    }
    .avatar {
      flex: none;
      width: 38px;
      height: 38px;
      border-radius: 50%;
      background: var(--accent-soft);
      color: var(--accent);
      display: grid;
      place-items: center;
      font-weight: 700;
    }
    .lines {
      min-width: 0;
    }
    .from {
      font-size: 12.5px;
      color: var(--muted);
    }
    .subject {
      font-size: 16px;
      font-weight: 650;
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .preheader {
      color: var(--muted);
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .none {
      font-style: italic;
    }
    .yespo {
      margin-left: auto;
      flex: none;
      font-size: 12px;
      color: var(--muted);
      text-align: right;
    }
    .moved {
      display: block;
      color: var(--danger);
      font-weight: 600;
    }
  `;

  override render() {
    const from = this.from ?? 'Sender';
    const initial = from.replace(/^["\s]+/, '').charAt(0).toUpperCase() || '?';
    return html`<div class="avatar" aria-hidden="true">${initial}</div>
      <div class="lines">
        <div class="from">${from}</div>
        <div class="subject ${this.subject ? '' : 'none'}" data-subject>${this.subject || '(no subject)'}</div>
        <div class="preheader" data-preheader>${this.preheader ?? ''}</div>
      </div>
      ${this.messageId === undefined
        ? nothing
        : html`<div class="yespo" data-message-id=${this.messageId}>
            Yespo message ${this.messageId}
            ${this.syncState === 'changed-in-yespo' || this.syncState === 'conflict'
              ? html`<span class="moved" data-yespo-moved title="Run velvet status / velvet pull">changed in Yespo</span>`
              : nothing}
          </div>`}`;
  }
}
customElements.define('velvet-inbox-header', VelvetInboxHeader);
