import { describe, expect, it } from 'vitest';
import { loadEmail } from '../../src/project/index.js';
import { tempTree } from './helpers.js';

const fixtures = (names: string[]) => Object.fromEntries(names.map((n) => [`e/data/${n}.json`, { name: n }]));

describe('fixture order', () => {
  it('lists a fixture named default first, then the rest by name', async () => {
    const t = tempTree({ 'e/email.html': '$!name', ...fixtures(['b-edge', 'a-edge', 'default', 'z']) });
    try {
      expect((await loadEmail(`${t.dir}/e`)).fixtures.map((f) => f.name)).toEqual(['default', 'a-edge', 'b-edge', 'z']);
    } finally {
      t.cleanup();
    }
  });

  it('lists the fixtures email.json names first, in its order; unknown names are ignored', async () => {
    const t = tempTree({
      'e/email.html': '$!name',
      'e/email.json': { fixtures: ['typical', 'gone', 'vip'] },
      ...fixtures(['a-empty', 'default', 'typical', 'vip']),
    });
    try {
      expect((await loadEmail(`${t.dir}/e`)).fixtures.map((f) => f.name)).toEqual(['typical', 'vip', 'default', 'a-empty']);
    } finally {
      t.cleanup();
    }
  });

  it('rejects a fixtures list that is not a list of names, with its position', async () => {
    const t = tempTree({ 'e/email.html': '$!name', 'e/email.json': '{\n  "fixtures": "typical"\n}' });
    try {
      await expect(loadEmail(`${t.dir}/e`)).rejects.toThrow(/email\.json:2:15 .*fixtures.*array/);
    } finally {
      t.cleanup();
    }
  });
});
