import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, DataError } from '../../src/errors.js';
import { loadEmail } from '../../src/project/email.js';
import { loadEmailMeta } from '../../src/project/meta.js';
import { loadProject } from '../../src/project/project.js';
import { listVariants } from '../../src/project/variants.js';
import { tempTree, thrown } from './helpers.js';

const t = tempTree({
  'velvet.config.json': { emails: 'emails', contactFields: ['FIRSTNAME'] },
  'emails/welcome/email.html': '<p>Hi $!firstName</p>',
  'emails/welcome/email.json': {
    subject: 'Welcome, %FIRSTNAME|friend%',
    preheader: 'Your account is ready',
    messageId: 3810201,
    from: '"Shop" <shop@example.com>',
    language: 'en',
    contact: { FIRSTNAME: 'Emma', BONUSES: 10 },
  },
  'emails/welcome/data/b-smartsend.json': { recipients: [{ locator: 'a@x.com', jsonParam: '{"firstName":"A"}' }, { locator: 'b@x.com', jsonParam: '{}' }] },
  'emails/welcome/data/a-plain.json': { firstName: 'Helen' },
  'emails/welcome/data/c-broken.json': '{"firstName": }',
  'emails/welcome/data/d-invalid.json': { recipients: [{ locator: 'a', jsonParam: { x: 1 } }] },
  'emails/welcome/data/notes.txt': 'not a fixture',
  'emails/promo/spring/email.html': 'Spring',
  'emails/promo/autumn/email.html': 'Autumn',
  'emails/promo/autumn/data/.hidden.json': '{',
  'emails/node_modules/x/email.html': 'skipped',
  'emails/.git/email.html': 'skipped',
  'emails/drafts/readme.md': 'no email here',
  'broken-meta/email.html': 'x',
  'broken-meta/email.json': '{\n  "subject": "Hi",\n  "messageID": 5\n}',
  'bad-meta-type/email.json': '{"messageId": "3810201"}',
  'plain/email.html': 'bare',
});
afterAll(t.cleanup);
const emails = join(t.dir, 'emails');

describe('loadEmail', () => {
  it('reads the template, meta and fixtures in file-name order', async () => {
    const e = await loadEmail(join(emails, 'welcome'));
    expect(e.name).toBe('welcome');
    expect(e.dir).toBe(join(emails, 'welcome'));
    expect(e.templateFile).toBe(join(emails, 'welcome', 'email.html'));
    expect(e.source).toBe('<p>Hi $!firstName</p>');
    expect(e.subjectSource).toBe('Welcome, %FIRSTNAME|friend%');
    expect(e.preheaderSource).toBe('Your account is ready');
    expect(e.metaFile).toBe(join(emails, 'welcome', 'email.json'));
    expect(e.meta).toEqual({
      subject: 'Welcome, %FIRSTNAME|friend%',
      preheader: 'Your account is ready',
      messageId: 3810201,
      from: '"Shop" <shop@example.com>',
      language: 'en',
      contact: { FIRSTNAME: 'Emma', BONUSES: '10' },
    });
    expect(e.fixtures.map((f) => f.name)).toEqual(['a-plain', 'b-smartsend']);
  });

  it('keeps going when a fixture is broken and reports each one', async () => {
    const e = await loadEmail(join(emails, 'welcome'));
    expect(e.fixtureErrors).toHaveLength(2);
    expect(e.fixtureErrors.every((x) => x instanceof DataError)).toBe(true);
    expect(e.fixtureErrors[0]!.message).toBe(`${join(emails, 'welcome', 'data', 'c-broken.json')}:1:15 Unexpected character '}' (expected a value)`);
    expect(e.fixtureErrors[1]!.pointer).toBe('/recipients/0/jsonParam');
  });

  it('lists variants in a stable order', async () => {
    const e = await loadEmail(join(emails, 'welcome'));
    expect(listVariants(e).map(({ fixture, variant }) => `${fixture.name}/${variant.name}`)).toEqual([
      'a-plain/default',
      'b-smartsend/a@x.com',
      'b-smartsend/b@x.com',
    ]);
  });

  it('works without meta and data', async () => {
    const e = await loadEmail(join(t.dir, 'plain'), { name: 'custom' });
    expect(e.name).toBe('custom');
    expect(e.meta).toEqual({ contact: {} });
    expect(e.subjectSource).toBeUndefined();
    expect(e.metaFile).toBeUndefined();
    expect(e.fixtures).toEqual([]);
  });

  it('rejects a folder without email.html', async () => {
    await expect(loadEmail(join(emails, 'drafts'))).rejects.toThrow(ConfigError);
  });

  it('reports meta problems as ConfigErrors with positions', async () => {
    const file = join(t.dir, 'broken-meta', 'email.json');
    const e = (await loadEmail(join(t.dir, 'broken-meta')).catch((x: unknown) => x)) as ConfigError;
    expect(e).toBeInstanceOf(ConfigError);
    expect(e.message).toBe(
      `${file}:3:3 Unknown property 'messageID' (expected one of: $schema, subject, preheader, messageId, from, name, tags, translations, language, contact, fixtures)`,
    );
    const typed = thrown(() => loadEmailMeta(join(t.dir, 'bad-meta-type', 'email.json'))) as ConfigError;
    expect(typed.reason).toBe("'/messageId' must be an integer, not a string. Id of the prepared message in Yespo.");
    expect([typed.line, typed.column]).toEqual([1, 15]);
  });
});

describe('loadProject', () => {
  it('discovers email folders under the configured emails folder', () => {
    const p = loadProject(t.dir);
    expect(p.root).toBe(t.dir);
    expect(p.config.emails).toBe(emails);
    expect(p.config.contactFields).toEqual(['FIRSTNAME']);
    expect(p.emails).toEqual([
      { name: 'promo/autumn', dir: join(emails, 'promo', 'autumn') },
      { name: 'promo/spring', dir: join(emails, 'promo', 'spring') },
      { name: 'welcome', dir: join(emails, 'welcome') },
    ]);
  });

  it('accepts an email folder itself, keeping the project config', () => {
    const p = loadProject(join(emails, 'welcome'));
    expect(p.root).toBe(t.dir);
    expect(p.emails).toEqual([{ name: 'welcome', dir: join(emails, 'welcome') }]);
  });

  it('lists only the emails below a sub-folder', () => {
    expect(loadProject(join(emails, 'promo')).emails.map((e) => e.name)).toEqual(['autumn', 'spring']);
  });

  it('applies overrides over the config file', () => {
    const p = loadProject(t.dir, { overrides: { engine: { locale: 'uk-UA' } } });
    expect(p.config.engine.locale).toBe('uk-UA');
  });

  it('uses defaults when there is no config', () => {
    const bare = tempTree({ 'one/email.html': 'x', 'two/email.html': 'y' });
    try {
      const p = loadProject(bare.dir);
      expect(p.config.file).toBeUndefined();
      expect(p.config.send.subjectPrefix).toBe('[TEST] ');
      expect(p.emails.map((e) => e.name)).toEqual(['one', 'two']);
    } finally {
      bare.cleanup();
    }
  });

  it('reports a missing emails folder or start folder', () => {
    const bad = tempTree({ 'velvet.config.json': { emails: 'nowhere' } });
    try {
      expect(() => loadProject(bad.dir)).toThrow(/emails folder .*nowhere does not exist/);
      expect(() => loadProject(join(bad.dir, 'missing'))).toThrow(ConfigError);
    } finally {
      bad.cleanup();
    }
  });
});
