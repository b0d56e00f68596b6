import type { SendChecks } from './safety.js';

/**
 * The checks `velvet send` and the preview's send panel run on top of the built-in
 * leftover-Velocity check: the linter over the email folder `dir` (its errors block the send
 * unless --force). The linter loads only when a send is planned.
 */
export function defaultSendChecks(dir: string): SendChecks {
  return async (input) => {
    const { lintSendChecks } = await import('../lint/index.js');
    return lintSendChecks(dir)(input);
  };
}
