import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { engineOverrides, resolveConfig } from '../../src/cli/args.js';
import { CONFIG_DEFAULTS } from '../../src/project/index.js';
import { tempTree, velvet } from './helpers.js';

const CONFIG = JSON.stringify({ engine: { now: '2026-03-15T09:30:00Z', timeZone: 'Europe/Kyiv' } });

describe('options: defaults < velvet.config.json < CLI flags', () => {
  it('uses the defaults without a config file or flags', () => {
    const dir = tempTree();
    const c = resolveConfig(dir, dir, {});
    expect(c.engine).toEqual({ now: undefined, timeZone: CONFIG_DEFAULTS.engine.timeZone, locale: CONFIG_DEFAULTS.engine.locale });
    expect(c.file).toBeUndefined();
  });

  it('the nearest config file overrides the defaults', () => {
    const dir = tempTree({ 'velvet.config.json': CONFIG, 'emails/m/email.html': 'x' });
    const c = resolveConfig(dir, join(dir, 'emails/m'), {});
    expect(c.engine).toEqual({ now: '2026-03-15T09:30:00Z', timeZone: 'Europe/Kyiv', locale: 'en-US' });
    expect(c.file).toBe(join(dir, 'velvet.config.json'));
  });

  it('flags override the config file', () => {
    const dir = tempTree({ 'velvet.config.json': CONFIG });
    const c = resolveConfig(dir, dir, { now: '2026-12-24T08:00:00Z', locale: 'de-DE' });
    expect(c.engine).toEqual({ now: '2026-12-24T08:00:00Z', timeZone: 'Europe/Kyiv', locale: 'de-DE' });
    expect(resolveConfig(dir, dir, { 'time-zone': 'UTC' }).engine.timeZone).toBe('UTC');
  });

  it('--config names the file instead of searching for one', () => {
    const dir = tempTree({ 'velvet.config.json': CONFIG, 'other/conf.json': JSON.stringify({ engine: { timeZone: 'America/New_York' } }) });
    const c = resolveConfig(dir, dir, { config: 'other/conf.json' });
    expect(c.engine.timeZone).toBe('America/New_York');
    expect(c.engine.now).toBeUndefined();
  });

  it('epoch millis for --now stay a number; offsets are valid time zones', () => {
    expect(engineOverrides({ now: '1773567000000', 'time-zone': 'GMT+3' })).toEqual({ engine: { now: 1773567000000, timeZone: 'GMT+3' } });
    expect(engineOverrides({})).toEqual({});
  });

  it('the flags reach the engine through the CLI, over the config file', async () => {
    const dir = tempTree({ 'velvet.config.json': CONFIG, 't.vm': "$dateTool.currentDate('yyyy-MM-dd HH:mm')", 'm/email.html': "$dateTool.currentDate('HH:mm')" });
    const run = async (...args: string[]) => (await velvet(['render', ...args], { cwd: dir })).stdout;
    expect(await run('t.vm')).toBe('2026-03-15 11:30');
    expect(await run('t.vm', '--time-zone', 'UTC')).toBe('2026-03-15 09:30');
    expect(await run('t.vm', '--now', '2026-12-24T08:00:00Z')).toBe('2026-12-24 10:00');
    expect(await run('m', '--time-zone', 'UTC', '--body-only')).toBe('09:30');
    const other = tempTree({ 't.vm': "$dateTool.currentDate('HH:mm')" });
    const viaConfig = await velvet(['render', 't.vm', '--config', join(dir, 'velvet.config.json')], { cwd: other });
    expect(viaConfig.stdout).toBe('11:30');
  });

  it('an invalid config file is exit 2 with its position', async () => {
    const dir = tempTree({ 'velvet.config.json': '{\n  "engine": {"timeZone": 3}\n}', 't.vm': 'x' });
    const r = await velvet(['render', 't.vm'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^velvet\.config\.json:2:\d+ /);
  });

  it('a missing --config file is exit 2', async () => {
    const dir = tempTree({ 't.vm': 'x' });
    const r = await velvet(['render', 't.vm', '--config', 'nope.json'], { cwd: dir });
    expect(r).toMatchObject({ code: 2, stderr: 'velvet render: --config: cannot read nope.json\n' });
  });
});
