import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { LintResponse, SourceResponse } from '../src/preview/protocol.js';
import { api } from './api.js';

/**
 * The lint findings and the template sources of the open email, for the Lint, Checks and Source
 * tabs: loaded when a tab needs them, again after each render (findings) and pushed anew by the
 * server after a save (sources).
 */
export class FindingsController implements ReactiveController {
  lint: LintResponse | undefined;
  loading = false;
  source: SourceResponse | undefined;
  #lintKey = '';
  #sourceFor = '';

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** Another email is open: what was loaded for the last one goes. */
  forget(email: string | undefined): void {
    if (this.source && this.source.email !== email) this.source = undefined;
    if (this.#sourceFor !== email) this.#sourceFor = '';
    this.lint = undefined;
    this.#lintKey = '';
    this.host.requestUpdate();
  }

  /** Lints `email` unless it was linted at this render (`seq`) already, or `force`. */
  async loadLint(email: string, seq: number, force = false, current: () => string | undefined = () => email): Promise<void> {
    const key = `${email}@${seq}`;
    if (!force && key === this.#lintKey) return;
    this.#lintKey = key;
    this.loading = true;
    this.host.requestUpdate();
    try {
      const lint = await api.lint(email);
      if (current() === email) this.lint = lint;
    } catch (err) {
      this.lint = { available: false, reason: (err as Error).message };
    } finally {
      this.loading = false;
      this.host.requestUpdate();
    }
  }

  /** Reads the sources of `email` once; later changes arrive as `velvet:source` (see `pushed`). */
  async loadSource(email: string, current: () => string | undefined = () => email): Promise<void> {
    if (this.#sourceFor === email) return;
    this.#sourceFor = email;
    try {
      const source = await api.source(email);
      if (current() === email) this.source = source;
    } catch {
      this.#sourceFor = '';
    }
    this.host.requestUpdate();
  }

  /** A `velvet:source` push: kept when it is the open email's. */
  pushed(source: SourceResponse, email: string | undefined): boolean {
    if (source.email !== email) return false;
    this.source = source;
    this.#sourceFor = email;
    this.host.requestUpdate();
    return true;
  }
}
