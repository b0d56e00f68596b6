/**
 * renderEmail's own logic with a stand-in engine: which payload, options and names reach
 * compile()/render(), merge-tag handling and caching. The real engine is covered in render.test.ts.
 */
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { JMap } from '../../src/engine/values.js';

const calls = vi.hoisted(() => ({ compile: [] as { source: string; name: string | undefined }[], render: [] as unknown[][] }));

vi.mock('../../src/engine/index.js', () => ({
  compile: (source: string, options?: { name?: string }) => {
    calls.compile.push({ source, name: options?.name });
    return {
      name: options?.name ?? '<template>',
      source,
      render: (payload: unknown, opts: unknown) => {
        calls.render.push([payload, opts]);
        // echo the template with $who replaced from the payload, enough to see data flow
        const who = (payload as JMap).keys.get('who');
        return { output: source.replace('$who', String(who ?? '')) };
      },
    };
  },
}));

const { loadEmail, normalizeConfig, renderEmail } = await import('../../src/project/index.js');
const { tempTree } = await import('./helpers.js');

const t = tempTree({
  'm/email.html': 'Hi $who %FIRSTNAME% %NICK|pal% %CITY%',
  'm/email.json': { subject: 'S %FIRSTNAME% %ZIP%', contact: { FIRSTNAME: 'Meta', CITY: 'Kyiv' } },
  'm/data/a.json': { $velvet: { contact: { firstname: 'Fixture' } }, who: 'A' },
  'm/data/b.json': { recipients: [{ locator: 'x@y', jsonParam: '{"who":"X"}' }, { locator: 'z@y', jsonParam: '{"who":"Z"}' }] },
});
afterAll(t.cleanup);

beforeEach(() => {
  calls.compile.length = 0;
  calls.render.length = 0;
});

describe('renderEmail wiring', () => {
  it('compiles each part once per loaded email with file names for errors', async () => {
    const email = await loadEmail(join(t.dir, 'm'));
    renderEmail(email);
    renderEmail(email, { fixture: 'b' });
    expect(calls.compile.map((c) => c.name)).toEqual([join(t.dir, 'm', 'email.html'), join(t.dir, 'm', 'email.json') + '#subject']);
    expect(calls.render).toHaveLength(4);
  });

  it('passes the variant payload and the config engine options, overrides last', async () => {
    const email = await loadEmail(join(t.dir, 'm'));
    const config = normalizeConfig({ engine: { now: '2026-03-15T09:30:00Z', timeZone: 'Europe/Kyiv' } });
    const r = renderEmail(email, { fixture: 'b', variant: 'z@y', config, render: { locale: 'uk-UA' } });
    expect(r.html.startsWith('Hi Z ')).toBe(true);
    expect(calls.render[0]![1]).toEqual({ now: '2026-03-15T09:30:00Z', timeZone: 'Europe/Kyiv', locale: 'uk-UA' });
  });

  it('merges contact: fixture over meta, case-insensitive; reports unknown tags per part', async () => {
    const email = await loadEmail(join(t.dir, 'm'));
    const r = renderEmail(email, { config: normalizeConfig({ contactFields: ['NICK'] }) });
    expect(r.html).toBe('Hi A Fixture pal Kyiv');
    expect(r.subject).toBe('S Fixture %ZIP%');
    expect(r.preheader).toBeUndefined();
    expect(r.unknownMergeTags).toEqual([{ tag: '%ZIP%', name: 'ZIP', offset: 14, part: 'subject' }]);
  });

  it('reports fields not in config as unknown', async () => {
    const email = await loadEmail(join(t.dir, 'm'));
    const r = renderEmail(email);
    expect(r.html).toBe('Hi A Fixture %NICK|pal% Kyiv');
    expect(r.unknownMergeTags.map((u) => `${u.part}:${u.name}`)).toEqual(['html:NICK', 'subject:ZIP']);
  });

  it('accepts fixture and variant objects', async () => {
    const email = await loadEmail(join(t.dir, 'm'));
    const fixture = email.fixtures[1]!;
    const r = renderEmail(email, { fixture, variant: fixture.variants[0]! });
    expect(r.fixture).toBe(fixture);
    expect(r.html.startsWith('Hi X ')).toBe(true);
    expect(r.sizeBytes).toBe(r.html.length);
  });
});
