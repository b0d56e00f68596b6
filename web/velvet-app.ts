import { LitElement, html, nothing } from 'lit';
import { appStyles } from './velvet-app-styles.js';
import type { Diagnostic, EmailSummary, ErrorInfo, RenderOk, RenderResult, SendRequest, SendSettingsInfo, SendState, SyncInfo } from '../src/preview/protocol.js';
import { ApiError, api, clientId } from './api.js';
import { subscribe } from './events.js';
import { controls } from './shared-styles.js';
import type { ListSelection } from './velvet-email-list.js';
import type { TabInfo } from './velvet-tabs.js';
import { PRESET_WIDTHS, type ViewSettings } from './velvet-toolbar.js';
import { LayoutController, type Panel } from './layout-controller.js';
import { FindingsController } from './findings-controller.js';
import type { VelvetFrame } from './velvet-frame.js';
import type { SourceTarget } from './velvet-source-view.js';
import { isCheckOf, outputIsOf } from './checks.js';
import './velvet-checks-list.js';
import './velvet-code-view.js';
import './velvet-empty-state.js';
import './velvet-email-list.js';
import './velvet-error-overlay.js';
import './velvet-frame.js';
import './velvet-inbox-header.js';
import './velvet-lint-list.js';
import './velvet-payload-editor.js';
import './velvet-send-panel.js';
import './velvet-source-view.js';
import './velvet-tabs.js';
import './velvet-toolbar.js';

type Tab = 'html' | 'source' | 'text' | 'payload' | 'checks' | 'lint' | 'send';

/** The tabs that show lint findings: they are linted again after each render. */
const LINTED: ReadonlySet<Tab> = new Set(['lint', 'checks', 'source']);

/** The name lint gives a render without fixtures (src/lint/render.ts). */
const EMPTY_PAYLOAD = '(empty payload)';

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
    target: { state: true },
    sendState: { state: true },
    sendSettings: { state: true },
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
  /** Where the Source tab is to go (a check was clicked). */
  declare target: SourceTarget | undefined;
  declare sendState: SendState | undefined;
  declare sendSettings: (SendSettingsInfo & { email: string }) | undefined;
  declare sendBusy: boolean;
  declare sendError: string;
  declare saveStatus: string;
  declare loadError: string;
  /** Sync state per email, after the list's "Check Yespo". */
  declare sync: Record<string, SyncInfo> | undefined;

  #layout = new LayoutController(this);
  #findings = new FindingsController(this);
  #targetSeq = 0;
  /** The first email list has been handled (the selection from the address came first). */
  #started = false;
  #seq = 0;
  #inFlight = false;
  #again = false;
  #pendingFixture: ListSelection | undefined;
  #sendPushes = new Map<string, SendState>();
  #unsubscribe: (() => void) | undefined;

  constructor() {
    super();
    this.emails = [];
    this.view = loadView();
    this.tab = (localStorage.getItem('velvet.tab') as Tab | null) ?? 'html';
    this.sendBusy = false;
    this.sendError = '';
    this.saveStatus = '';
    this.loadError = '';
  }

  static override styles = [controls, appStyles];

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
      'velvet:text': (push) => {
        if (push.clientId === clientId && push.seq === this.#seq && this.result?.textPending) {
          this.result = { ...this.result, text: push.text, textPending: false };
        }
      },
      'velvet:emails': (emails) => this.#setEmails(emails),
      // a save of the template: the Source tab follows, and so do the findings (a change that
      // leaves the render as it was, a comment say, still moves the lines)
      'velvet:source': (source) => {
        if (this.#findings.pushed(source, this.sel?.email) && LINTED.has(this.tab)) void this.#loadLint(true);
      },
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
    this.#started = true;
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
    // the first email that appears (in an empty project, say) is opened at once
    if (this.#started && !this.sel && !this.loadError && emails[0]) {
      this.#select({ email: emails[0].name, fixture: emails[0].fixtures[0]?.name });
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
    if (sel && sel.email !== this.result?.email) this.#findings.forget(sel.email);
    if (sel && (this.tab === 'source' || this.tab === 'lint')) void this.#loadSource();
    if (sel && sel.email !== this.sendSettings?.email) this.sendSettings = undefined;
    if (sel && this.tab === 'send') void this.#loadSendSettings();
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
    } else {
      this.error = result.error;
    }
    // the findings follow every render, the failed ones too (a syntax error is a finding)
    if (LINTED.has(this.tab)) void this.#loadLint(true);
  }

  #loadLint(force = false): Promise<void> {
    const email = this.sel?.email;
    return email ? this.#findings.loadLint(email, this.#seq, force, () => this.sel?.email) : Promise.resolve();
  }

  #loadSource(): Promise<void> {
    const email = this.sel?.email;
    return email ? this.#findings.loadSource(email, () => this.sel?.email) : Promise.resolve();
  }

  /** A check (or a lint finding) was clicked: its element outlined in the frame, its line in the Source tab. */
  #showCheck(d: Diagnostic): void {
    const frame = this.renderRoot.querySelector<VelvetFrame>('velvet-frame');
    // the element index is one of the render the finding was placed in
    frame?.highlight(outputIsOf(d, this.#fixtureLabel(this.emails.find((x) => x.name === this.sel?.email))) ? (d.output?.element ?? null) : null);
    this.target = { file: d.file, line: d.line, column: d.column, seq: ++this.#targetSeq };
    this.#setTab('source');
  }

  /** The fixture shown as lint labels its findings: "fixture", or "fixture/variant" when it has several. */
  #fixtureLabel(email: EmailSummary | undefined): string {
    const r = this.result;
    if (!r || r.fixture === undefined) return EMPTY_PAYLOAD;
    const variants = email?.fixtures.find((f) => f.name === r.fixture)?.variants.length ?? 0;
    return variants > 1 && r.variant ? `${r.fixture}/${r.variant}` : r.fixture;
  }

  #setTab(tab: Tab): void {
    this.tab = tab;
    localStorage.setItem('velvet.tab', tab);
    if (LINTED.has(tab)) void this.#loadLint();
    // the Lint tab links its findings to the Source tab's files
    if (tab === 'source' || tab === 'lint') void this.#loadSource();
    if (tab === 'send') void this.#loadSendSettings();
  }

  /** The settings a send would use (key set or not, carrier, message id), read afresh. */
  async #loadSendSettings(): Promise<void> {
    const email = this.sel?.email;
    if (!email) return;
    try {
      const settings = await api.sendSettings(email);
      if (this.sel?.email === email) this.sendSettings = { ...settings, email };
    } catch (err) {
      this.sendSettings = { email, apiKey: false, apiUrl: '', carrierMessageId: null, messageId: null, allow: [], allowSource: 'none', subjectPrefix: '', problem: (err as Error).message };
    }
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
    const typing = e.composedPath().some((n) => n instanceof HTMLElement && (/^(INPUT|TEXTAREA|SELECT)$/.test(n.tagName) || n.isContentEditable));
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

  override willUpdate(): void {
    this.style.gridTemplateColumns = this.#layout.columns();
  }

  override render() {
    const r = this.result;
    const email = this.emails.find((x) => x.name === this.sel?.email);
    const lint = this.#findings.lint;
    const diagnostics = lint && lint.available && 'diagnostics' in lint ? lint.diagnostics : undefined;
    const fixtureLabel = this.#fixtureLabel(email);
    const checks = diagnostics?.filter((d) => isCheckOf(d, fixtureLabel));
    const tabs: TabInfo[] = [
      { id: 'html', label: 'HTML' },
      { id: 'source', label: 'Source' },
      { id: 'text', label: 'Text' },
      { id: 'payload', label: 'Payload' },
      { id: 'checks', label: 'Checks', badge: checks ? String(checks.length) : undefined },
      { id: 'lint', label: 'Lint', badge: diagnostics ? String(diagnostics.length) : undefined },
      { id: 'send', label: 'Send test' },
    ];
    const base = r ? `/__velvet/files/${r.dir.split('/').filter(Boolean).map(encodeURIComponent).join('/')}/` : '/';
    const empty = this.emails.length === 0 && !this.loadError;
    const toggle = (panel: Panel, text: string) =>
      html`<button data-collapse=${panel} aria-pressed=${this.#layout.open(panel) ? 'true' : 'false'} title="Show or hide the ${text.toLowerCase()} panel" @click=${() => this.#layout.toggle(panel)}>${text}</button>`;
    const handle = (panel: Panel) =>
      this.#layout.open(panel)
        ? html`<div
            class="handle ${panel}"
            data-resize=${panel}
            role="separator"
            aria-orientation="vertical"
            aria-label="Resize the ${panel === 'list' ? 'email list' : 'details panel'}"
            tabindex="0"
            @pointerdown=${(e: PointerEvent) => this.#layout.startResize(panel, e)}
            @keydown=${(e: KeyboardEvent) => this.#layout.keyResize(panel, e)}
          ></div>`
        : nothing;
    return html`
      <header class="top">
        <span class="panels">${toggle('list', 'Emails')}${toggle('side', 'Details')}</span>
        <span class="brand">velvet</span>
        <span class="crumb" data-crumb>${this.sel ? `${this.sel.email}${this.sel.fixture ? ` · ${this.sel.fixture}` : ''}${this.sel.variant && this.sel.variant !== 'default' ? ` · ${this.sel.variant}` : ''}` : ''}</span>
        <velvet-toolbar .view=${this.view} .sizeBytes=${r?.sizeBytes} @velvet-view=${(e: CustomEvent<ViewSettings>) => this.#setView(e.detail)}></velvet-toolbar>
      </header>
      <velvet-email-list
        ?hidden=${!this.#layout.open('list')}
        .emails=${this.emails}
        .email=${this.sel?.email}
        .fixture=${this.sel?.fixture}
        .variant=${this.sel?.variant}
        @velvet-select=${(e: CustomEvent<ListSelection>) => this.#select(e.detail)}
        @velvet-sync=${(e: CustomEvent<Record<string, SyncInfo>>) => (this.sync = e.detail)}
      ></velvet-email-list>
      <main>
        ${handle('list')}${handle('side')}
        <velvet-inbox-header ?hidden=${empty} .subject=${r?.subject} .preheader=${r?.preheader} .from=${r?.from} .messageId=${r?.messageId} .syncState=${r ? this.sync?.[r.email]?.state : undefined}></velvet-inbox-header>
        <div class="viewport">
          ${this.loadError ? html`<p class="empty">The preview server did not answer: ${this.loadError}</p>` : nothing}
          ${empty ? html`<velvet-empty-state></velvet-empty-state>` : nothing}
          <velvet-frame
            ?hidden=${empty}
            @velvet-frame-key=${(e: CustomEvent<string>) => this.#shortcut(e.detail)}
            .html=${r?.html}
            .doc=${r ? JSON.stringify([r.email, r.fixture ?? '', r.variant ?? '']) : ''}
            .base=${base}
            .width=${this.view.width}
            .dark=${this.view.dark}
          ></velvet-frame>
          <velvet-error-overlay .error=${this.error} .hasRender=${Boolean(r)} .shown=${r ? label(r) : ''} .selected=${this.sel ? label(this.sel) : ''}></velvet-error-overlay>
        </div>
      </main>
      <section class="side" aria-label="Details" ?hidden=${!this.#layout.open('side')}>
        ${r && r.unknownMergeTags.length ? html`<div class="tags">Unknown merge tags: ${[...new Set(r.unknownMergeTags.map((t) => t.tag))].join(', ')}</div>` : nothing}
        <velvet-tabs .tabs=${tabs} .active=${this.tab} @velvet-tab=${(e: CustomEvent<string>) => this.#setTab(e.detail as Tab)}>
          <velvet-code-view slot="html" label="Rendered HTML" lang="html" .text=${r?.html ?? ''}></velvet-code-view>
          <velvet-source-view slot="source" .source=${this.#findings.source} .diagnostics=${diagnostics ?? []} .target=${this.target}></velvet-source-view>
          <velvet-code-view slot="text" label="Plain text" .text=${r?.textPending ? 'Making the plain text…' : (r?.text ?? '')}></velvet-code-view>
          <velvet-payload-editor
            slot="payload"
            .payload=${r?.payload ?? ''}
            .edited=${this.payload !== undefined}
            .status=${this.saveStatus}
            @velvet-payload=${(e: CustomEvent<string>) => ((this.payload = e.detail), void this.#render())}
            @velvet-payload-reset=${() => ((this.payload = undefined), void this.#render())}
            @velvet-save-fixture=${this.#saveFixture}
          ></velvet-payload-editor>
          <velvet-checks-list
            slot="checks"
            .lint=${lint}
            .loading=${this.#findings.loading}
            .label=${fixtureLabel}
            .edited=${this.payload !== undefined}
            @velvet-check=${(e: CustomEvent<Diagnostic>) => this.#showCheck(e.detail)}
          ></velvet-checks-list>
          <velvet-lint-list
            slot="lint"
            .lint=${lint}
            .loading=${this.#findings.loading}
            .files=${this.#findings.source?.files.map((f) => f.file) ?? []}
            @velvet-check=${(e: CustomEvent<Diagnostic>) => this.#showCheck(e.detail)}
          ></velvet-lint-list>
          <velvet-send-panel
            slot="send"
            .email=${this.sel?.email ?? ''}
            .fixtures=${email?.fixtures.map((f) => f.name) ?? []}
            .fixture=${r?.fixture ?? this.sel?.fixture}
            .variant=${r?.variant}
            .payload=${this.payload}
            .settings=${this.sendSettings}
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

/** A render or selection in words: its fixture, and the variant when there are several. */
function label(s: { email: string; fixture?: string | undefined; variant?: string | undefined }): string {
  const parts = [s.fixture ?? s.email];
  if (s.variant && s.variant !== 'default') parts.push(s.variant);
  return parts.join(' · ');
}

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
