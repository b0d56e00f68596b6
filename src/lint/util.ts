/** Small helpers shared by rules: "did you mean", payload shapes of fixtures, rule definition. */
import { JMap, type Value } from '../engine/values.js';
import type { RenderedVariant, Rule, RuleContext, RuleMeta } from './types.js';

/** Declares a rule; `docs` defaults to docs/rules/<id>.md. */
export function defineRule(
  meta: Omit<RuleMeta, 'docs' | 'needs' | 'parts'> & Partial<Pick<RuleMeta, 'docs' | 'needs' | 'parts'>>,
  create: (c: RuleContext) => void | Promise<void>,
): Rule {
  return { meta: { docs: `docs/rules/${meta.id}.md`, needs: 'template', parts: 'body', ...meta }, create };
}

export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur.push(Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost));
    }
    prev = cur;
  }
  return prev[b.length]!;
}

/** The closest candidate (case-insensitive match first, then at most 2 edits), if any. */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestScore = Number.POSITIVE_INFINITY;
  const lower = word.toLowerCase();
  for (const c of candidates) {
    if (c === word) continue;
    const score = c.toLowerCase() === lower ? 0 : levenshtein(lower, c.toLowerCase());
    const limit = Math.max(1, Math.min(2, Math.floor(word.length / 2)));
    if (score <= limit && score < bestScore) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}

/** Paths per payload: the body, subject and preheader of an email ask for the same ones. */
const provided = new WeakMap<object, Set<string>>();

/** Every path (`a.b`, `items[]`, `items[].name`) the fixtures' payloads provide. */
export function providedPaths(renders: readonly RenderedVariant[]): Set<string> {
  if (renders.length === 1) return pathsOf(renders[0]!.variant.payload);
  const out = new Set<string>();
  for (const r of renders) for (const p of pathsOf(r.variant.payload)) out.add(p);
  return out;
}

function pathsOf(payload: Value): Set<string> {
  const key = payload as object;
  const known = provided.get(key);
  if (known) return known;
  const out = new Set<string>();
  const visit = (v: Value, prefix: string, depth: number) => {
    if (depth > 12) return;
    if (v instanceof JMap) {
      for (const [k, child] of v.keys) {
        if (typeof k !== 'string') continue;
        const p = prefix ? `${prefix}.${k}` : k;
        out.add(p);
        visit(child, p, depth + 1);
      }
    } else if (Array.isArray(v)) {
      const p = `${prefix}[]`;
      if (v.length > 0) out.add(p);
      for (const child of v) visit(child, p, depth + 1);
    }
  };
  visit(payload, '', 0);
  provided.set(key, out);
  return out;
}

/** Keys found directly under `parent` in the provided paths. */
export function siblingKeys(provided: Set<string>, parent: string): string[] {
  const out: string[] = [];
  const prefix = parent ? `${parent}.` : '';
  for (const p of provided) {
    if (!p.startsWith(prefix)) continue;
    const rest = p.slice(prefix.length);
    if (rest && !/[.[]/.test(rest)) out.push(rest);
  }
  return out;
}

/** `$!x` for a reference written `$x` / `${x}`. */
export function quietForm(literal: string): string {
  return literal.startsWith('$!') ? literal : `$!${literal.slice(1)}`;
}
