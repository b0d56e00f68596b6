/**
 * A cloned project's velvet.config.json is untrusted: its `emails` folder (or the assets folder)
 * must not lead the preview out of the project, whether by `..`, an absolute path or a symlink,
 * so no email from elsewhere on the machine is ever rendered into the browser.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startPreview } from '../../src/preview/index.js';
import { loadProject } from '../../src/project/project.js';

let base: string;
afterEach(() => rmSync(base, { recursive: true, force: true }));

function layout(config: Record<string, unknown>): string {
  base = mkdtempSync(join(tmpdir(), 'velvet-outside-'));
  mkdirSync(join(base, 'elsewhere', 'secret-mail'), { recursive: true });
  writeFileSync(join(base, 'elsewhere', 'secret-mail', 'email.html'), '<p>OUTSIDE</p>');
  const project = join(base, 'project');
  mkdirSync(project);
  writeFileSync(join(project, 'velvet.config.json'), JSON.stringify(config, null, 2));
  return project;
}

describe('the emails folder of a config', () => {
  it('is refused when it leads out of the project with .. or an absolute path, at its line and column', async () => {
    for (const emails of ['../elsewhere', '/tmp', 'emails/../../elsewhere']) {
      const project = layout({ emails });
      expect(() => loadProject(project), emails).toThrow(/velvet\.config\.json:2:\d+ emails: .*inside the project folder/);
      await expect(startPreview({ dir: project, port: 0, env: {} }), emails).rejects.toThrow(/inside the project folder/);
      rmSync(base, { recursive: true, force: true });
    }
    base = mkdtempSync(join(tmpdir(), 'velvet-outside-'));
  });

  it('is refused when it is a symlink out of the project', async () => {
    const project = layout({ emails: 'emails' });
    symlinkSync(join(base, 'elsewhere'), join(project, 'emails'));
    expect(() => loadProject(project)).toThrow(/emails folder .* leads outside the project folder/);
    await expect(startPreview({ dir: project, port: 0, env: {} })).rejects.toThrow(/leads outside the project folder/);
  });

  it('assetsDir must be inside the project too', () => {
    const project = layout({ emails: '.', preview: { assetsDir: '../elsewhere' } });
    expect(() => loadProject(project)).toThrow(/preview\.assetsDir: .*inside the project folder/);
  });

  it('may be any folder inside the project', () => {
    const project = layout({ emails: './mails/../emails' });
    mkdirSync(join(project, 'emails', 'hello'), { recursive: true });
    writeFileSync(join(project, 'emails', 'hello', 'email.html'), '<p>hi</p>');
    expect(loadProject(project).emails.map((e) => e.name)).toEqual(['hello']);
  });
});
