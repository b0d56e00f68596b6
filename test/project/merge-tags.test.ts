import { describe, expect, it } from 'vitest';
import { applyMergeTags, findMergeTags } from '../../src/project/merge-tags.js';

describe('findMergeTags', () => {
  it('finds tags with and without fallback', () => {
    expect(findMergeTags('Hi %FIRSTNAME%, %CITY|your city% %PERSONAL.LOCATION|% %promo_code1%')).toEqual([
      { tag: '%FIRSTNAME%', name: 'FIRSTNAME', fallback: undefined, offset: 3 },
      { tag: '%CITY|your city%', name: 'CITY', fallback: 'your city', offset: 16 },
      { tag: '%PERSONAL.LOCATION|%', name: 'PERSONAL.LOCATION', fallback: '', offset: 33 },
      { tag: '%promo_code1%', name: 'promo_code1', fallback: undefined, offset: 54 },
    ]);
  });

  it.each([
    '100% off',
    'Save 20% and 30% more',
    '<td style="width:50%;height:20%">',
    'https://example.com/?q=caf%C3%A9%20bar&x=%E2%80%99',
    '%2Fpath%2F',
    '% FIRSTNAME%',
    '%FIRST NAME%',
    '%1ABC%',
    '%_X%',
    '%FIRSTNAME|line\nbreak%',
  ])('ignores %j', (text) => {
    expect(findMergeTags(text)).toEqual([]);
  });
});

describe('applyMergeTags', () => {
  it('substitutes known fields case-insensitively', () => {
    const r = applyMergeTags('Hi %firstname%, from %City|somewhere%', { FIRSTNAME: 'Anna', city: 'Kyiv' });
    expect(r).toEqual({ output: 'Hi Anna, from Kyiv', unknown: [] });
  });

  it('uses the fallback for an empty value', () => {
    expect(applyMergeTags('Hi %FIRSTNAME|friend%!', { FIRSTNAME: '' }).output).toBe('Hi friend!');
    expect(applyMergeTags('Hi %FIRSTNAME|%!', { FIRSTNAME: '' }).output).toBe('Hi !');
    expect(applyMergeTags('Hi %FIRSTNAME%!', { FIRSTNAME: '' }).output).toBe('Hi !');
  });

  it('leaves unknown tags untouched and reports them with offsets', () => {
    const r = applyMergeTags('A %NICKNAME|x% B %FIRSTNAME% C %PROMOCODE%', { FIRSTNAME: 'Anna' });
    expect(r.output).toBe('A %NICKNAME|x% B Anna C %PROMOCODE%');
    expect(r.unknown).toEqual([
      { tag: '%NICKNAME|x%', name: 'NICKNAME', offset: 2 },
      { tag: '%PROMOCODE%', name: 'PROMOCODE', offset: 31 },
    ]);
  });

  it('renders the fallback of a known field without a value', () => {
    const r = applyMergeTags('Hi %NICKNAME|friend%%CITY%.', {}, { knownFields: ['nickname', 'CITY'] });
    expect(r).toEqual({ output: 'Hi friend.', unknown: [] });
  });

  it('does not touch percent signs that are not tags', () => {
    const text = '<td style="width:50%;height:20%">100% off %C3%A9</td>';
    expect(applyMergeTags(text, { C3: 'x' })).toEqual({ output: text, unknown: [] });
  });

  it('inserts values literally', () => {
    expect(applyMergeTags('%A%', { A: '$1 %B% $&' }).output).toBe('$1 %B% $&');
  });
});

describe('the merge tag scan', () => {
  // the definition the scan follows, as a regular expression (see merge-tags.ts)
  const TAG = /%(?![0-9A-Fa-f]{2}%)([A-Za-z][A-Za-z0-9_.]*)(?:\|([^%\r\n]*))?%/g;
  const reference = (text: string) => [...text.matchAll(TAG)].map((m) => ({ tag: m[0], name: m[1], fallback: m[2], offset: m.index }));
  const pieces = ['%', '%%', 'A', 'b', 'E2', 'f', '1', '_', '.', '|', ' ', '\n', '\r', 'x', 'FIRSTNAME', '%E2%', '100%', '%C|', 'é', '😀'];

  it('finds what the pattern finds in many generated texts, and substitutes them', () => {
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (let n = 0; n < 20000; n++) {
      let text = '';
      for (let k = Math.floor(next() * 16); k >= 0; k--) text += pieces[Math.floor(next() * pieces.length)];
      expect(findMergeTags(text), JSON.stringify(text)).toEqual(reference(text));
      const contact = { A: 'alpha', b: '', FIRSTNAME: 'Olena' };
      const expected = text.replace(TAG, (tag: string, name: string, fallback: string | undefined) => {
        const key = name.toUpperCase();
        const value = key === 'A' ? 'alpha' : key === 'FIRSTNAME' ? 'Olena' : key === 'B' ? '' : undefined;
        if (value) return value;
        if (value !== undefined || key === 'F') return fallback ?? '';
        return tag;
      });
      expect(applyMergeTags(text, contact, { knownFields: ['f'] }).output, JSON.stringify(text)).toBe(expected);
    }
  });
});
