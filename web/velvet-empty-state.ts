import { LitElement, css, html } from 'lit';

/** What to do in a project without emails yet; the first email that appears is opened at once. */
export class VelvetEmptyState extends LitElement {
  static override styles = css`
    :host {
      display: block;
      overflow: auto;
      padding: 32px 40px;
      color: var(--text);
    }
    h2 {
      margin: 0 0 8px;
      font-size: 18px;
    }
    p,
    li {
      color: var(--muted);
      max-width: 60ch;
    }
    pre {
      background: #fff;
      border: 1px solid var(--line);
      border-radius: 6px;
      padding: 10px 12px;
      font: 12.5px/1.5 var(--mono);
      overflow: auto;
    }
    code {
      font-family: var(--mono);
    }
  `;

  override render() {
    return html`<section data-empty-state aria-label="No emails yet">
      <h2>No emails here yet</h2>
      <p>An email is a folder with an <code>email.html</code> (its Velocity template), an optional <code>email.json</code> (subject, preheader, message id) and sample payloads in <code>data/*.json</code>. Email folders go in the folder that <code>"emails"</code> in <code>velvet.config.json</code> names.</p>
      <p>Start one from the terminal, in the project folder:</p>
      <pre>velvet new welcome                       # a starter email that lints clean
velvet new welcome --from exported.html  # a template copied out of Yespo's editor</pre>
      <p>It shows up here the moment its <code>email.html</code> is saved; there is no need to restart the preview.</p>
    </section>`;
  }
}
customElements.define('velvet-empty-state', VelvetEmptyState);
