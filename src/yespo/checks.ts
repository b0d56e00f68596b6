import type { SendChecks } from './safety.js';

/**
 * The checks `velvet send` runs on top of the built-in leftover-Velocity check. The linter
 * (src/lint) is not wired yet: when it lands, return a function here that lints the email and
 * maps its diagnostics to SendFinding (severity error blocks the send unless --force).
 */
export function defaultSendChecks(): SendChecks | undefined {
  return undefined;
}
