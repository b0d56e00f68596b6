/**
 * The source map of one render: which template span wrote each range of the output, through the
 * merge tag step that runs after the render. An offset in the final output (what the preview
 * frame shows) goes back through the merge tag replacements to the engine's output, and from
 * there to the node that wrote it. Inside text copied verbatim from the template (the bulk of
 * an email's HTML) the position is exact to the character; inside a reference's value it is
 * the reference.
 */
import type { Span } from '../engine/index.js';

export class RenderMap {
  /** Per write: output start, output end, template span start, span end (4 numbers each). */
  private readonly writes: number[] = [];
  /** Per merge tag replaced: raw offset, raw length, output offset, output length. */
  private readonly tags: number[] = [];
  private delta = 0;

  /** The RenderTrace.write hook. */
  write(start: number, end: number, span: Span): void {
    this.writes.push(start, end, span.start, span.end);
  }

  /** The MergeTagOptions.onReplace hook (tags come in order). */
  replace(offset: number, tag: string, value: string): void {
    this.tags.push(offset, tag.length, offset + this.delta, value.length);
    this.delta += value.length - tag.length;
  }

  /** The template span that wrote output [start, end) (end > start; a point for end == start). */
  spanOf(start: number, end = start): Span | undefined {
    const a = this.point(start);
    if (!a) return undefined;
    const b = end > start ? this.point(end - 1) : undefined;
    return { start: a.start, end: b && b.end >= a.start ? b.end : Math.max(a.start, a.end) };
  }

  /** Span of the character at output offset `at`: one character of copied text, else its writer. */
  private point(at: number): Span | undefined {
    const [raw, tagLength] = this.rawOffset(at);
    const w = this.writes;
    let lo = 0;
    let hi = w.length / 4 - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const i = mid * 4;
      if (raw < w[i]!) hi = mid - 1;
      else if (raw >= w[i + 1]!) lo = mid + 1;
      else {
        const os = w[i]!;
        const ss = w[i + 2]!;
        const se = w[i + 3]!;
        // copied text has the length of its span: the character is at the same distance
        if (w[i + 1]! - os === se - ss) return { start: ss + raw - os, end: ss + raw - os + Math.max(1, tagLength) };
        return { start: ss, end: se };
      }
    }
    return undefined;
  }

  /** The engine-output offset of a final-output offset; inside a merge tag's value, the tag's offset and length. */
  private rawOffset(at: number): [number, number] {
    const t = this.tags;
    let shift = 0;
    for (let i = 0; i < t.length; i += 4) {
      const outAt = t[i + 2]!;
      const outEnd = outAt + t[i + 3]!;
      if (at < outAt) break;
      if (at < outEnd) return [t[i]!, t[i + 1]!];
      shift = t[i]! + t[i + 1]! - outEnd;
    }
    return [at + shift, 0];
  }
}
