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
    shown: {},
    selected: {},
  };
  declare error: ErrorInfo | undefined;
  declare hasRender: boolean;
  /** What the last good render below shows (e.g. its fixture), and what is selected now. */
  declare shown: string;
  declare selected: string;

  constructor() {
    super();
    this.hasRender = false;
    this.shown = '';
    this.selected = '';
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
      font-size: 12px;
      letter-spacing: 0.02em;
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

  #note(): string {
    if (!this.hasRender) return 'Save a fix and the preview updates.';
    if (this.shown && this.selected && this.shown !== this.selected) {
      return `Showing the last good render of ${this.shown} below, not ${this.selected}: that one renders once this is fixed.`;
    }
    return 'Showing the last good render below. Save a fix and this goes away.';
  }

  override render() {
    const e = this.error;
    if (!e) return nothing;
    const where = e.file ? `${e.file}${e.line !== undefined ? `:${e.line}:${e.column ?? 1}` : ''}` : '';
    return html`<div class="box" role="alert" data-error-overlay>
      <div class="kind" data-kind>${kindLabel(e.name)}</div>
      <div class="message" data-message>${e.message}</div>
      ${where ? html`<div class="where" data-where>${where}</div>` : nothing}
      ${e.frame ? html`<pre data-frame>${e.frame}</pre>` : nothing}
      <div class="note" data-note>${this.#note()}</div>
    </div>`;
  }
}
customElements.define('velvet-error-overlay', VelvetErrorOverlay);

/** `ParseError` → "Parse error": the error class as words. */
export function kindLabel(name: string): string {
  const words = name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
