import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { loadConfig } from '../../src/project/config.js';
import { velvet } from '../cli/helpers.js';
import { tempTree, thrown } from './helpers.js';

const CONFIG = (engine: Record<string, unknown>): string =>
  `{\n  "emails": ".",\n  "engine": {\n${Object.entries(engine).map(([k, v]) => `    "${k}": ${JSON.stringify(v)}`).join(',\n')}\n  }\n}\n`;

describe('config values are checked where they are written', () => {
  const cases: [Record<string, unknown>, RegExp][] = [
    [{ now: 'yesterday' }, /engine\.now: 'yesterday' is not an ISO date-time/],
    [{ now: 8.7e15 }, /engine\.now: 8700000000000000 is outside the dates JavaScript and Java can hold/],
    [{ timeZone: 'Mars/Olympus' }, /engine\.timeZone: unknown time zone 'Mars\/Olympus'/],
    [{ locale: 'xx-YY' }, /engine\.locale: unknown locale 'xx-YY'/],
    [{ locale: 'en-ZZ' }, /engine\.locale: unknown locale 'en-ZZ'/],
    [{ locale: 'en-US-u-nu-arab' }, /engine\.locale: .*language_REGION/],
  ];
  for (const [engine, message] of cases) {
    it(`${JSON.stringify(engine)} is a ConfigError at its line and column`, () => {
      const t = tempTree({ 'velvet.config.json': CONFIG(engine) });
      const err = thrown(() => loadConfig(`${t.dir}/velvet.config.json`));
      t.cleanup();
      expect(err).toBeInstanceOf(ConfigError);
      const e = err as ConfigError;
      expect(e.reason).toMatch(message);
      expect([e.line, e.column]).toEqual([4, 9 + Object.keys(engine)[0]!.length]);
      expect(e.frame).toMatch(/^> 4 \|/m);
    });
  }

  it('accepts the values the flags accept', () => {
    const t = tempTree({ 'velvet.config.json': CONFIG({ now: '2026-03-15T09:30:00Z', timeZone: 'GMT+3', locale: 'uk_UA' }) });
    expect(loadConfig(`${t.dir}/velvet.config.json`).engine).toEqual({ now: '2026-03-15T09:30:00Z', timeZone: 'GMT+3', locale: 'uk_UA' });
    t.cleanup();
    for (const zone of ['Europe/Kyiv', 'UTC', 'UTC-05:30']) {
      const u = tempTree({ 'velvet.config.json': CONFIG({ timeZone: zone, now: 0, locale: 'de' }) });
      expect(loadConfig(`${u.dir}/velvet.config.json`).engine.timeZone).toBe(zone);
      u.cleanup();
    }
  });

  it('render, build and lint exit 2 with velvet.config.json:line:column and a frame', async () => {
    const t = tempTree({ 'velvet.config.json': CONFIG({ now: 'yesterday' }), 'm/email.html': '$dateTool', 'm/data/a.json': '{}' });
    for (const argv of [['render', 'm'], ['build', '.', '--out', 'site'], ['lint', '.']]) {
      const r = await velvet(argv, { cwd: t.dir });
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr, argv.join(' ')).toMatch(/velvet\.config\.json:4:12 engine\.now: 'yesterday' is not an ISO date-time/);
      expect(r.stderr, argv.join(' ')).toMatch(/> 4 \| {5}"now": "yesterday"/);
      expect(r.stderr, argv.join(' ')).not.toMatch(/Rule crashed/);
    }
    t.cleanup();
  });

  it('the --locale flag refuses an unknown locale too', async () => {
    const t = tempTree({ 't.vm': 'x' });
    const r = await velvet(['render', 't.vm', '--locale', 'xx-YY'], { cwd: t.dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--locale: unknown locale 'xx-YY'/);
    t.cleanup();
  });
});
