/**
 * Work and memory accounting for the running render. A single method call or numeric operation
 * can be long (a `containsAll` of two large lists, a `getBytes` of a huge string, the comparison
 * of a number of a million digits) or can grow memory (a list that `addAll` doubles, text used as
 * a map key). Such steps charge this budget with a rough count of the elements or characters they
 * touch (work) and of those they keep (memory), so that the render's limits hold inside a step and
 * not only between steps.
 *
 * Renders are synchronous, so one slot is enough: the renderer calls beginRender() before it
 * starts. Code outside a render (tests, tools used alone) runs with an unlimited budget, which
 * still counts.
 */

/** A render step hit a budget of its own; the renderer turns it into a LimitError with a position. */
export class BudgetExceeded extends Error {
  constructor(
    /** The render limit it stands for. */
    readonly limit: 'maxTimeMs' | 'maxMemory',
    message: string,
  ) {
    super(message);
  }
}

/** Work units between two looks at the clock (a unit is one element or character touched). */
const CLOCK_EVERY = 50_000;

let deadline = Infinity;
let maxTimeMs = Infinity;
let memoryLeft = Infinity;
let maxMemory = Infinity;
let sinceClock = 0;

/** Starts the accounting for a render that must end by `endAt` (ms since the epoch). */
export function beginRender(endAt: number, timeLimitMs: number, memoryLimit = Infinity): void {
  deadline = endAt;
  maxTimeMs = timeLimitMs;
  maxMemory = memoryLimit;
  memoryLeft = memoryLimit;
  sinceClock = 0;
}

/** Ends the accounting of a render: code outside a render runs unlimited again. */
export function endRender(): void {
  beginRender(Infinity, Infinity);
}

/** The running render's deadline (ms since the epoch; Infinity outside a render). */
export function renderDeadline(): number {
  return deadline;
}

/**
 * Charges `units` of work (elements or characters touched). Looks at the clock whenever
 * enough work has accumulated, and always for a single large charge.
 */
export function chargeWork(units: number): void {
  sinceClock += units;
  if (sinceClock >= CLOCK_EVERY) {
    sinceClock = 0;
    checkClock();
  }
}

/** Throws when the render's time is up. */
export function checkClock(): void {
  if (Date.now() > deadline) {
    throw new BudgetExceeded('maxTimeMs', `render took longer than ${maxTimeMs} ms (limit maxTimeMs)`);
  }
}

/**
 * Charges `units` of memory (elements or characters a step keeps). Memory is not given back
 * during a render: the count bounds everything a render can build, which is what matters for a
 * process that must not run out of memory.
 */
export function chargeMemory(units: number): void {
  memoryLeft -= units;
  if (memoryLeft < 0) {
    throw new BudgetExceeded(
      'maxMemory',
      `the template built more than ${maxMemory} characters and elements (limit maxMemory)`,
    );
  }
}
