import { LitElement, css, html } from 'lit';
import type { CodeLanguage, CodeView } from './code-mirror.js';
import { loadCodeMirror } from './code-mirror-loader.js';
import { controls } from './shared-styles.js';

/**
 * Read-only text with a copy button: plain (the plain-text version) or, with `lang`, highlighted
 * in a CodeMirror view (the rendered HTML). Until CodeMirror has loaded the text shows plain.
 */
export class VelvetCodeView extends LitElement {
  static override properties = {
    text: {},
    label: {},
    lang: {},
    copied: { state: true },
    ready: { state: true },
  };
  declare text: string;
  declare label: string;
  /** Highlight as this language; '' shows plain text. */
  declare lang: '' | CodeLanguage;
  declare copied: boolean;
  declare ready: boolean;
  #view: CodeView | undefined;
  #loading = false;

  constructor() {
    super();
    this.text = '';
    this.label = '';
    this.lang = '';
    this.copied = false;
    this.ready = false;
  }

  static override styles = [
    controls,
    css`
      :host {
        display: block;
        position: relative;
        height: 100%;
      }
      pre {
        margin: 0;
        padding: 12px 14px 28px;
        white-space: pre-wrap;
        word-break: break-word;
        line-height: 1.5;
      }
      .cm {
        height: 100%;
      }
      button {
        position: absolute;
        z-index: 5;
        top: 8px;
        right: 16px;
        font-size: 12px;
      }
      :host(:not([lang])) button,
      :host([lang='']) button {
        position: sticky;
        float: right;
        margin: 8px 8px 0 0;
      }
      [hidden] {
        display: none;
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

  override updated(): void {
    if (!this.lang) return;
    if (this.#view) this.#view.setText(this.text);
    else if (!this.#loading) {
      this.#loading = true;
      void loadCodeMirror().then((cm) => {
        const parent = this.renderRoot.querySelector('.cm');
        if (!parent || !this.isConnected) return;
        this.#view = cm.createCodeView(parent, { lang: this.lang as CodeLanguage, text: this.text, label: this.label });
        this.ready = true;
      });
    }
  }

  override disconnectedCallback(): void {
    this.#view?.destroy();
    this.#view = undefined;
    this.#loading = false;
    this.ready = false;
    super.disconnectedCallback();
  }

  override render() {
    const plain = !this.lang || !this.ready;
    return html`<button @click=${this.#copy} aria-label="Copy ${this.label}">${this.copied ? 'Copied' : 'Copy'}</button>
      <pre tabindex="0" aria-label=${this.label} ?hidden=${!plain}>${plain ? this.text : ''}</pre>
      ${this.lang ? html`<div class="cm" ?hidden=${plain}></div>` : ''}`;
  }
}
customElements.define('velvet-code-view', VelvetCodeView);
