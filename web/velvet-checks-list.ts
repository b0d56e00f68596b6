import { LitElement, css, html, nothing } from 'lit';
import { findingStyles } from './shared-styles.js';
import type { Diagnostic, LintResponse } from '../src/preview/protocol.js';
import { isCheckOf, outputIsOf } from './checks.js';

/**
 * The findings on the rendered output of the fixture shown (those with its label as `fixture`, or
 * with a place in the output), grouped by rule. Clicking one fires `velvet-check` with it: the app
 * highlights its element in the frame and its line in the Source tab.
 */
export class VelvetChecksList extends LitElement {
  static override properties = {
    lint: { attribute: false },
    loading: { type: Boolean },
    label: {},
    edited: { type: Boolean },
  };
  declare lint: LintResponse | undefined;
  declare loading: boolean;
  /** The fixture (and variant) shown, as lint labels its findings. */
  declare label: string;
  /** The payload editor overrides the fixture: the findings are still the fixture file's. */
  declare edited: boolean;

  constructor() {
    super();
    this.loading = false;
    this.label = '';
    this.edited = false;
  }

  static override styles = [
    findingStyles,
    css`
      h3 {
        font-size: 12.5px;
        margin: 12px 0 4px;
        font-family: var(--mono);
      }
      h3 .n {
        color: var(--muted);
        font-weight: 400;
      }
      .info {
        background: #eef2f7;
        color: #3b5b85;
      }
      .note {
        font-size: 12.5px;
      }
    `,
  ];

  #chosen: Diagnostic | undefined;

  /** The findings of the fixture shown, and how many other fixtures have. */
  #split(all: readonly Diagnostic[]): { mine: Diagnostic[]; others: number } {
    const output = all.filter((d) => d.fixture !== undefined || d.output !== undefined);
    const mine = output.filter((d) => isCheckOf(d, this.label));
    return { mine, others: output.length - mine.length };
  }

  #choose(d: Diagnostic): void {
    this.#chosen = d;
    this.requestUpdate();
    this.dispatchEvent(new CustomEvent<Diagnostic>('velvet-check', { detail: d, bubbles: true, composed: true }));
  }

  override render() {
    const l = this.lint;
    if (!l) return html`<p class="muted">${this.loading ? 'Checking…' : ''}</p>`;
    if (!l.available) return html`<p class="muted" data-checks-result="unavailable">Checks not available: ${l.reason}.</p>`;
    if ('error' in l) return html`<p class="error" data-checks-result="error">The checks failed: ${l.error.message}</p>`;
    const { mine, others } = this.#split(l.diagnostics);
    const note = html`${this.edited ? html`<p class="note muted">These are the checks of the fixture file; the edited payload is not checked.</p>` : nothing}
    ${others ? html`<p class="note muted" data-checks-others>${others} more in other fixtures (see the Lint tab).</p>` : nothing}`;
    if (!mine.length) return html`<p class="muted" data-checks-result="clean">No findings on the rendered email of ${this.label}. ✓</p>${note}`;
    const groups = new Map<string, Diagnostic[]>();
    for (const d of mine) groups.set(d.ruleId, [...(groups.get(d.ruleId) ?? []), d]);
    return html`<div data-checks-result="findings">
      ${[...groups].map(
        ([rule, list]) => html`<section data-rule=${rule}>
          <h3>${rule} <span class="n">${list.length}</span></h3>
          <ul>
            ${list.map(
              (d) => html`<li>
                <button class="finding" data-check aria-current=${d === this.#chosen ? 'true' : 'false'} @click=${() => this.#choose(d)}>
                  <span class="sev ${d.severity}">${d.severity}</span>
                  <span>${d.message}</span>
                  <span class="where">${d.file}:${d.line}:${d.column}${d.output && outputIsOf(d, this.label) ? ` · output line ${d.output.line}` : ''}</span>
                </button>
              </li>`,
            )}
          </ul>
        </section>`,
      )}
    </div>${note}`;
  }
}
customElements.define('velvet-checks-list', VelvetChecksList);
