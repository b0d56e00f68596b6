/** Which lint findings are checks of the rendered email of a fixture (the Checks tab). */
import type { Diagnostic } from '../src/preview/protocol.js';

/**
 * The fixtures a finding on the output was found in: lint gives one label, or several joined by
 * ", " when a rule reports a finding once for all the fixtures that have it (the place in the
 * output is then the first one's).
 */
export function fixturesOf(d: Diagnostic): string[] {
  return d.fixture === undefined ? [] : d.fixture.split(', ');
}

/** A finding on the rendered output of the fixture labelled `label`. */
export function isCheckOf(d: Diagnostic, label: string): boolean {
  if (d.fixture === undefined) return d.output !== undefined;
  return d.fixture === label || fixturesOf(d).includes(label);
}

/** The finding's place in the output (`output`) is one in the render of `label`. */
export function outputIsOf(d: Diagnostic, label: string): boolean {
  return d.output !== undefined && (d.fixture === undefined || d.fixture === label || fixturesOf(d)[0] === label);
}
