/**
 * Java's possessive quantifiers (`a*+`, `[ab]++`, `(x|y)?+`, `\d{2,}+`) in JavaScript, which has
 * none: `X*+` becomes `(?=(X*))\N`, a lookahead (atomic in JavaScript) that captures what X* takes
 * and a backreference that consumes exactly that. The capture groups this adds are hidden: the
 * caller drops them from match results, and the pattern's own backreferences are renumbered.
 */
export interface Atomic {
  source: string;
  /** Group numbers (1-based) added for possessive quantifiers, to leave out of results. */
  hidden: number[];
}

interface Open {
  pos: number;
  hidden: boolean;
  id: number;
}

export function possessive(src: string): Atomic {
  if (!/[*+?}]\+/.test(src)) return { source: src, hidden: [] };
  let out = '';
  const opens: Open[] = [];
  const stack: number[] = [];
  let atomStart = -1;
  let ids = 0;
  const origIds: number[] = []; // the pattern's own group n -> open id
  for (let i = 0; i < src.length; ) {
    const c = src[i]!;
    if (c === '\\') {
      const m = /^\\(?:[pPxk]\{[^}]*\}|k<[^>]*>|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|c[a-zA-Z]|(\d+)|[\s\S])/.exec(src.slice(i));
      if (!m) {
        // a backslash that ends the pattern: left as it is, for the pattern's compile to refuse
        out += c;
        i++;
        continue;
      }
      atomStart = out.length;
      out += m[1] !== undefined && origIds[Number(m[1]) - 1] !== undefined ? `\\\u0000${origIds[Number(m[1]) - 1]}\u0000` : m[0];
      i += m[0].length;
      continue;
    }
    if (c === '[') {
      let j = i + 1;
      let depth = 1;
      if (src[j] === '^') j++;
      if (src[j] === ']') j++;
      for (; j < src.length && depth > 0; j++) {
        if (src[j] === '\\') j++;
        else if (src[j] === '[') depth++;
        else if (src[j] === ']') depth--;
      }
      atomStart = out.length;
      out += src.slice(i, j);
      i = j;
      continue;
    }
    if (c === '(') {
      const capturing = src[i + 1] !== '?' || (src[i + 2] === '<' && src[i + 3] !== '=' && src[i + 3] !== '!');
      stack.push(out.length);
      if (capturing) {
        opens.push({ pos: out.length, hidden: false, id: ++ids });
        origIds.push(ids);
      }
      out += c;
      i++;
      continue;
    }
    if (c === ')') {
      atomStart = stack.pop() ?? -1;
      out += c;
      i++;
      continue;
    }
    const q = /^(?:[*+?]|\{\d+(?:,\d*)?\})/.exec(src.slice(i));
    if (q && atomStart >= 0) {
      i += q[0].length;
      if (src[i] === '+') {
        const atom = out.slice(atomStart);
        const id = ++ids;
        opens.push({ pos: atomStart - 0.5, hidden: true, id });
        out = out.slice(0, atomStart) + `(?=(${atom}${q[0]}))\\\u0000${id}\u0000`;
        i++;
      } else out += q[0];
      atomStart = -1;
      continue;
    }
    atomStart = c === '|' || c === '^' || c === '$' ? -1 : out.length;
    out += c;
    i++;
  }
  // group numbers follow the order in which the groups open
  const order = [...opens].sort((a, b) => a.pos - b.pos);
  const number = new Map(order.map((o, k) => [o.id, k + 1]));
  return {
    source: out.replace(/\\\u0000(\d+)\u0000/g, (_m, id: string) => `\\${number.get(Number(id))}`),
    hidden: order.flatMap((o, k) => (o.hidden ? [k + 1] : [])),
  };
}
