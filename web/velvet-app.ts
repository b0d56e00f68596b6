import { LitElement, css, html, nothing } from 'lit';
import type { EmailSummary, ErrorInfo, LintResponse, RenderOk, RenderResult, SendRequest, SendState, SyncInfo } from '../src/preview/protocol.js';
import { ApiError, api, clientId } from './api.js';
import { subscribe } from './events.js';
import { controls } from './shared-styles.js';
import type { ListSelection } from './velvet-email-list.js';
import type { TabInfo } from './velvet-tabs.js';
import { PRESET_WIDTHS, type ViewSettings } from './velvet-toolbar.js';
import './velvet-code-view.js';
import './velvet-email-list.js';
import './velvet-error-overlay.js';
import './velvet-frame.js';
import './velvet-inbox-header.js';
import './velvet-lint-list.js';
import './velvet-payload-editor.js';
import './velvet-send-panel.js';
import './velvet-tabs.js';
import './velvet-toolbar.js';

type Tab = 'html' | 'text' | 'payload' | 'lint' | 'send';

/**
 * The preview application: owns the selection and the latest render, talks to the server
 * (HTTP for requests, `velvet:` HMR events for pushes) and lays out the other elements.
 */
export class VelvetApp extends LitElement {
  static override properties = {
    emails: { state: true },
    sel: { state: true },
    payload: { state: true },
    result: { state: true },
    error: { state: true },
    view: { state: true },
    tab: { state: true },
    lint: { state: true },
    lintLoading: { state: true },
    sendState: { state: true },
    sendBusy: { state: true },
    sendError: { state: true },
    saveStatus: { state: true },
    loadError: { state: true },
    sync: { state: true },
  };
  declare emails: EmailSummary[];
  declare sel: ListSelection | undefined;
  /** Edited payload text, when the editor overrides the fixture. */
  declare payload: string | undefined;
  /** The last good render: it stays visible under an error. */
  declare result: RenderOk | undefined;
  declare error: ErrorInfo | undefined;
  declare view: ViewSettings;
  declare tab: Tab;
  declare lint: LintResponse | undefined;
  declare lintLoading: boolean;
  declare sendState: SendState | undefined;
  declare sendBusy: boolean;
  declare sendError: string;
  declare saveStatus: string;
  declare loadError: string;
  /** Sync state per email, after the list's "Check Yespo". */
  declare sync: Record<string, SyncInfo> | undefined;

  #seq = 0;
  #inFlight = false;
  #again = false;
  #lintKey = '';
  #pendingFixture: ListSelection | undefined;
  #sendPushes = new Map<string, SendState>();
  #unsubscribe: (() => void) | undefined;

  constructor() {
    super();
    this.emails = [];
    this.view = loadView();
    this.tab = (localStorage.getItem('velvet.tab') as Tab | null) ?? 'html';
    this.lintLoading = false;
    this.sendBusy = false;
    this.sendError = '';
    this.saveStatus = '';
    this.loadError = '';
  }

  static override styles = [
    controls,
    css`
      :host {
        display: grid;
        grid-template-columns: 230px minmax(0, 1fr) 380px;
        grid-template-rows: auto minmax(0, 1fr);
        height: 100vh;
      }
      .top {
        grid-column: 1 / -1;
        display: flex;
        align-items: center;
        gap: 18px;
        padding: 8px 16px;
        background: var(--panel);
        border-bottom: 1px solid var(--line);
      }
      .brand {
        font-weight: 800;
        letter-spacing: -0.02em;
        font-size: 17px;
        color: var(--accent);
      }
      .crumb {
        color: var(--muted);
        font-size: 13px;
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
        min-width: 0;
        flex: 1;
      }
      velvet-email-list {
        background: var(--panel);
        border-right: 1px solid var(--line);
        min-height: 0;
      }
      main {
        display: flex;
        flex-direction: column;
        min-height: 0;
        min-width: 0;
      }
      velvet-inbox-header {
        padding: 12px 18px;
        background: var(--panel);
        border-bottom: 1px solid var(--line);
      }
      .viewport {
        position: relative;
        flex: 1;
        min-height: 0;
      }
      velvet-frame {
        height: 100%;
      }
      .empty {
        padding: 40px;
        color: var(--muted);
        text-align: center;
      }
      .side {
        background: var(--panel);
        border-left: 1px solid var(--line);
        min-height: 0;
        display: flex;
        flex-direction: column;
      }
      velvet-tabs {
        flex: 1;
      }
      .keys {
        font-size: 12px;
        color: var(--muted);
        padding: 6px 12px;
        border-top: 1px solid var(--line);
      }
      kbd {
        font: 11px var(--mono);
        border: 1px solid var(--line);
        border-bottom-width: 2px;
        border-radius: 4px;
        padding: 0 4px;
        background: #faf9f7;
      }
      .tags {
        padding: 8px 12px;
        font-size: 12.5px;
        color: var(--warn);
        border-bottom: 1px solid var(--line);
      }
    `,
  ];

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('keydown', this.#onKey);
    window.addEventListener('hashchange', this.#onHash);
    this.#unsubscribe = subscribe({
      'velvet:render': (push) => {
        if (push.clientId === clientId && push.seq > this.#seq) {
          this.#seq = push.seq;
          this.#apply(push.result);
        }
      },
      'velvet:emails': (emails) => this.#setEmails(emails),
      'velvet:send': (state) => {
        // a push can arrive before the POST that started the send has answered
        this.#sendPushes.set(state.id, state);
        if (state.id === this.sendState?.id) this.sendState = state;
      },
    });
    void this.#start();
  }

  override disconnectedCallback(): void {
    this.#unsubscribe?.();
    window.removeEventListener('keydown', this.#onKey);
    window.removeEventListener('hashchange', this.#onHash);
    super.disconnectedCallback();
  }

  async #start(): Promise<void> {
    try {
      this.#setEmails(await api.emails());
    } catch (err) {
      this.loadError = (err as Error).message;
      return;
    }
    const fromHash = parseHash();
    const first = this.emails[0];
    const sel = fromHash && this.emails.some((e) => e.name === fromHash.email) ? fromHash : first ? { email: first.name, fixture: first.fixtures[0]?.name } : undefined;
    if (sel) this.#select(sel);
  }

  #setEmails(emails: EmailSummary[]): void {
    this.emails = emails;
    const pending = this.#pendingFixture;
    if (pending && emails.find((e) => e.name === pending.email)?.fixtures.some((f) => f.name === pending.fixture)) {
      this.#pendingFixture = undefined;
      this.#select(pending);
      return;
    }
    if (this.sel && !emails.some((e) => e.name === this.sel?.email)) {
      const first = emails[0];
      this.#select(first ? { email: first.name, fixture: first.fixtures[0]?.name } : undefined);
    }
  }

  #select(sel: ListSelection | undefined): void {
    this.sel = sel;
    this.payload = undefined;
    this.saveStatus = '';
    if (sel && sel.email !== this.result?.email) this.lint = undefined;
    if (sel) history.replaceState(null, '', '#/' + [sel.email, sel.fixture ?? '', sel.variant ?? ''].map(encodeURIComponent).join('/'));
    void this.#render();
  }

  /** One request at a time; changes made meanwhile are sent once it returns. */
  async #render(): Promise<void> {
    if (!this.sel) {
      this.result = undefined;
      this.error = undefined;
      return;
    }
    if (this.#inFlight) {
      this.#again = true;
      return;
    }
    this.#inFlight = true;
    try {
      const { seq, result } = await api.render({ ...this.sel, payload: this.payload });
      if (seq > this.#seq) {
        this.#seq = seq;
        this.#apply(result);
      }
    } catch (err) {
      this.error = { name: 'Error', message: `The preview server did not answer: ${(err as Error).message}` };
    } finally {
      this.#inFlight = false;
    }
    if (this.#again) {
      this.#again = false;
      void this.#render();
    }
  }

  #apply(result: RenderResult): void {
    if (this.sel && result.email !== this.sel.email) return;
    if (result.ok) {
      this.result = result;
      this.error = undefined;
      if (this.sel && (this.sel.fixture !== result.fixture || this.sel.variant !== result.variant)) {
        this.sel = { ...this.sel, fixture: result.fixture, variant: result.variant };
      }
      if (this.tab === 'lint') void this.#loadLint(true);
    } else {
      this.error = result.error;
    }
  }

  async #loadLint(force = false): Promise<void> {
    const email = this.sel?.email;
    if (!email) return;
    const key = `${email}@${this.#seq}`;
    if (!force && key === this.#lintKey) return;
    this.#lintKey = key;
    this.lintLoading = true;
    try {
      const lint = await api.lint(email);
      if (this.sel?.email === email) this.lint = lint;
    } catch (err) {
      this.lint = { available: false, reason: (err as Error).message };
    } finally {
      this.lintLoading = false;
    }
  }

  #setTab(tab: Tab): void {
    this.tab = tab;
    localStorage.setItem('velvet.tab', tab);
    if (tab === 'lint') void this.#loadLint();
  }

  #setView(view: ViewSettings): void {
    this.view = view;
    localStorage.setItem('velvet.view', JSON.stringify(view));
  }

  async #saveFixture(e: CustomEvent<{ name: string; payload: string }>): Promise<void> {
    const email = this.sel?.email;
    if (!email) return;
    const req = { email, name: e.detail.name, payload: e.detail.payload, fixture: this.sel?.fixture };
    try {
      let saved: { name: string; file: string };
      try {
        saved = await api.saveFixture(req);
      } catch (err) {
        if (!(err instanceof ApiError && err.status === 409)) throw err;
        if (!confirm(`${err.message}. Replace it?`)) {
          this.saveStatus = 'Not saved: the file exists.';
          return;
        }
        saved = await api.saveFixture({ ...req, overwrite: true });
      }
      this.saveStatus = `Saved ${saved.file}`;
      this.#pendingFixture = { email, fixture: saved.name };
      this.#setEmails(this.emails);
    } catch (err) {
      this.saveStatus = `Not saved: ${(err as Error).message}`;
    }
  }

  async #send(e: CustomEvent<SendRequest>): Promise<void> {
    this.sendBusy = true;
    this.sendError = '';
    try {
      const state = await api.send(e.detail);
      this.sendState = this.#sendPushes.get(state.id) ?? state;
    } catch (err) {
      this.sendError = (err as Error).message;
    } finally {
      this.sendBusy = false;
    }
  }

  /** Every fixture variant of the current email, in list order. */
  #stops(): ListSelection[] {
    const email = this.emails.find((x) => x.name === this.sel?.email);
    if (!email) return [];
    return email.fixtures.flatMap((f) => (f.variants.length ? f.variants : [undefined]).map((v) => ({ email: email.name, fixture: f.name, variant: v })));
  }

  #onHash = (): void => {
    const sel = parseHash();
    if (sel && (sel.email !== this.sel?.email || sel.fixture !== this.sel?.fixture || sel.variant !== this.sel?.variant)) this.#select(sel);
  };

  #onKey = (e: KeyboardEvent): void => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const typing = e.composedPath().some((n) => n instanceof HTMLElement && /^(INPUT|TEXTAREA|SELECT)$/.test(n.tagName));
    if (typing) return;
    if (this.#shortcut(e.key)) e.preventDefault();
  };

  /** The keyboard shortcuts; also called with the keys pressed while the email frame has the focus. */
  #shortcut(key: string): boolean {
    const v = this.view;
    if (key === '1') this.#setView({ ...v, preset: 'desktop', width: PRESET_WIDTHS.desktop });
    else if (key === '2') this.#setView({ ...v, preset: 'mobile', width: PRESET_WIDTHS.mobile });
    else if (key === '3') this.#setView({ ...v, preset: 'custom' });
    else if (key === 'd') this.#setView({ ...v, dark: !v.dark });
    else if (key === 'j' || key === 'k') {
      const stops = this.#stops();
      const i = stops.findIndex((s) => s.fixture === this.sel?.fixture && (s.variant === undefined || s.variant === this.sel?.variant));
      const next = stops[(i + (key === 'j' ? 1 : -1) + stops.length) % stops.length];
      if (next) this.#select(next);
    } else return false;
    return true;
  }

  override render() {
    const r = this.result;
    const email = this.emails.find((x) => x.name === this.sel?.email);
    const lintCount = this.lint && this.lint.available && 'diagnostics' in this.lint ? String(this.lint.diagnostics.length) : undefined;
    const tabs: TabInfo[] = [
      { id: 'html', label: 'HTML' },
      { id: 'text', label: 'Text' },
      { id: 'payload', label: 'Payload' },
      { id: 'lint', label: 'Lint', badge: lintCount },
      { id: 'send', label: 'Send test' },
    ];
    const base = r ? `/__velvet/files/${r.dir.split('/').filter(Boolean).map(encodeURIComponent).join('/')}/` : '/';
    return html`
      <header class="top">
        <span class="brand">velvet</span>
        <span class="crumb" data-crumb>${this.sel ? `${this.sel.email}${this.sel.fixture ? ` · ${this.sel.fixture}` : ''}${this.sel.variant && this.sel.variant !== 'default' ? ` · ${this.sel.variant}` : ''}` : ''}</span>
        <velvet-toolbar .view=${this.view} .sizeBytes=${r?.sizeBytes} @velvet-view=${(e: CustomEvent<ViewSettings>) => this.#setView(e.detail)}></velvet-toolbar>
      </header>
      <velvet-email-list
        .emails=${this.emails}
        .email=${this.sel?.email}
        .fixture=${this.sel?.fixture}
        .variant=${this.sel?.variant}
        @velvet-select=${(e: CustomEvent<ListSelection>) => this.#select(e.detail)}
        @velvet-sync=${(e: CustomEvent<Record<string, SyncInfo>>) => (this.sync = e.detail)}
      ></velvet-email-list>
      <main>
        <velvet-inbox-header .subject=${r?.subject} .preheader=${r?.preheader} .from=${r?.from} .messageId=${r?.messageId} .syncState=${r ? this.sync?.[r.email]?.state : undefined}></velvet-inbox-header>
        <div class="viewport">
          ${this.loadError
            ? html`<p class="empty">The preview server did not answer: ${this.loadError}</p>`
            : this.emails.length === 0
              ? html`<p class="empty">No emails here yet: an email is a folder with an <code>email.html</code>.</p>`
              : nothing}
          <velvet-frame @velvet-frame-key=${(e: CustomEvent<string>) => this.#shortcut(e.detail)} .html=${r?.html} .doc=${r ? JSON.stringify([r.email, r.fixture ?? '', r.variant ?? '']) : ''} .base=${base} .width=${this.view.width} .dark=${this.view.dark}></velvet-frame>
          <velvet-error-overlay .error=${this.error} .hasRender=${Boolean(r)}></velvet-error-overlay>
        </div>
      </main>
      <section class="side" aria-label="Details">
        ${r && r.unknownMergeTags.length ? html`<div class="tags">Unknown merge tags: ${[...new Set(r.unknownMergeTags.map((t) => t.tag))].join(', ')}</div>` : nothing}
        <velvet-tabs .tabs=${tabs} .active=${this.tab} @velvet-tab=${(e: CustomEvent<string>) => this.#setTab(e.detail as Tab)}>
          <velvet-code-view slot="html" label="Rendered HTML" .text=${r?.html ?? ''}></velvet-code-view>
          <velvet-code-view slot="text" label="Plain text" .text=${r?.text ?? ''}></velvet-code-view>
          <velvet-payload-editor
            slot="payload"
            .payload=${r?.payload ?? ''}
            .edited=${this.payload !== undefined}
            .status=${this.saveStatus}
            @velvet-payload=${(e: CustomEvent<string>) => ((this.payload = e.detail), void this.#render())}
            @velvet-payload-reset=${() => ((this.payload = undefined), void this.#render())}
            @velvet-save-fixture=${this.#saveFixture}
          ></velvet-payload-editor>
          <velvet-lint-list slot="lint" .lint=${this.lint} .loading=${this.lintLoading}></velvet-lint-list>
          <velvet-send-panel
            slot="send"
            .email=${this.sel?.email ?? ''}
            .fixtures=${email?.fixtures.map((f) => f.name) ?? []}
            .fixture=${this.sel?.fixture}
            .state=${this.sendState}
            .busy=${this.sendBusy}
            .error=${this.sendError}
            @velvet-send=${this.#send}
          ></velvet-send-panel>
        </velvet-tabs>
        <div class="keys"><kbd>j</kbd>/<kbd>k</kbd> next/previous fixture · <kbd>1</kbd><kbd>2</kbd><kbd>3</kbd> width · <kbd>d</kbd> dark mode · <kbd>←</kbd><kbd>→</kbd> tabs</div>
      </section>
    `;
  }
}
customElements.define('velvet-app', VelvetApp);

function loadView(): ViewSettings {
  try {
    const v = JSON.parse(localStorage.getItem('velvet.view') ?? '') as Partial<ViewSettings>;
    if (typeof v.width === 'number' && (v.preset === 'desktop' || v.preset === 'mobile' || v.preset === 'custom')) {
      return { preset: v.preset, width: v.width, dark: v.dark === true };
    }
  } catch {
    // no saved view yet
  }
  return { preset: 'desktop', width: PRESET_WIDTHS.desktop, dark: false };
}

function parseHash(): ListSelection | undefined {
  const parts = location.hash.replace(/^#\/?/, '').split('/').map((p) => decodeURIComponent(p));
  const [email, fixture, variant] = parts;
  if (!email) return undefined;
  return { email, fixture: fixture || undefined, variant: variant || undefined };
}
