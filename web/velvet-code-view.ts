import { LitElement, css, html } from 'lit';
import { controls } from './shared-styles.js';

/** Read-only text (HTML source, plain text) with line numbers off and a copy button. */
export class VelvetCodeView extends LitElement {
  static override properties = {
    text: {},
    label: {},
    copied: { state: true },
  };
  declare text: string;
  declare label: string;
  declare copied: boolean;

  constructor() {
    super();
    this.text = '';
    this.label = '';
    this.copied = false;
  }

  static override styles = [
    controls,
    css`
      :host {
        display: block;
        position: relative;
      }
      pre {
        margin: 0;
        padding: 12px 14px 28px;
        white-space: pre-wrap;
        word-break: break-word;
        line-height: 1.5;
      }
      button {
        position: sticky;
        float: right;
        top: 8px;
        margin: 8px 8px 0 0;
        font-size: 12px;
      }
    `,
  ];

  async #copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.text);
      this.copied = true;
      setTimeout(() => (this.copied = false), 1200);
    } catch {
      // the clipboard is not available (e.g. no permission)
    }
  }

  override render() {
    return html`<button @click=${this.#copy} aria-label="Copy ${this.label}">${this.copied ? 'Copied' : 'Copy'}</button>
      <pre tabindex="0" aria-label=${this.label}>${this.text}</pre>`;
  }
}
customElements.define('velvet-code-view', VelvetCodeView);
