/**
 * What the preview prints comes from files it does not trust: a template line in a code frame, a
 * fixture file's name, a folder name. Terminal control characters in them are printed as visible
 * symbols, so a cloned project cannot drive the terminal (retitle it, clear it, hide a line).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatErrorInfo, startPreview, type PreviewServer } from '../../src/preview/server.js';
import { copySamples } from './helpers.js';

const CONTROLS = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

describe('terminal output of the preview holds no control characters', { timeout: 60_000 }, () => {
  let project: ReturnType<typeof copySamples>;
  let server: PreviewServer;
  const printed: string[] = [];

  beforeAll(async () => {
    project = copySamples();
    const template = join(project.dir, 'welcome', 'email.html');
    // a syntax error on a line that sets the window title, clears the screen and returns the carriage
    writeFileSync(template, readFileSync(template, 'utf8') + '\n#if($x \x1b]0;owned\x07\x1b[2J\rfake ok \u202e\n');
    writeFileSync(join(project.dir, 'birthday', 'data', 'b\x1b[31mad.json'), '{"x": ');
    server = await startPreview({ dir: project.dir, port: 0, env: {}, log: (t) => printed.push(t) });
    for (let i = 0; i < 50 && printed.length < 2; i++) await new Promise((r) => setTimeout(r, 100));
  });

  afterAll(async () => {
    await server?.close();
    project?.remove();
  });

  it('shows a template line and a file name with controls as visible symbols', () => {
    const text = printed.join('');
    expect(text).toMatch(/welcome\/email\.html:\d+:\d+/);
    expect(text).toContain('b\u241b[31mad.json');
    expect(text).toContain('\u241b]0;owned\u2407\u241b[2J');
    expect(text.replace(/\n/g, '')).not.toMatch(CONTROLS);
  });

  it('keeps the line ends of a code frame', () => {
    const text = formatErrorInfo({ name: 'RenderError', message: 'm\x1b[1m', file: 'a.html', line: 2, column: 3, frame: '> 2 | x\n    | ^' });
    expect(text).toBe('a.html:2:3 m\u241b[1m\n> 2 | x\n    | ^\n');
  });
});
