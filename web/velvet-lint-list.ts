import { LitElement, css, html, nothing } from 'lit';
import { findingStyles } from './shared-styles.js';
import type { LintResponse } from '../src/preview/protocol.js';

/** Lint findings of the current email, or why there are none to show. */
export class VelvetLintList extends LitElement {
  static override properties = {
    lint: { attribute: false },
    loading: { type: Boolean },
  };
  declare lint: LintResponse | undefined;
  declare loading: boolean;

  constructor() {
    super();
    this.loading = false;
  }

  static override styles = [
    findingStyles,
    css`
      :host {
        display: block;
        padding: 10px 12px;
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
      }
      li {
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
      ${l.diagnostics.map(
        (d) => html`<li>
          <span class="sev ${d.severity}">${d.severity}</span>
          <span>${d.message}</span>
          <span class="where">${d.file}:${d.line}:${d.column} · ${d.ruleId}${d.fixture ? html` · fixture ${d.fixture}` : nothing}</span>
        </li>`,
      )}
    </ul>`;
  }
}
customElements.define('velvet-lint-list', VelvetLintList);
