import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempTree } from './helpers.js';

/** Runs the real `velvet` command, closes its stdout after the first bytes (as `| head -c` does). */
function runClosingStdout(args: string[], cwd: string): Promise<{ code: number | null; signal: string | null; stderr: string; got: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/velvet.js'), ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let got = 0;
    child.stderr.on('data', (c: Buffer) => void (stderr += c.toString()));
    child.stdout.once('data', (c: Buffer) => {
      got = c.length;
      child.stdout.destroy();
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stderr, got }));
  });
}

describe('a closed stdout (velvet ... | head)', () => {
  const dir = tempTree({
    'big.vm': '#foreach($i in [1..40000])line $i of a long render\n#end',
    'm/email.html': '#foreach($i in [1..40000])<p>row $i</p>\n#end',
  });

  it('render of a bare template stops quietly, without a stack trace', async () => {
    const r = await runClosingStdout(['render', 'big.vm'], dir);
    expect(r.got).toBeGreaterThan(0);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });

  it('render of an email folder and schema stop quietly too', async () => {
    for (const args of [['render', 'm'], ['schema', 'm']]) {
      const r = await runClosingStdout(args, dir);
      expect(r.stderr.replace(/^(note|warning) .*\n|^note: .*\n/gm, ''), args.join(' ')).toBe('');
      expect(r.stderr).not.toMatch(/EPIPE|at .*\.js:\d+/);
      expect(r.code, args.join(' ')).toBe(0);
    }
  });
});
