/**
 * renderEmail against the real engine. These run once src/engine implements compile();
 * render-wiring.test.ts covers the same module with a stand-in engine.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataError } from '../../src/errors.js';
import { listVariants, loadEmail, normalizeConfig, renderEmail } from '../../src/project/index.js';
import { tempTree } from './helpers.js';

const t = tempTree({
  'shop/email.html':
    '<p>Hi %FIRSTNAME|friend%, total $totalCost</p>\n' +
    '<!--#foreach($item in $items.array)--><li>$item.name: $item.price</li><!--#end-->\n' +
    '<p>%CITY% %UNKNOWN% 100% off</p>',
  'shop/email.json': {
    subject: '#if($discount)$discount off#{else}News#end for %FIRSTNAME|you%',
    preheader: 'Only $!{items.array.size()} items',
    contact: { FIRSTNAME: 'Emma', CITY: 'Kyiv' },
  },
  'shop/data/a-event.json':
    '{"$velvet": {"contact": {"FIRSTNAME": "Олена"}}, "eventTypeKey": "cart", "params": [' +
    '{"name": "totalCost", "value": 258.0}, {"name": "discount", "value": "5%"},' +
    '{"name": "items", "value": "{\\"array\\":[{\\"name\\":\\"Lamp\\",\\"price\\":10.50},{\\"name\\":\\"Mug\\",\\"price\\":3}]}"}]}',
  'shop/data/b-orders.json': '{"orders": [{"externalOrderId": "A-1", "totalCost": 12}, {"externalOrderId": "A-2", "totalCost": 1.0}]}',
  'bare/email.html': 'Hello ${name|"there"} %FIRSTNAME|%',
});
afterAll(t.cleanup);

describe('renderEmail', () => {
  it('renders body, subject and preheader with the first variant and Java number typing', async () => {
    const email = await loadEmail(join(t.dir, 'shop'));
    const r = renderEmail(email);
    expect(r.fixture?.name).toBe('a-event');
    expect(r.variant?.name).toBe('default');
    expect(r.html).toBe(
      '<p>Hi Олена, total 258.0</p>\n<!----><li>Lamp: 10.5</li><!----><li>Mug: 3</li><!---->\n<p>Kyiv %UNKNOWN% 100% off</p>',
    );
    expect(r.subject).toBe('5% off for Олена');
    expect(r.preheader).toBe('Only 2 items');
    expect(r.sizeBytes).toBe(Buffer.byteLength(r.html, 'utf8'));
    expect(r.sizeBytes).toBeGreaterThan(r.html.length); // Cyrillic takes two bytes
    expect(r.unknownMergeTags).toEqual([{ tag: '%UNKNOWN%', name: 'UNKNOWN', offset: expect.any(Number), part: 'html' }]);
  });

  it('selects a fixture and variant by name; meta contact fills in', async () => {
    const email = await loadEmail(join(t.dir, 'shop'));
    const r = renderEmail(email, { fixture: 'b-orders', variant: 'A-2' });
    expect(r.variant?.name).toBe('A-2');
    expect(r.html).toContain('<p>Hi Emma, total 1.0</p>');
    expect(r.subject).toBe('News for Emma');
  });

  it('renders every variant', async () => {
    const email = await loadEmail(join(t.dir, 'shop'));
    const totals = listVariants(email).map(({ fixture, variant }) => /total (\S+)</.exec(renderEmail(email, { fixture, variant }).html)?.[1]);
    expect(totals).toEqual(['258.0', '12', '1.0']);
  });

  it('renders an email without fixtures with an empty payload', async () => {
    const email = await loadEmail(join(t.dir, 'bare'));
    const r = renderEmail(email, { config: normalizeConfig({ contactFields: ['FIRSTNAME'] }) });
    expect(r.fixture).toBeUndefined();
    expect(r.html).toBe('Hello there ');
    expect(r.subject).toBeUndefined();
    expect(r.unknownMergeTags).toEqual([]);
  });

  it('rejects unknown fixture and variant names', async () => {
    const email = await loadEmail(join(t.dir, 'shop'));
    expect(() => renderEmail(email, { fixture: 'nope' })).toThrow(DataError);
    expect(() => renderEmail(email, { fixture: 'nope' })).toThrow("No fixture 'nope' for email 'shop' (available: a-event, b-orders)");
    expect(() => renderEmail(email, { fixture: 'b-orders', variant: 'A-9' })).toThrow(
      "No variant 'A-9' in fixture 'b-orders' for email 'shop' (available: A-1, A-2)",
    );
  });
});
