import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/preview/protocol.js';
import { isCheckOf, outputIsOf } from '../../web/checks.js';

const d = (extra: Partial<Diagnostic>): Diagnostic => ({ ruleId: 'r', severity: 'warning', message: 'm', file: 'e/email.html', line: 1, column: 1, ...extra });
const output = { start: 0, end: 4, line: 1, column: 1, element: 3 };

describe('checks of the fixture shown', () => {
  it('are the findings labelled with it, alone or among the fixtures of a finding reported once', () => {
    expect(isCheckOf(d({ fixture: 'ada' }), 'ada')).toBe(true);
    expect(isCheckOf(d({ fixture: 'ada/first' }), 'ada')).toBe(false);
    expect(isCheckOf(d({ fixture: 'grace, ada' }), 'ada')).toBe(true);
    expect(isCheckOf(d({ fixture: 'grace, adam' }), 'ada')).toBe(false);
    expect(isCheckOf(d({ output }), 'ada')).toBe(true);
    // a template finding is no check
    expect(isCheckOf(d({}), 'ada')).toBe(false);
  });

  it('place their element in the render of the first fixture named', () => {
    expect(outputIsOf(d({ fixture: 'ada', output }), 'ada')).toBe(true);
    expect(outputIsOf(d({ fixture: 'ada, grace', output }), 'ada')).toBe(true);
    expect(outputIsOf(d({ fixture: 'ada, grace', output }), 'grace')).toBe(false);
    expect(outputIsOf(d({ fixture: 'ada' }), 'ada')).toBe(false);
  });
});
