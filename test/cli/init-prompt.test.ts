/**
 * The questions `velvet init` asks in a terminal, answered, and cancelled (Ctrl+D, or the
 * input closing): a cancel is an answer too, never a hang or a stack trace, and nothing is written.
 */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ask } from '../../src/cli/commands/init.js';
import type { CliIO } from '../../src/cli/command.js';

const io: CliIO = { stdout: () => {}, stderr: () => {}, cwd: '/', env: {}, color: false };

function answering(text: string, end: boolean): PassThrough {
  const input = new PassThrough();
  setTimeout(() => {
    input.write(text);
    if (end) input.end();
  }, 10);
  return input;
}

describe('velvet init asks', () => {
  it('takes the answers', async () => {
    expect(await ask(io, 'emails', undefined, answering('mail\ngitlab\n', false), new PassThrough())).toEqual({ emails: 'mail', ci: 'gitlab' });
  });

  it('asks again for an emails folder outside the project, saying why', async () => {
    let err = '';
    const said: CliIO = { ...io, stderr: (t) => void (err += t) };
    expect(await ask(said, 'emails', undefined, answering('/tmp/x\n../up\nmail\n\n', false), new PassThrough())).toEqual({ emails: 'mail', ci: undefined });
    expect(err).toBe(
      "  '/tmp/x' must be a folder inside the project folder (relative to velvet.config.json, never above it)\n" +
        "  '../up' must be a folder inside the project folder (relative to velvet.config.json, never above it)\n",
    );
  });

  it('the input closing before every answer is a cancel', async () => {
    const cancelled = await Promise.race([
      ask(io, 'emails', undefined, answering('mail\n', true), new PassThrough()),
      new Promise((r) => setTimeout(() => r('still waiting'), 2000)),
    ]);
    expect(cancelled).toBeUndefined();
  });
});
