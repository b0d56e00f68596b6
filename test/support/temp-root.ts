/**
 * Vitest global setup: every temporary folder the tests make (mkdtemp in os.tmpdir(), Chromium's
 * profile and its own scratch files, child processes) goes into one folder for this run, which
 * is removed when the run ends, so `npm test` leaves nothing behind in the system's temp folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'velvet-test-run-'));
  const previous = { TMPDIR: process.env['TMPDIR'], TMP: process.env['TMP'], TEMP: process.env['TEMP'] };
  // workers and child processes inherit the environment, and os.tmpdir() reads it on every call
  process.env['TMPDIR'] = process.env['TMP'] = process.env['TEMP'] = root;
  return () => {
    for (const [k, v] of Object.entries(previous)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    rmSync(root, { recursive: true, force: true, maxRetries: 3 });
  };
}
