/**
 * A path that is a file where the project model expects a folder (the config's emails folder,
 * an email's data/) is a clear error with the path, never a crash with a stack trace.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, DataError } from '../../src/errors.js';
import { loadEmail, loadProject } from '../../src/project/index.js';
import { tempTree, thrown } from './helpers.js';

describe('a file where a folder belongs', () => {
  it('the emails folder of the config is a file: a ConfigError naming it', () => {
    const { dir, cleanup } = tempTree({ 'velvet.config.json': { emails: 'emails' }, emails: 'not a folder' });
    try {
      const err = thrown(() => loadProject(dir));
      expect(err).toBeInstanceOf(ConfigError);
      expect(err.message).toContain(`the emails folder ${join(dir, 'emails')} is not a folder`);
    } finally {
      cleanup();
    }
  });

  it('an email whose data/ is a file: the email loads, with a fixture error for data', async () => {
    const { dir, cleanup } = tempTree({ 'velvet.config.json': {}, 'e/email.html': 'Hi $!name', 'e/data': 'not a folder' });
    try {
      const email = await loadEmail(join(dir, 'e'));
      expect(email.fixtures).toEqual([]);
      expect(email.fixtureErrors).toHaveLength(1);
      expect(email.fixtureErrors[0]).toBeInstanceOf(DataError);
      expect(email.fixtureErrors[0]!.file).toBe(join(dir, 'e', 'data'));
      expect(email.fixtureErrors[0]!.message).toMatch(/is not a folder: fixtures are the \.json files in the email's data\/ folder/);
    } finally {
      cleanup();
    }
  });

  it('a folder of emails still loads when data/ is a folder', async () => {
    const { dir, cleanup } = tempTree({ 'velvet.config.json': {}, 'e/email.html': 'Hi' });
    try {
      mkdirSync(join(dir, 'e', 'data'));
      expect((await loadEmail(join(dir, 'e'))).fixtureErrors).toEqual([]);
    } finally {
      cleanup();
    }
  });
});
