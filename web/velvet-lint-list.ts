import { LitElement, css, html, nothing } from 'lit';
import { findingStyles } from './shared-styles.js';
import type { Diagnostic, LintResponse } from '../src/preview/protocol.js';

/**
 * Lint findings of the current email, or why there are none to show. A finding in a file the
 * Source tab shows (the template, email.json) is a button: clicking it fires `velvet-check` with
 * it, and the app shows its line there (and its element in the frame when it has one).
 */
export class VelvetLintList extends LitElement {
  static override properties = {
    lint: { attribute: false },
    loading: { type: Boolean },
    files: { attribute: false },
  };
  declare lint: LintResponse | undefined;
  declare loading: boolean;
  /** The files the Source tab shows. */
  declare files: readonly string[];

  constructor() {
    super();
    this.loading = false;
    this.files = [];
  }

  #choose(d: Diagnostic): void {
    this.dispatchEvent(new CustomEvent<Diagnostic>('velvet-check', { detail: d, bubbles: true, composed: true }));
  }

  static override styles = [
    findingStyles,
    css`
      li > div.finding {
        padding: 8px 0;
        border-bottom: 1px solid var(--line);
        display: grid;
        grid-template-columns: auto 1fr;
        gap: 2px 10px;
      }
      .info {
        background: var(--line);
        color: var(--muted);
      }
    `,
  ];

  override render() {
    const l = this.lint;
    if (!l) return html`<p class="muted">${this.loading ? 'Linting…' : ''}</p>`;
    if (!l.available) return html`<p class="muted" data-lint-result="unavailable">Lint not available: ${l.reason}.</p>`;
    if ('error' in l) return html`<p class="error" data-lint-result="error">The linter failed: ${l.error.message}</p>`;
    if (l.diagnostics.length === 0) return html`<p class="muted" data-lint-result="clean">No lint findings. ✓</p>`;
    return html`<ul data-lint-result="findings">
      ${l.diagnostics.map((d) => {
        const body = html`<span class="sev ${d.severity}">${d.severity}</span>
          <span>${d.message}</span>
          <span class="where">${d.file}:${d.line}:${d.column} · ${d.ruleId}${d.fixture ? html` · fixture ${d.fixture}` : nothing}</span>`;
        return html`<li>
          ${this.files.includes(d.file)
            ? html`<button class="finding" data-finding title="Show in the Source tab" @click=${() => this.#choose(d)}>${body}</button>`
            : html`<div class="finding">${body}</div>`}
        </li>`;
      })}
    </ul>`;
  }
}
customElements.define('velvet-lint-list', VelvetLintList);
