import type { ReactiveController, ReactiveControllerHost } from 'lit';

export type Panel = 'list' | 'side';

interface Saved {
  list?: number | undefined;
  side?: number | undefined;
  listOpen?: boolean | undefined;
  sideOpen?: boolean | undefined;
}

const KEY = 'velvet.layout';
const LIMITS: Record<Panel, { min: number; max: number }> = { list: { min: 150, max: 480 }, side: { min: 200, max: 760 } };

/**
 * The widths of the email list and the side panel: dragged by their edges, collapsed and
 * restored from the top bar, kept in localStorage. Until the user drags, the widths follow the
 * window (narrower on a laptop), so the email keeps as much room as it can.
 */
export class LayoutController implements ReactiveController {
  #host: ReactiveControllerHost & HTMLElement;
  #saved: Saved;

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.#host = host;
    host.addController(this);
    try {
      this.#saved = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Saved;
    } catch {
      this.#saved = {};
    }
  }

  hostConnected(): void {
    window.addEventListener('resize', this.#onResize);
  }

  hostDisconnected(): void {
    window.removeEventListener('resize', this.#onResize);
  }

  #onResize = (): void => this.#host.requestUpdate();

  open(panel: Panel): boolean {
    return (panel === 'list' ? this.#saved.listOpen : this.#saved.sideOpen) !== false;
  }

  /** The panel's width in px (0 when collapsed). */
  width(panel: Panel): number {
    if (!this.open(panel)) return 0;
    const set = this.#saved[panel];
    if (set !== undefined) return set;
    const w = window.innerWidth;
    return panel === 'list' ? clamp(Math.round(w * 0.17), 170, 230) : clamp(Math.round(w * 0.28), 280, 380);
  }

  /** The grid columns of the app: list, email, side. */
  columns(): string {
    return `${this.width('list')}px minmax(0, 1fr) ${this.width('side')}px`;
  }

  toggle(panel: Panel): void {
    if (panel === 'list') this.#saved.listOpen = !this.open('list');
    else this.#saved.sideOpen = !this.open('side');
    this.#save();
  }

  /** Starts dragging the inner edge of `panel` (the list's right edge, the side panel's left edge). */
  startResize(panel: Panel, event: PointerEvent): void {
    const handle = event.currentTarget as HTMLElement;
    handle.setPointerCapture(event.pointerId);
    const x0 = event.clientX;
    const w0 = this.width(panel);
    const move = (e: PointerEvent): void => {
      const dx = e.clientX - x0;
      const { min, max } = LIMITS[panel];
      this.#saved[panel] = clamp(panel === 'list' ? w0 + dx : w0 - dx, min, Math.min(max, window.innerWidth - 320));
      this.#host.requestUpdate();
    };
    const up = (): void => {
      handle.removeEventListener('pointermove', move);
      handle.removeEventListener('pointerup', up);
      handle.removeEventListener('pointercancel', up);
      this.#save();
    };
    handle.addEventListener('pointermove', move);
    handle.addEventListener('pointerup', up);
    handle.addEventListener('pointercancel', up);
    event.preventDefault();
  }

  /** Keyboard resizing of a focused edge: arrow keys move it by 20 px. */
  keyResize(panel: Panel, event: KeyboardEvent): void {
    const step = event.key === 'ArrowLeft' ? -20 : event.key === 'ArrowRight' ? 20 : 0;
    if (!step) return;
    const { min, max } = LIMITS[panel];
    this.#saved[panel] = clamp(this.width(panel) + (panel === 'list' ? step : -step), min, max);
    this.#save();
    event.preventDefault();
  }

  #save(): void {
    localStorage.setItem(KEY, JSON.stringify(this.#saved));
    this.#host.requestUpdate();
  }
}

function clamp(n: number, min: number, max: number): number {
  return Math.max(min, Math.min(max, n));
}
