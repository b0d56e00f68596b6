import { LitElement, css, html } from 'lit';

/** The email as an inbox shows it: sender, subject and preheader. */
export class VelvetInboxHeader extends LitElement {
  static override properties = {
    subject: {},
    preheader: {},
    from: {},
  };
  declare subject: string | undefined;
  declare preheader: string | undefined;
  declare from: string | undefined;

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
  `;

  override render() {
    const from = this.from ?? 'Sender';
    const initial = from.replace(/^["\s]+/, '').charAt(0).toUpperCase() || '?';
    return html`<div class="avatar" aria-hidden="true">${initial}</div>
      <div class="lines">
        <div class="from">${from}</div>
        <div class="subject ${this.subject ? '' : 'none'}" data-subject>${this.subject || '(no subject)'}</div>
        <div class="preheader" data-preheader>${this.preheader ?? ''}</div>
      </div>`;
  }
}
customElements.define('velvet-inbox-header', VelvetInboxHeader);
