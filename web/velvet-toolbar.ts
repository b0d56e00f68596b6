import { LitElement, css, html } from 'lit';
import { GMAIL_CLIP_BYTES } from '../src/preview/protocol.js';
import { controls } from './shared-styles.js';

export type WidthPreset = 'desktop' | 'mobile' | 'custom';
export const PRESET_WIDTHS: Record<Exclude<WidthPreset, 'custom'>, number> = { desktop: 800, mobile: 375 };

export interface ViewSettings {
  preset: WidthPreset;
  width: number;
  dark: boolean;
}

/** Width presets, custom width, dark mode and the rendered size. Fires `velvet-view`. */
export class VelvetToolbar extends LitElement {
  static override properties = {
    view: { attribute: false },
    sizeBytes: { type: Number },
  };
  declare view: ViewSettings;
  declare sizeBytes: number | undefined;

  constructor() {
    super();
    this.view = { preset: 'desktop', width: 800, dark: false };
  }

  static override styles = [
    controls,
    css`
      :host {
        display: flex;
        align-items: center;
        gap: 14px;
        flex-wrap: wrap;
      }
      .group {
        display: inline-flex;
        gap: 0;
      }
      .group button {
        border-radius: 0;
        margin-left: -1px;
      }
      .group button:first-child {
        border-radius: 6px 0 0 6px;
      }
      .group button:last-child {
        border-radius: 0 6px 6px 0;
      }
      input[type='number'] {
        width: 78px;
      }
      label {
        display: inline-flex;
        align-items: center;
        gap: 6px;
      }
      .size {
        font-variant-numeric: tabular-nums;
        padding: 3px 9px;
        border-radius: 999px;
        background: #efede8;
        font-size: 12.5px;
      }
      .size.warn {
        background: var(--warn-soft);
        color: var(--warn);
        font-weight: 600;
      }
    `,
  ];

  #set(patch: Partial<ViewSettings>): void {
    const view = { ...this.view, ...patch };
    if (patch.preset && patch.preset !== 'custom') view.width = PRESET_WIDTHS[patch.preset];
    this.dispatchEvent(new CustomEvent<ViewSettings>('velvet-view', { detail: view, bubbles: true, composed: true }));
  }

  override render() {
    const v = this.view;
    const size = this.sizeBytes;
    const clipped = size !== undefined && size > GMAIL_CLIP_BYTES;
    return html`
      <div class="group" role="group" aria-label="Frame width">
        <button aria-pressed=${v.preset === 'desktop'} data-width="desktop" title="Desktop, 800 px (1)" @click=${() => this.#set({ preset: 'desktop' })}>Desktop</button>
        <button aria-pressed=${v.preset === 'mobile'} data-width="mobile" title="Mobile, 375 px (2)" @click=${() => this.#set({ preset: 'mobile' })}>Mobile</button>
        <button aria-pressed=${v.preset === 'custom'} data-width="custom" title="Custom width (3)" @click=${() => this.#set({ preset: 'custom' })}>Custom</button>
      </div>
      <label
        >Width
        <input
          type="number"
          min="200"
          max="2000"
          step="10"
          aria-label="Frame width in pixels"
          .value=${String(v.width)}
          @change=${(e: Event) => {
            const n = Number((e.target as HTMLInputElement).value);
            if (Number.isFinite(n) && n >= 200) this.#set({ preset: 'custom', width: Math.min(2000, Math.round(n)) });
          }}
        />px</label
      >
      <label title="Dark mode emulation (D)"><input type="checkbox" .checked=${v.dark} @change=${(e: Event) => this.#set({ dark: (e.target as HTMLInputElement).checked })} />Dark mode</label>
      ${size === undefined
        ? ''
        : html`<span class="size ${clipped ? 'warn' : ''}" data-size title=${clipped ? 'Gmail clips messages larger than 102 KB: the rest is behind a "View entire message" link' : 'Size of the rendered HTML'}
            >${(size / 1024).toFixed(1)} KB${clipped ? ' · Gmail will clip this' : ''}</span
          >`}
    `;
  }
}
customElements.define('velvet-toolbar', VelvetToolbar);
