import { LitElement, css, html, nothing } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import { createNonce, frameBootstrap } from './frame-bootstrap.js';

/**
 * The rendered email in a sandboxed frame (scripts only, no same-origin: nothing in a template
 * can reach the UI; the frame's CSP lets only its bootstrap script run). Re-renders of one
 * document (`doc`: the email, fixture and variant) are swapped into the same frame, so the scroll
 * position survives them; another `doc` gets a new frame, so no document ever receives the render
 * of another email or fixture. Fires `velvet-frame-shown` after each swap.
 */
export class VelvetFrame extends LitElement {
  static override properties = {
    html: { attribute: false },
    doc: {},
    base: {},
    width: { type: Number },
    dark: { type: Boolean },
    blockedLink: { state: true },
    room: { state: true },
  };
  /** The room the frame has (width and height inside the padding), measured by a ResizeObserver. */
  declare room: { width: number; height: number } | undefined;
  #observer: ResizeObserver | undefined;
  declare html: string | undefined;
  /** What the html belongs to (email, fixture, variant): a change gets a fresh frame document. */
  declare doc: string;
  /** A link of the email that was not opened because it points into the preview itself. */
  declare blockedLink: string | undefined;
  declare base: string;
  declare width: number;
  declare dark: boolean;

  /** The channel to the current frame document, once it proved it is the one velvet wrote. */
  #port: MessagePort | undefined;
  #version = 0;
  #shown = 0;
  /** Bumped to replace the frame: a new document with a new nonce. */
  #generation = 0;
  #nonce = createNonce();
  #srcdoc = frameBootstrap(this.#nonce);
  /** load events of the current frame: the first is the bootstrap, any later one a navigation. */
  #loads = 0;

  constructor() {
    super();
    this.doc = '';
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
      width: 100%;
    }
    .box {
      flex: none;
      position: relative;
      overflow: hidden;
      border-radius: 6px;
    }
    .scale {
      position: absolute;
      z-index: 1;
      top: 4px;
      right: 4px;
      font: 11px/1 system-ui, sans-serif;
      color: #6e6a62;
      background: #f6f5f2;
      padding: 1px 4px;
      border-radius: 4px;
    }
    iframe {
      border: 0;
      background: #fff;
      transform-origin: 0 0;
      display: block;
      box-shadow:
        0 1px 2px rgba(0, 0, 0, 0.06),
        0 6px 24px rgba(0, 0, 0, 0.08);
      border-radius: 6px;
    }
    .blocked {
      position: absolute;
      left: 50%;
      bottom: 16px;
      transform: translateX(-50%);
      max-width: min(680px, 90%);
      margin: 0;
      padding: 8px 12px;
      display: flex;
      gap: 10px;
      align-items: center;
      font: 13px/1.4 system-ui, sans-serif;
      background: #fff7e6;
      border: 1px solid #f0c36d;
      border-radius: 6px;
      box-shadow: 0 4px 16px rgba(0, 0, 0, 0.12);
      z-index: 2;
    }
    .blocked code {
      overflow-wrap: anywhere;
    }
    .blocked button {
      font: inherit;
      border: 0;
      background: none;
      cursor: pointer;
      padding: 0 4px;
    }
    iframe.dark {
      background: #121212;
      color-scheme: dark;
    }
  `;

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('message', this.#onMessage);
    this.#observer = new ResizeObserver(([entry]) => {
      if (!entry) return;
      const { width, height } = entry.contentRect;
      this.room = { width: Math.max(0, width - 2 * PAD), height: Math.max(0, height - 2 * PAD) };
    });
    this.#observer.observe(this);
  }

  override disconnectedCallback(): void {
    this.#observer?.disconnect();
    window.removeEventListener('message', this.#onMessage);
    super.disconnectedCallback();
  }

  get #frame(): HTMLIFrameElement | null {
    return this.renderRoot.querySelector('iframe');
  }

  /**
   * Only the ready message of the frame's own document counts: it comes from the frame's window,
   * carries the nonce written into that document and hands over the port that document created.
   * Everything after goes over that port, which dies with the document: a page that got into
   * the frame somehow never receives a render and cannot ask for a tab to be opened.
   */
  #onMessage = (event: MessageEvent): void => {
    const frame = this.#frame;
    if (!frame || event.source !== frame.contentWindow || this.#port) return;
    const m = event.data as { type?: string; nonce?: string };
    const port = event.ports[0];
    if (m?.type !== 'velvet:ready' || m.nonce !== this.#nonce || !port) return;
    this.#port = port;
    port.onmessage = (e: MessageEvent) => this.#onPortMessage(frame, e.data as PortMessage);
    this.#post();
  };

  #onPortMessage(frame: HTMLIFrameElement, m: PortMessage): void {
    if (frame !== this.#frame) return;
    if (m.type === 'velvet:shown' && typeof m.version === 'number') {
      this.#shown = m.version;
      frame.dataset['version'] = String(m.version);
      // a new render ends the highlight of a finding
      delete frame.dataset['highlighted'];
      this.dispatchEvent(new CustomEvent('velvet-frame-shown', { detail: m.version, bubbles: true, composed: true }));
    } else if (m.type === 'velvet:link' && typeof m.href === 'string') {
      this.#openLink(m.href);
    } else if (m.type === 'velvet:key' && typeof m.key === 'string') {
      this.dispatchEvent(new CustomEvent('velvet-frame-key', { detail: m.key, bubbles: true, composed: true }));
    } else if (m.type === 'velvet:highlighted' && typeof m.element === 'number') {
      frame.dataset['highlighted'] = m.found ? String(m.element) : '';
      this.dispatchEvent(new CustomEvent('velvet-frame-highlighted', { detail: { element: m.element, found: m.found === true }, bubbles: true, composed: true }));
    }
  }

  /**
   * Opens an http(s) link of the email in a new tab, unless it points into the preview itself:
   * a page opened there would run with the UI's origin and could read the session token.
   */
  #openLink(href: string): void {
    let url: URL;
    try {
      url = new URL(href);
    } catch {
      return;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return;
    if (isPreviewUrl(url)) {
      this.blockedLink = url.href;
      this.dispatchEvent(new CustomEvent('velvet-link-blocked', { detail: url.href, bubbles: true, composed: true }));
      return;
    }
    this.blockedLink = undefined;
    window.open(url.href, '_blank', 'noopener,noreferrer');
  }

  /** Throws the current frame document away; the next one reports ready and gets the render. */
  #replaceFrame(): void {
    this.#port?.close();
    this.#port = undefined;
    this.#loads = 0;
    this.#generation++;
    this.#nonce = createNonce();
    this.#srcdoc = frameBootstrap(this.#nonce);
  }

  /**
   * The frame left the bootstrap document (a template cannot navigate it, but should anything
   * manage to): what is there now must never get a render, so the frame is replaced.
   */
  #onLoad = (event: Event): void => {
    if (event.currentTarget !== this.#frame) return;
    this.#loads++;
    if (this.#loads > 1) {
      this.#replaceFrame();
      this.requestUpdate();
    }
  };

  #post(): void {
    if (!this.#port || this.html === undefined) return;
    this.#version++;
    this.#port.postMessage({ type: 'velvet:show', html: this.html, base: new URL(this.base, location.href).href, dark: this.dark, version: this.#version });
  }

  override willUpdate(changed: Map<string, unknown>): void {
    if (changed.has('doc') && changed.get('doc') !== undefined) {
      this.#replaceFrame();
      this.blockedLink = undefined;
    }
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('html') || changed.has('base') || changed.has('doc')) this.#post();
    else if (changed.has('dark')) this.#port?.postMessage({ type: 'velvet:dark', dark: this.dark });
  }

  /**
   * Outlines element `index` of the render shown (document order, as findings give it) and
   * scrolls to it; null clears. The frame answers with `velvet-frame-highlighted`.
   */
  highlight(index: number | null): void {
    this.#port?.postMessage({ type: 'velvet:highlight', element: index });
  }

  /** Number of the last render the frame has shown. */
  get shownVersion(): number {
    return this.#shown;
  }

  /**
   * The frame is never cut off: when the room is narrower than the chosen width, the email is
   * laid out at that width and scaled down to fit (the label says by how much).
   */
  #fit(): { scale: number; height: number } {
    const room = this.room;
    if (!room || room.width <= 0) return { scale: 1, height: 0 };
    const scale = Math.min(1, room.width / this.width);
    return { scale, height: Math.max(room.height, 200) };
  }

  override render() {
    const { scale, height } = this.#fit();
    const box = height ? `width: ${Math.floor(this.width * scale)}px; height: ${height}px` : `width: ${this.width}px; height: 100%`;
    const frame = height
      ? `width: ${this.width}px; height: ${Math.ceil(height / scale)}px; transform: scale(${scale})`
      : `width: ${this.width}px; height: 100%`;
    return html`<div class="stage">
      <div class="box" style=${box}>
      ${scale < 1 ? html`<span class="scale" data-scale title="The email is ${this.width} px wide; shown smaller to fit">${Math.round(scale * 100)}%</span>` : nothing}
      ${keyed(
        `${this.doc}\n${this.#generation}`,
        html`<iframe
          title="Rendered email"
          sandbox="allow-scripts"
          class=${this.dark ? 'dark' : ''}
          style=${frame}
          .srcdoc=${this.#srcdoc}
          @load=${this.#onLoad}
        ></iframe>`,
      )}
      </div>
      ${this.blockedLink
        ? html`<p class="blocked" role="status" data-blocked-link>
            <span>Not opened: <code>${this.blockedLink}</code> points into the preview itself.</span>
            <button type="button" aria-label="Dismiss" @click=${() => (this.blockedLink = undefined)}>×</button>
          </p>`
        : nothing}
    </div>`;
  }
}

/** What the frame document says over its port. */
interface PortMessage {
  type?: string;
  version?: number;
  href?: string;
  key?: string;
  element?: number;
  found?: boolean;
}

/** Padding around the frame, px (the .stage padding). */
const PAD = 12;

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '0.0.0.0']);

function portOf(url: URL | Location): string {
  return url.port || (url.protocol === 'https:' ? '443' : '80');
}

/** True for a URL served by this preview: its own origin, or another loopback name on its port. */
export function isPreviewUrl(url: URL): boolean {
  if (url.origin === location.origin) return true;
  if (portOf(url) !== portOf(location)) return false;
  const host = url.hostname.toLowerCase();
  return host === location.hostname.toLowerCase() || LOOPBACK.has(host) || /^127\./.test(host) || host.endsWith('.localhost');
}
customElements.define('velvet-frame', VelvetFrame);
