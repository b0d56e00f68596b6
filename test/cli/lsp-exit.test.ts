/**
 * `velvet lsp --stdio` as an editor runs it: when the editor goes away (its end of the pipe
 * closes) without the exit notification, the server ends with exit code 1, as the Language
 * Server Protocol asks, not with Node's code for an unfinished program.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempTree } from './helpers.js';

function frame(message: object): string {
  const text = JSON.stringify({ jsonrpc: '2.0', ...message });
  return `Content-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`;
}

function start(dir: string) {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'velvet.js'), 'lsp', '--stdio'], { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => void (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => void (stderr += d.toString()));
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const answered = (id: number) =>
    new Promise<void>((r) => {
      const look = () => (stdout.includes(`"id":${id},`) ? r() : setTimeout(look, 20));
      look();
    });
  return { child, exited, answered, output: () => ({ stdout, stderr }) };
}

describe('velvet lsp --stdio when the editor goes away', () => {
  it('input closed after initialize: exit code 1', async () => {
    const dir = tempTree({ 'velvet.config.json': '{}', 'e/email.html': 'Hi $!name' });
    const s = start(dir);
    s.child.stdin.write(frame({ id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {}, workspaceFolders: null } }));
    await s.answered(1);
    s.child.stdin.end();
    expect(await s.exited, s.output().stderr).toBe(1);
  }, 30_000);

  it('input closed before anything was said: exit code 1', async () => {
    const s = start(tempTree({}));
    s.child.stdin.end();
    expect(await s.exited, s.output().stderr).toBe(1);
  }, 30_000);

  it('shutdown and exit: exit code 0', async () => {
    const s = start(tempTree({ 'velvet.config.json': '{}' }));
    s.child.stdin.write(frame({ id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {}, workspaceFolders: null } }));
    await s.answered(1);
    s.child.stdin.write(frame({ id: 2, method: 'shutdown' }));
    await s.answered(2);
    s.child.stdin.write(frame({ method: 'exit' }));
    expect(await s.exited, s.output().stderr).toBe(0);
  }, 30_000);
});
