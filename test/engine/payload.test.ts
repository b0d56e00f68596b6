import { describe, expect, it } from 'vitest';
import { compile, render } from '../../src/engine/index.js';
import { DataError } from '../../src/errors.js';

// JSON text read once is reused for later renders of the same text: each render must still get
// a payload of its own, exactly as the text gives it.
describe('payloads from JSON text', () => {
  it('gives every render a fresh payload, whatever the previous one changed', () => {
    const t = compile('#set($ok = $items.add(9))#set($ok = $m.put("k", 2))#set($ok = $m.inner.remove("x"))$items $m $data.size()#set($ok = $data.put("z", 1))');
    const json = '{"items":[1,2.0,{"a":[3]}],"m":{"k":1,"inner":{"x":1,"y":12345678901234567890123}}}';
    const first = t.render(json).output;
    expect(first).toBe('[1, 2.0, {a=[3]}, 9] {k=2, inner={y=12345678901234567890123}} 2');
    for (let i = 0; i < 3; i++) expect(t.render(json).output).toBe(first);
    expect(t.render(json + ' ').output).toBe(first);
  });

  it('reads texts anew once more of them than it keeps have been rendered, and keeps each render apart', () => {
    const t = compile('#set($ok = $items.add($n))$items');
    const texts = Array.from({ length: 20 }, (_, n) => `{"n":${n},"items":[${n}.0]}`);
    for (let round = 0; round < 3; round++) {
      texts.forEach((text, n) => expect(t.render(text).output).toBe(`[${n}.0, ${n}]`));
      // an equal text that is another string
      expect(t.render(texts[3]!.slice(0, 5) + texts[3]!.slice(5)).output).toBe('[3.0, 3]');
    }
  });

  it('still reports bad payload text every time, with its position', () => {
    for (let i = 0; i < 2; i++) {
      expect(() => render('$a', '{"a": 1,}')).toThrow(DataError);
      expect(() => render('$a', '[1]')).toThrow(/must be a JSON object/);
    }
  });
});
