import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile, type Span } from '../../src/engine/index.js';
import { loadEmail, applyMergeTags, listVariants, loadProject } from '../../src/project/index.js';
import { bodyPart } from '../../src/lint/parts.js';
import { renderSetup, renderVariant } from '../../src/lint/render.js';
import { RenderMap } from '../../src/lint/source-map.js';
import { SAMPLES, lintCase } from './helpers.js';

/** Renders `src` with the write hook and returns the output and every write. */
function mapped(src: string, data: unknown = {}) {
  const writes: { start: number; end: number; span: Span }[] = [];
  const t = compile(src);
  const output = t.render(data, { trace: { write: (start, end, span) => writes.push({ start, end, span }) } }).output;
  return { output, writes, plain: t.render(data).output };
}

/** The template text of each write next to the output it wrote. */
const pairs = (src: string, r: ReturnType<typeof mapped>) => r.writes.map((w) => [r.output.slice(w.start, w.end), src.slice(w.span.start, w.span.end)]);

describe('render source map (RenderTrace.write)', () => {
  it('covers the output in order, one write per node, and changes nothing in the output', () => {
    const src = '<p>Hi $name,</p>\n#if($vip)<b>VIP</b>#end\n#foreach($i in [1..2])<i>$i</i>#end';
    const r = mapped(src, { name: 'Ann', vip: true });
    expect(r.output).toBe(r.plain);
    let at = 0;
    for (const w of r.writes) {
      expect(w.start).toBe(at);
      at = w.end;
    }
    expect(at).toBe(r.output.length);
    expect(pairs(src, r).slice(0, 4)).toEqual([
      ['<p>Hi ', '<p>Hi '],
      ['Ann', '$name'],
      [',</p>\n', ',</p>\n'],
      ['<b>VIP</b>', '<b>VIP</b>'],
    ]);
  });

  it('maps a printed #define block to its own text, and #evaluate output to the directive', () => {
    const src = "#define($block)<u>$x</u>#end<div>$block</div>#evaluate('<s>$x</s>')#set($t = \"[$block]\")$t";
    const r = mapped(src, { x: 'X' });
    expect(r.output).toBe('<div><u>X</u></div><s>X</s>[<u>X</u>]');
    expect(pairs(src, r)).toEqual([
      ['<div>', '<div>'],
      ['<u>', '<u>'],
      ['X', '$x'],
      ['</u>', '</u>'],
      ['</div>', '</div>'],
      ['<s>', "#evaluate('<s>$x</s>')"],
      ['X', "#evaluate('<s>$x</s>')"],
      ['</s>', "#evaluate('<s>$x</s>')"],
      // a string built from the block holds its text: the reference that prints it wrote it
      ['[<u>X</u>]', '$t'],
    ]);
  });

  it('maps macro bodies to the macro definition and a block macro body to its text at the call', () => {
    const src = '#macro(box)<i>$bodyContent</i>#end#@box()<b>in</b>#end';
    const r = mapped(src);
    expect(r.output).toBe('<i><b>in</b></i>');
    expect(pairs(src, r)).toEqual([
      ['<i>', '<i>'],
      ['<b>in</b>', '<b>in</b>'],
      ['</i>', '</i>'],
    ]);
  });

  it('gives every sample fixture the same output with the map as without', async () => {
    const emails = readdirSync(SAMPLES).filter((n) => !n.includes('.') && n !== 'assets');
    let renders = 0;
    for (const name of emails) {
      const email = await loadEmail(join(SAMPLES, name));
      const t = compile(email.source);
      for (const { variant } of listVariants(email)) {
        const writes: number[] = [];
        const withMap = t.render(variant.payload, { now: '2026-03-15T09:30:00Z', trace: { write: (a, b) => void writes.push(a, b) } }).output;
        expect(withMap).toBe(t.render(variant.payload, { now: '2026-03-15T09:30:00Z' }).output);
        expect(writes.at(-1)).toBe(withMap.length);
        renders++;
      }
    }
    expect(renders).toBeGreaterThan(20);
  });
});

describe('RenderMap', () => {
  it('goes back through merge tag replacements to the exact template characters', () => {
    const src = '<p>Hi %FIRSTNAME|%, see <a href="$url">this</a></p>';
    const map = new RenderMap();
    const raw = compile(src).render({ url: 'https://x.example/long/path' }, { trace: { write: (a, b, s) => map.write(a, b, s) } }).output;
    const out = applyMergeTags(raw, { FIRSTNAME: 'Alexandra' }, { onReplace: (o, t, v) => map.replace(o, t, v) }).output;
    expect(out).toBe('<p>Hi Alexandra, see <a href="https://x.example/long/path">this</a></p>');
    const at = (needle: string) => {
      const i = out.indexOf(needle);
      const s = map.spanOf(i, i + needle.length)!;
      return src.slice(s.start, s.end);
    };
    expect(at('<a ')).toBe('<a ');
    expect(at('Alexandra')).toBe('%FIRSTNAME|%');
    expect(at('https://x.example/long/path')).toBe('$url');
    expect(at('<a href="https://x.example/long/path">')).toBe('<a href="$url">');
    expect(at('this</a>')).toBe('this</a>');
  });
});

describe('findings on the rendered output', () => {
  it('carry the output location and the template line of the element, through macros and merge tags', async () => {
    const src = [
      '<html lang="en"><body>',
      '#macro(pic $u)<img src="$u" alt="">#end',
      '<p>%FIRSTNAME|friend%</p>',
      '<table><tr><td>#pic("https://x.example/a.png")</td></tr></table>',
      '</body></html>',
    ].join('\n');
    const d = await lintCase(src, { rule: 'output-img-size', fixtures: { a: {} } });
    expect(d).toHaveLength(1);
    // the <img> is written by the macro body on line 2, column 15
    expect(d[0]).toMatchObject({ line: 2, column: 15, fixture: 'a' });
    const out = d[0]!.output!;
    // html, head, body, p, table, tbody (implied), tr, td, img
    expect(out.element).toBe(8);
    // the #macro line prints nothing, not even its line break
    expect(out).toMatchObject({ line: 3, column: 16 });
  });

  it('fall back to the best matching template tag when the render cannot be repeated', async () => {
    // a render that reads the real clock may give other output the second time: no map then;
    // here the fallback is exercised through an output with no map at all
    const { outputSpan } = await import('../../src/lint/output.js');
    const { parseOutput } = await import('../../src/lint/output-doc.js');
    const source = '<img src="a.png" alt="x">\n<img src="$u">';
    const doc = parseOutput('<img src="a.png" alt="x"><img src="https://b.example/b.png">');
    const render = { map: () => undefined } as unknown as Parameters<typeof outputSpan>[0];
    const img = doc.elements.find((e) => e.name === 'img' && e.attrs.some((a) => a.value.startsWith('https')))!;
    const span = outputSpan(render, source, img.start, img.end, img);
    expect(source.slice(span.start, span.end)).toBe('<img src="$u">');
  });
});

describe('samples', () => {
  it('the welcome sample is read with a source map that points into its template', () => {
    const src = readFileSync(join(SAMPLES, 'welcome', 'email.html'), 'utf8');
    const r = mapped(src, {});
    for (const w of r.writes) expect(w.span.end).toBeLessThanOrEqual(src.length);
  });
});

describe('the source map of a lint render', () => {
  it('is the same when recorded in the first render (a template with disable comments) as when made by a second render', async () => {
    const project = loadProject(SAMPLES);
    let compared = 0;
    for (const e of project.emails) {
      const email = await loadEmail(e.dir, { name: e.name });
      const parts = [bodyPart(email)];
      const later = renderSetup(parts, project.config, false, false);
      const first = renderSetup(parts, project.config, false, true);
      for (const { variant } of listVariants(email)) {
        const a = renderVariant(email, later, variant);
        const b = renderVariant(email, first, variant);
        expect(b.html).toBe(a.html);
        if (a.html === undefined) continue;
        const ma = a.map()!;
        const mb = b.map()!;
        for (let at = 0; at < a.html.length; at += 97) {
          expect(mb.spanOf(at, at + 5)).toEqual(ma.spanOf(at, at + 5));
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(2000);
  });

  it('places a finding the same, and a disable comment hides it the same, with the map recorded first', async () => {
    const template = '<html><body>\n<p>$!name</p>\n<a href="">x</a>\n## velvet-disable-next-line output-empty-url\n<a href="">y</a>\n</body></html>';
    const found = await lintCase(template, { fixtures: { a: { name: 'A' } }, rule: 'output-empty-url' });
    expect(found.map((d) => [d.line, d.column])).toEqual([[3, 1]]);
  });
});
