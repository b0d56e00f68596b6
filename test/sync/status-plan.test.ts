import { describe, expect, it } from 'vitest';
import { fieldHashes } from '../../src/sync/hash.js';
import type { LocalEmail } from '../../src/sync/local.js';
import { entry } from '../../src/sync/lock.js';
import { emailStatus } from '../../src/sync/status.js';
import type { ManagedFields } from '../../src/yespo/messages.js';

const base: ManagedFields = { name: 'N', subject: 'S', htmlText: '<p>1</p>', tags: ['t'] };
const local = (fields: ManagedFields, translations: LocalEmail['translations'] = {}): LocalEmail => ({
  name: 'e', dir: '/p/e', messageId: 5, fields, translations,
});
const lock = entry(5, fieldHashes(base), fieldHashes(base));

// The three-way comparison as plain data: files, recorded state and Yespo's message.
describe('emailStatus', () => {
  it('is in step when both sides moved to the same values (only the lock is behind)', () => {
    const moved = { ...base, htmlText: '<p>2</p>' };
    expect(emailStatus(local(moved), lock, moved).state).toBe('in-step');
  });

  it('compares only the fields the files define, so a field left out of email.json is Yespo\'s', () => {
    const { tags: _tags, ...withoutTags } = base;
    expect(emailStatus(local(withoutTags), lock, { ...base, tags: ['changed in yespo'] }).state).toBe('in-step');
    expect(emailStatus(local(base), lock, { ...base, tags: ['changed in yespo'] })).toMatchObject({ state: 'changed-in-yespo', yespo: ['tags'] });
  });

  it('counts a translation changed here, which Yespo cannot show back', () => {
    const s = emailStatus(local(base, { de: { subject: 'Hallo', htmlText: '<p>Hallo</p>' } }), lock, base);
    expect(s).toMatchObject({ state: 'changed-here', here: ['translation de'] });
  });

  it('tells the states without a lock entry apart', () => {
    expect(emailStatus(local(base), undefined, base).state).toBe('in-step');
    expect(emailStatus(local(base), undefined, { ...base, subject: 'x' })).toMatchObject({ state: 'not-recorded', here: ['subject'] });
    expect(emailStatus({ ...local(base), messageId: undefined }, undefined, null).state).toBe('not-linked');
    expect(emailStatus(local(base), lock, null).state).toBe('missing-in-yespo');
  });

  it('uses the recorded Yespo side: a normalised push is no change in Yespo', () => {
    const crlf = { ...base, htmlText: '<p>1</p>\r\n' };
    const lf = { ...base, htmlText: '<p>1</p>\n' };
    const pushed = entry(5, fieldHashes(crlf), fieldHashes(lf));
    expect(emailStatus(local(crlf), pushed, lf).state).toBe('in-step');
    expect(emailStatus(local(crlf), pushed, { ...lf, htmlText: 'web edit' }).state).toBe('changed-in-yespo');
  });
});
