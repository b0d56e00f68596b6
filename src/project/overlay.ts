/**
 * Unsaved editor text laid over an email's files: the body template, email.json and the fixtures
 * in data/ (also ones not saved yet). The email on disk is left untouched; a new Email is returned.
 */
import { basename, dirname, join } from 'node:path';
import { ConfigError, DataError } from '../errors.js';
import { parseFixture } from '../fixtures/load.js';
import type { Fixture } from '../fixtures/types.js';
import { DATA_DIR, META_FILE, compareNames, type Email } from './email.js';
import { loadEmailMeta } from './meta.js';

/** `email` with every overlay (absolute path → text) that belongs to its folder applied. */
export function withOverlays(email: Email, overlays: ReadonlyMap<string, string>): Email {
  const dataDir = join(email.dir, DATA_DIR);
  const mine = [...overlays].filter(([file]) => file === email.templateFile || file === join(email.dir, META_FILE) || isFixtureFile(file, dataDir));
  if (mine.length === 0) return email;
  const out: Email = { ...email };
  const fixtures = new Map<string, Fixture>(email.fixtures.map((f) => [f.file, f]));
  const errors = new Map<string, DataError>(email.fixtureErrors.map((e) => [e.file ?? '', e]));
  for (const [file, text] of mine) {
    if (file === email.templateFile) {
      out.source = text;
    } else if (isFixtureFile(file, dataDir)) {
      fixtures.delete(file);
      errors.delete(file);
      try {
        fixtures.set(file, parseFixture(text, file));
      } catch (err) {
        if (!(err instanceof DataError)) throw err;
        errors.set(file, err);
      }
    } else {
      try {
        out.meta = loadEmailMeta(file, text);
        out.metaFile = file;
        out.subjectSource = out.meta.subject;
        out.preheaderSource = out.meta.preheader;
      } catch (err) {
        // half-typed email.json: the saved meta stays until the text is valid again
        if (!(err instanceof ConfigError)) throw err;
      }
    }
  }
  // fixtures keep their identity unless a fixture buffer is open: caches keyed by them survive typing
  if (mine.some(([file]) => isFixtureFile(file, dataDir))) {
    out.fixtures = [...fixtures.values()].sort((a, b) => compareNames(basename(a.file), basename(b.file)));
    out.fixtureErrors = [...errors.values()].sort((a, b) => compareNames(basename(a.file ?? ''), basename(b.file ?? '')));
  }
  return out;
}

function isFixtureFile(file: string, dataDir: string): boolean {
  return dirname(file) === dataDir && file.endsWith('.json') && !basename(file).startsWith('.');
}
