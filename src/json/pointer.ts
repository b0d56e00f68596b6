/** RFC 6901 JSON pointers and the position tree the parser builds. */

/** Position of one value: offset of the value, of its key, and of its children. */
export interface Node {
  at: number;
  key?: number;
  kids?: Map<string, Node> | Node[];
}

/** Split an RFC 6901 pointer into unescaped segments; undefined if malformed. */
export function pointerSegments(pointer: string): string[] | undefined {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) return undefined;
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Build a pointer from segments, escaping `~` and `/`. */
export function toPointer(segments: readonly (string | number)[]): string {
  return segments.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

export function walk(root: Node, pointer: string): Node | undefined {
  const segs = pointerSegments(pointer);
  if (!segs) return undefined;
  let node: Node | undefined = root;
  for (const seg of segs) {
    const kids: Node['kids'] = node?.kids;
    if (!kids) return undefined;
    node = Array.isArray(kids) ? (/^(0|[1-9]\d*)$/.test(seg) ? kids[Number(seg)] : undefined) : kids.get(seg);
  }
  return node;
}
