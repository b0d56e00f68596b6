import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { CONFIG_DEFAULTS, findConfig, loadConfig, normalizeConfig } from '../../src/project/config.js';
import { DEFAULT_EMAIL_CLIENTS } from '../../src/project/config-clients.js';
import { tempTree, thrown } from './helpers.js';

describe('normalizeConfig', () => {
  it('fills every option from the defaults table', () => {
    const c = normalizeConfig({}, { root: '/p' });
    expect(c).toEqual({
      root: resolve('/p'),
      file: undefined,
      emails: resolve('/p'),
      engine: { now: undefined, timeZone: 'UTC', locale: 'en-US' },
      contactFields: [],
      send: { allow: [], carrierMessageId: undefined, subjectPrefix: '[TEST] ', apiUrl: 'https://yespo.io/api' },
      lint: { ...CONFIG_DEFAULTS.lint, rules: {}, clients: [...DEFAULT_EMAIL_CLIENTS] },
      preview: { assetsBaseUrl: undefined, assetsDir: resolve('/p/assets') },
    });
    expect(CONFIG_DEFAULTS.send.subjectPrefix).toBe('[TEST] ');
    expect(CONFIG_DEFAULTS.emails).toBe('.');
  });

  it('applies defaults < config file < overrides', () => {
    const file = { emails: 'emails', engine: { timeZone: 'Europe/Kyiv', now: '2026-01-01T00:00:00Z' }, send: { subjectPrefix: '' }, lint: { rules: { a: 'warn' as const, b: 'off' as const } } };
    const flags = { engine: { timeZone: 'GMT+3' }, lint: { rules: { b: 'error' as const } } };
    const c = normalizeConfig([file, flags], { root: '/p' });
    expect(c.emails).toBe(resolve('/p/emails'));
    expect(c.engine).toEqual({ now: '2026-01-01T00:00:00Z', timeZone: 'GMT+3', locale: 'en-US' });
    expect(c.send.subjectPrefix).toBe(''); // an empty prefix is a choice, not a missing value
    expect(c.lint.rules).toEqual({ a: 'warn', b: 'error' });
    const clients = normalizeConfig([{ lint: { clients: ['gmail.*'] } }, { lint: { clients: ['yahoo.ios'] } }], { root: '/p' });
    expect(clients.lint.clients).toEqual(['yahoo.ios']);
  });

  it('gives a frozen object that does not share the defaults', () => {
    const c = normalizeConfig({ contactFields: ['FIRSTNAME'] }, { root: '/p' });
    expect(Object.isFrozen(c)).toBe(true);
    expect(Object.isFrozen(c.send)).toBe(true);
    expect(Object.isFrozen(c.contactFields)).toBe(true);
    expect(CONFIG_DEFAULTS.contactFields).toEqual([]);
  });

  it('drops a trailing slash from apiUrl', () => {
    expect(normalizeConfig({ send: { apiUrl: 'http://127.0.0.1:9000/api/' } }).send.apiUrl).toBe('http://127.0.0.1:9000/api');
  });
});

describe('loadConfig and findConfig', () => {
  const t = tempTree({
    'velvet.config.json': {
      $schema: './node_modules/velvet/schemas/config.schema.json',
      emails: 'emails',
      contactFields: ['FIRSTNAME', 'PERSONAL.LOCATION'],
      send: { allow: ['*@example.com'], carrierMessageId: 123 },
    },
    'emails/welcome/email.html': 'Hi',
    'bad/unknown/velvet.config.json': '{\n  "emails": ".",\n  "sned": {}\n}',
    'bad/type/velvet.config.json': '{\n  "send": {\n    "subjectPrefix": 5\n  }\n}',
    'bad/enum/velvet.config.json': '{"lint": {"rules": {"no-velocity-count": "warning"}}}',
    'bad/nested/velvet.config.json': '{"engine": {"timezone": "UTC"}}',
    'bad/syntax/velvet.config.json': '{"emails": "x",}',
    'bad/id/velvet.config.json': '{"send": {"carrierMessageId": 1.5}}',
  });
  afterAll(t.cleanup);

  it('finds the nearest config upwards', () => {
    expect(findConfig(join(t.dir, 'emails', 'welcome'))).toBe(join(t.dir, 'velvet.config.json'));
    expect(findConfig(join(t.dir, 'bad', 'type'))).toBe(join(t.dir, 'bad', 'type', 'velvet.config.json'));
  });

  it('loads and resolves a config', () => {
    const c = loadConfig(join(t.dir, 'velvet.config.json'));
    expect(c.root).toBe(t.dir);
    expect(c.file).toBe(join(t.dir, 'velvet.config.json'));
    expect(c.emails).toBe(join(t.dir, 'emails'));
    expect(c.contactFields).toEqual(['FIRSTNAME', 'PERSONAL.LOCATION']);
    expect(c.send).toEqual({ allow: ['*@example.com'], carrierMessageId: 123, subjectPrefix: '[TEST] ', apiUrl: 'https://yespo.io/api' });
  });

  it('lets overrides win over the file', () => {
    const c = loadConfig(join(t.dir, 'velvet.config.json'), { send: { carrierMessageId: 7 } });
    expect(c.send.carrierMessageId).toBe(7);
    expect(c.send.allow).toEqual(['*@example.com']);
  });

  it.each([
    ['unknown', 3, 3, "Unknown property 'sned' (expected one of: $schema, emails, engine, contactFields, send, lint, preview)"],
    ['type', 3, 22, "'/send/subjectPrefix' must be a string, not an integer. Put before the subject of test sends. Default \"[TEST] \"."],
    ['enum', 1, 42, `'/lint/rules/no-velocity-count' must be one of "off", "info", "warn", "error", not "warning"`],
    ['nested', 1, 13, "Unknown property 'timezone' (expected one of: now, timeZone, locale)"],
    ['syntax', 1, 15, 'Trailing comma is not allowed in JSON'],
    ['id', 1, 31, "'/send/carrierMessageId' must be an integer, not a number. Id of a prepared Yespo message used to carry test sends of emails without a messageId."],
  ])('reports a %s problem as a ConfigError at its position', (name, line, column, reason) => {
    const file = join(t.dir, 'bad', name, 'velvet.config.json');
    const e = thrown(() => loadConfig(file)) as ConfigError;
    expect(e).toBeInstanceOf(ConfigError);
    expect(e.reason).toBe(reason);
    expect([e.file, e.line, e.column]).toEqual([file, line, column]);
    expect(e.message).toBe(`${file}:${line}:${column} ${reason}`);
    expect(e.frame).toContain('^');
  });

  it('reports a missing file', () => {
    expect(() => loadConfig(join(t.dir, 'nope.json'))).toThrow(ConfigError);
  });
});
