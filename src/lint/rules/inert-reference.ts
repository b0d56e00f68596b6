import { defineRule } from '../util.js';

/**
 * What a reference that names no variable was meant to be: `{$city}` right after a reference and
 * `${$city}` are `${city}`, `{$!city}` and `${$!city}` are `$!{city}`. Undefined when the text is
 * not such a reference. The lint message and the editor's quick fix both use it.
 */
export function inertReferenceFix(literal: string): string | undefined {
  const m = /^(\$?)\{(\$!?)([A-Za-z][\s\S]*)\}$/.exec(literal);
  if (!m) return undefined;
  return `${m[2] === '$!' ? '$!' : '$'}{${m[3]}}`;
}

/**
 * A reference whose name the lexer glued to a '$': `${$b}`, and `{$b}` right after another
 * reference (`$!name{$b}`, read as a formal reference without its own '$'). It names no variable,
 * so Velocity prints it as written, which is never what its author meant.
 */
export const inertReference = defineRule(
  { id: 'inert-reference', description: "References that name no variable and print as written: '${$b}', and '{$b}' right after a reference", defaultSeverity: 'warning', parts: 'all' },
  (c) => {
    if (!c.ast) return;
    for (const u of c.analysis().uses) {
      if (!u.inText || u.resolved.kind !== 'inert') continue;
      const meant = inertReferenceFix(u.ref.literal);
      if (meant === undefined) continue;
      const afterReference = u.ref.literal.startsWith('{');
      c.report({
        message: `'${u.ref.literal}'${afterReference ? ' right after a reference' : ''} names no variable: Velocity prints it as written; write '${meant}'`,
        span: u.ref.span,
      });
    }
  },
);
