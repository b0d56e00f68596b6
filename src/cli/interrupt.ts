/**
 * Ctrl+C (SIGINT) and SIGTERM during a command that writes files. The signal only sets a flag;
 * the command looks at it between two files (`check()`), so no file is left half-written and the
 * command can record what it wrote before it stops, with 128 + the signal's number as exit code.
 */
const CODES: Record<string, number> = { SIGINT: 130, SIGTERM: 143 };

/** Thrown by `check()` once a signal came; `code` is the exit code to end with. */
export class InterruptedError extends Error {
  constructor(
    readonly signal: NodeJS.Signals,
    readonly code: number,
  ) {
    super(`interrupted (${signal})`);
  }
}

export interface Interrupts {
  /** Gives a pending signal a chance to arrive (at most every 20 ms), then throws InterruptedError if one did. */
  check(): Promise<void>;
  /** Removes the handlers: the default behaviour of the signals returns. */
  close(): void;
}

export function catchInterrupts(): Interrupts {
  let signal: NodeJS.Signals | undefined;
  const on = (s: NodeJS.Signals): void => {
    signal ??= s;
  };
  process.on('SIGINT', on);
  process.on('SIGTERM', on);
  let yielded = Date.now();
  return {
    async check() {
      if (Date.now() - yielded >= 20) {
        // synchronous work keeps signals from being delivered: let the event loop take them
        await new Promise((r) => setImmediate(r));
        yielded = Date.now();
      }
      if (signal) throw new InterruptedError(signal, CODES[signal] ?? 130);
    },
    close() {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
    },
  };
}
