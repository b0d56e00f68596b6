import { LitElement, css, html } from 'lit';
import { FRAME_BOOTSTRAP } from './frame-bootstrap.js';

/**
 * The rendered email in a sandboxed frame (scripts only, no same-origin: nothing in a template
 * can reach the UI). The frame keeps one bootstrap document and swaps renders into it, so the
 * scroll position survives every update. Fires `velvet-frame-shown` after each swap.
 */
export class VelvetFrame extends LitElement {
  static override properties = {
    html: { attribute: false },
    base: {},
    width: { type: Number },
    dark: { type: Boolean },
  };
  declare html: string | undefined;
  declare base: string;
  declare width: number;
  declare dark: boolean;

  #ready = false;
  #version = 0;
  #shown = 0;

  constructor() {
    super();
    this.base = '/';
    this.width = 800;
    this.dark = false;
  }

  static override styles = css`
    :host {
      display: block;
      overflow: auto;
      height: 100%;
    }
    .stage {
      height: 100%;
      display: flex;
      justify-content: center;
      padding: 12px;
      box-sizing: border-box;
      width: max-content;
      min-width: 100%;
    }
    iframe {
      border: 0;
      background: #fff;
      height: 100%;
      min-height: 360px;
      box-shadow:
        0 1px 2px rgba(0, 0, 0, 0.06),
        0 6px 24px rgba(0, 0, 0, 0.08);
      border-radius: 6px;
      transition: width 0.15s ease;
    }
    iframe.dark {
      background: #121212;
      color-scheme: dark;
    }
  `;

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('message', this.#onMessage);
  }

  override disconnectedCallback(): void {
    window.removeEventListener('message', this.#onMessage);
    super.disconnectedCallback();
  }

  get #frame(): HTMLIFrameElement | null {
    return this.renderRoot.querySelector('iframe');
  }

  #onMessage = (event: MessageEvent): void => {
    const frame = this.#frame;
    if (!frame || event.source !== frame.contentWindow) return;
    const m = event.data as { type?: string; version?: number; href?: string };
    if (m.type === 'velvet:ready') {
      this.#ready = true;
      this.#post();
    } else if (m.type === 'velvet:shown' && typeof m.version === 'number') {
      this.#shown = m.version;
      frame.dataset['version'] = String(m.version);
      this.dispatchEvent(new CustomEvent('velvet-frame-shown', { detail: m.version, bubbles: true, composed: true }));
    } else if (m.type === 'velvet:link' && typeof m.href === 'string' && /^https?:/i.test(m.href)) {
      window.open(m.href, '_blank', 'noopener,noreferrer');
    }
  };

  #post(): void {
    const win = this.#frame?.contentWindow;
    if (!this.#ready || !win || this.html === undefined) return;
    this.#version++;
    win.postMessage({ type: 'velvet:show', html: this.html, base: new URL(this.base, location.href).href, dark: this.dark, version: this.#version }, '*');
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('html') || changed.has('base')) this.#post();
    else if (changed.has('dark')) this.#frame?.contentWindow?.postMessage({ type: 'velvet:dark', dark: this.dark }, '*');
  }

  /** Number of the last render the frame has shown. */
  get shownVersion(): number {
    return this.#shown;
  }

  override render() {
    return html`<div class="stage">
      <iframe
        title="Rendered email"
        sandbox="allow-scripts"
        class=${this.dark ? 'dark' : ''}
        style="width: ${this.width}px"
        .srcdoc=${FRAME_BOOTSTRAP}
      ></iframe>
    </div>`;
  }
}
customElements.define('velvet-frame', VelvetFrame);
