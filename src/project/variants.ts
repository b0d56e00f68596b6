import type { Fixture, FixtureVariant } from '../fixtures/types.js';
import type { Email } from './email.js';

/** Every fixture variant of an email: fixtures in file-name order, variants in file order. */
export function listVariants(email: Email): { fixture: Fixture; variant: FixtureVariant }[] {
  return email.fixtures.flatMap((fixture) => fixture.variants.map((variant) => ({ fixture, variant })));
}
