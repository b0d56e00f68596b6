import { basename, dirname, join, resolve } from 'node:path';
import type { Fixture, FixtureVariant } from '../fixtures/types.js';
import { DATA_DIR, type Email } from './email.js';

/**
 * The fixture name meant by what a user typed: `a-good`, `a-good.json`, `data/a-good.json`
 * (from the email folder) or a path from any of `bases` (the current folder) to the file in the
 * email's data/ folder. Anything else is returned as typed, to be reported as not found.
 */
export function fixtureNameFrom(typed: string, emailDir: string, bases: readonly string[] = []): string {
  if (!/[\\/]/.test(typed)) return typed.replace(/\.json$/i, '');
  const data = join(resolve(emailDir), DATA_DIR);
  for (const base of [emailDir, ...bases]) {
    const file = resolve(base, typed);
    if (dirname(file) === data) return basename(file).replace(/\.json$/i, '');
  }
  return typed;
}

/** Every fixture variant of an email: fixtures in file-name order, variants in file order. */
export function listVariants(email: Email): { fixture: Fixture; variant: FixtureVariant }[] {
  return email.fixtures.flatMap((fixture) => fixture.variants.map((variant) => ({ fixture, variant })));
}
