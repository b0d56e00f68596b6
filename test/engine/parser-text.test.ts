import { describe, expect, it } from 'vitest';
import { parse, render } from '../../src/engine/index.js';

// Plain HTML lines are read in runs; a line that starts (after its indentation) with '#', '$' or
// '\' ends the run, so directive lines are still gobbled as Velocity gobbles them.
describe('text over many lines', () => {
  it('keeps a run of plain lines in one text node with its span', () => {
    const src = '<p>\n  x\r\n\n\t </p>\n#if(true)y#end';
    const ast = parse(src);
    expect(ast.nodes[0]).toEqual({ kind: 'text', value: '<p>\n  x\r\n\n\t </p>\n', span: { start: 0, end: 17 } });
    expect(ast.nodes[1]!.kind).toBe('if');
  });

  it('ends the run at a line that starts with a directive, a reference or a backslash', () => {
    const data = { x: 1 };
    expect(render('a\n  #set($y = 1)\nb', data).output).toBe('a\nb');
    expect(render('a\n\t#if($x)\n  in\n  #end\nb', data).output).toBe('a\n  in\nb');
    expect(render('a\n  $x\nb\n', data).output).toBe('a\n  1\nb\n');
    expect(render('a\n  \\$x\nb', data).output).toBe('a\n  $x\nb');
    expect(render('a\n  ## comment\nb', data).output).toBe('a\n  b');
    expect(render('a\n   \n  #set($y = 1)\n  \n', data).output).toBe('a\n   \n  \n');
    expect(render('a\r\n  #set($y = 1)\r\nb', data).output).toBe('a\r\nb');
  });
});
