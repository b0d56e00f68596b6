import { LitElement, css, html, nothing } from 'lit';
import type { ErrorInfo } from '../src/preview/protocol.js';

/**
 * A template or fixture error over the frame: message, position and code frame. The last good
 * render stays visible below it; the overlay goes away as soon as a render succeeds.
 */
export class VelvetErrorOverlay extends LitElement {
  static override properties = {
    error: { attribute: false },
    hasRender: { type: Boolean },
  };
  declare error: ErrorInfo | undefined;
  declare hasRender: boolean;

  constructor() {
    super();
    this.hasRender = false;
  }

  static override styles = css`
    :host {
      position: absolute;
      inset: 0 0 auto 0;
      display: block;
      pointer-events: none;
      padding: 14px 18px 0;
      z-index: 5;
    }
    .box {
      pointer-events: auto;
      max-width: 860px;
      margin: 0 auto;
      background: #fff;
      border: 1px solid #f1b7b1;
      border-left: 5px solid var(--danger);
      border-radius: 8px;
      box-shadow: 0 10px 30px rgba(60, 10, 10, 0.18);
      padding: 14px 16px;
    }
    .kind {
      font-size: 11px;
      text-transform: uppercase;
      letter-spacing: 0.08em;
      color: var(--danger);
      font-weight: 700;
    }
    .message {
      font-size: 15px;
      font-weight: 600;
      margin: 4px 0 6px;
      white-space: pre-wrap;
    }
    .where {
      font-family: var(--mono);
      font-size: 12.5px;
      color: var(--muted);
    }
    pre {
      margin: 10px 0 0;
      padding: 10px 12px;
      background: #fbf3f2;
      border-radius: 6px;
      overflow: auto;
      font: 12.5px/1.5 var(--mono);
    }
    .note {
      margin-top: 8px;
      font-size: 12.5px;
      color: var(--muted);
    }
  `;

  override render() {
    const e = this.error;
    if (!e) return nothing;
    const where = e.file ? `${e.file}${e.line !== undefined ? `:${e.line}:${e.column ?? 1}` : ''}` : '';
    return html`<div class="box" role="alert" data-error-overlay>
      <div class="kind">${e.name}</div>
      <div class="message" data-message>${e.message}</div>
      ${where ? html`<div class="where" data-where>${where}</div>` : nothing}
      ${e.frame ? html`<pre data-frame>${e.frame}</pre>` : nothing}
      <div class="note">${this.hasRender ? 'Showing the last good render below. Save a fix and this goes away.' : 'Save a fix and the preview updates.'}</div>
    </div>`;
  }
}
customElements.define('velvet-error-overlay', VelvetErrorOverlay);
