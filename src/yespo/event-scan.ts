/**
 * Everything an event body says, as the server and the workflow may read it: every string at any
 * depth (keys too), JSON held in strings parsed again (v1 params carry escaped JSON, and that
 * JSON may hold more), and each string also with its JSON escapes (`\u0040`) and percent escapes
 * (`%40`) decoded. The scan uses an explicit stack, so no nesting depth hides anything.
 */

/** Each text an event holds, in the forms a reader may decode it to. */
export function eventTexts(body: unknown, text?: string): { values: string[]; forms: string[] } {
  const values: string[] = [];
  const stack: unknown[] = [body];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') {
      values.push(v);
      const t = v.trim();
      if ((t.startsWith('{') || t.startsWith('[') || t.startsWith('"')) && t.length > 1) {
        try {
          stack.push(JSON.parse(t) as unknown);
        } catch {
          // not JSON: its text is searched as it is
        }
      }
    } else if (Array.isArray(v)) {
      // pushed last-first, so they are taken in document order
      for (let i = v.length - 1; i >= 0; i--) stack.push(v[i]);
    } else if (v && typeof v === 'object') {
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) stack.push(entries[i]?.[1], entries[i]?.[0]);
    }
  }
  const forms = new Set<string>();
  for (const s of text === undefined ? values : [...values, text]) for (const f of decodedForms(s)) forms.add(f);
  return { values, forms: [...forms] };
}

/** `s`, and `s` with JSON and percent escapes decoded, repeatedly until nothing changes. */
export function decodedForms(s: string): string[] {
  const out = [s];
  let cur = s;
  for (let round = 0; round < 32; round++) {
    const next = percentDecode(jsonUnescape(cur));
    if (next === cur) break;
    out.push(next);
    cur = next;
  }
  return out;
}

function jsonUnescape(s: string): string {
  if (!s.includes('\\')) return s;
  return s.replace(/\\(?:u([0-9a-fA-F]{4})|(["\\/bfnrt]))/g, (_m, hex: string | undefined, c: string | undefined) => {
    if (hex !== undefined) return String.fromCharCode(parseInt(hex, 16));
    return ({ b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' } as Record<string, string>)[c ?? ''] ?? c ?? '';
  });
}

function percentDecode(s: string): string {
  if (!s.includes('%')) return s;
  return s.replace(/%([0-9a-fA-F]{2})/g, (m, hex: string) => {
    const code = parseInt(hex, 16);
    return code < 0x80 ? String.fromCharCode(code) : m;
  });
}

/** An address with an IP-literal domain: `victim@[203.0.113.5]`, `a@[IPv6:2001:db8::1]`. */
const IP_LITERAL = /[^\s@<>,;:"'()[\]{}\\|]@\s*\[(?:IPv6:)?[0-9A-Fa-f:.]+\]/i;
/** An address with a quoted local part: `"victim"@evil.com`, `"a b"@x.com`. */
const QUOTED_LOCAL = /"[^"\n]*"\s*@\s*[^\s@<>,;:"'()[\]{}\\|]+\.[^\s@<>,;:"'()[\]{}\\|]/;

/**
 * Address forms the allow-list cannot judge (the mail system reads them, velvet's matching does
 * not): IP-literal domains anywhere, and quoted local parts in strings that are not JSON text.
 */
export function unjudgeableAddresses(body: unknown, text?: string): string[] {
  const { values, forms } = eventTexts(body, text);
  const found = new Set<string>();
  for (const f of forms) {
    const m = IP_LITERAL.exec(f);
    if (m) found.add(excerpt(f, m.index, m[0].length));
  }
  for (const v of values) {
    for (const f of decodedForms(v)) {
      if (looksLikeJson(f)) continue;
      const m = QUOTED_LOCAL.exec(f);
      if (m) found.add(excerpt(f, m.index, m[0].length));
    }
  }
  return [...found];
}

function looksLikeJson(s: string): boolean {
  const t = s.trim();
  if (!(t.startsWith('{') || t.startsWith('['))) return false;
  try {
    JSON.parse(t);
    return true;
  } catch {
    return false;
  }
}

function excerpt(s: string, at: number, length: number): string {
  const start = Math.max(0, s.lastIndexOf(' ', at) + 1, at - 40);
  return s.slice(start, at + length + 40).split(/[\s,;]/).find((w) => w.includes('@')) ?? s.slice(at, at + length);
}
