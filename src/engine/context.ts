/**
 * A render's variables. Each name has one cell for the whole render, made when the name is first
 * set or read, so a compiled reference finds its variable's cell once per render and then reads
 * it without hashing the name again (see `cellAt` in evaluator.ts). A removed variable keeps its
 * cell, empty, so a cell found before stays the variable's.
 */
import type { Value } from './values.js';

export class Cell {
  constructor(public v: Value | undefined) {}
}

export class Context {
  private readonly cells = new Map<string, Cell>();

  constructor(initial?: ReadonlyMap<string, Value>) {
    if (initial) for (const [k, v] of initial) this.cells.set(k, new Cell(v));
  }

  get(name: string): Value | undefined {
    return this.cells.get(name)?.v;
  }

  has(name: string): boolean {
    return this.cells.get(name)?.v !== undefined;
  }

  set(name: string, value: Value): void {
    const c = this.cells.get(name);
    if (c) c.v = value;
    else this.cells.set(name, new Cell(value));
  }

  delete(name: string): void {
    const c = this.cells.get(name);
    if (c) c.v = undefined;
  }

  /** The variable's cell (made empty when the name is new). */
  cell(name: string): Cell {
    let c = this.cells.get(name);
    if (!c) this.cells.set(name, (c = new Cell(undefined)));
    return c;
  }
}
