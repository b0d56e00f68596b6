/**
 * Inline switches in Velocity comments (they never reach the output):
 *   ## velvet-disable-next-line rule-a, rule-b   the next line only
 *   ## velvet-disable rule-a                     from here to the end (or ## velvet-enable rule-a)
 * Without rule ids they apply to every rule. Text after ` -- ` is a free-form reason.
 */
export interface DisableMap {
  isDisabled(ruleId: string, line: number): boolean;
  /** Whether some line is disabled for the rule (by a comment that names it or names no rule). */
  mayHide(ruleId: string): boolean;
}

interface Range {
  rules: Set<string> | undefined;
  from: number;
  to: number;
}

const COMMENT = /##\s*velvet-(disable-next-line|disable|enable)\b([^\r\n]*)/g;

export function disableMap(source: string): DisableMap {
  if (!source.includes('velvet-')) return { isDisabled: () => false, mayHide: () => false };
  const ranges: Range[] = [];
  const open: Range[] = [];
  const lineOf = lineCounter(source);
  for (const m of source.matchAll(COMMENT)) {
    const line = lineOf(m.index);
    const ids = (m[2] ?? '').split(' -- ')[0]!.split(/[\s,]+/).filter(Boolean);
    const rules = ids.length > 0 ? new Set(ids) : undefined;
    if (m[1] === 'disable-next-line') ranges.push({ rules, from: line + 1, to: line + 1 });
    else if (m[1] === 'disable') {
      // one range per rule, so that `velvet-enable a` ends `a` and leaves the others disabled
      for (const one of rules ? [...rules].map((id) => new Set([id])) : [undefined]) {
        const r = { rules: one, from: line, to: Number.POSITIVE_INFINITY };
        ranges.push(r);
        open.push(r);
      }
    } else {
      for (const r of open) {
        if (r.to !== Number.POSITIVE_INFINITY) continue;
        if (!rules || !r.rules || [...r.rules].every((id) => rules.has(id))) r.to = line;
      }
    }
  }
  return {
    mayHide: (ruleId) => ranges.some((r) => r.from <= r.to && (!r.rules || r.rules.has(ruleId))),
    isDisabled: (ruleId, line) => ranges.some((r) => line >= r.from && line <= r.to && (!r.rules || r.rules.has(ruleId))),
  };
}

function lineCounter(source: string): (offset: number) => number {
  let line = 1;
  let at = 0;
  if (source.indexOf('\r') < 0) {
    // LF only: count the line ends with indexOf rather than a loop over every character
    return (offset) => {
      for (let i = source.indexOf('\n', at); i >= 0 && i < offset; i = source.indexOf('\n', i + 1)) line++;
      at = Math.max(at, offset);
      return line;
    };
  }
  return (offset) => {
    for (; at < offset; at++) {
      const c = source.charCodeAt(at);
      if (c === 10 || (c === 13 && source.charCodeAt(at + 1) !== 10)) line++;
    }
    return line;
  };
}
