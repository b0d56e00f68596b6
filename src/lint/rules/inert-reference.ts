import { defineRule } from '../util.js';

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
      if (!u.inText || u.resolved.kind !== 'inert' || !u.ref.root.startsWith('$')) continue;
      const name = u.ref.root.replace(/^[$!\\]+/, '');
      if (!/^[A-Za-z]/.test(name)) continue;
      const afterReference = u.ref.literal.startsWith('{');
      c.report({
        message: `'${u.ref.literal}'${afterReference ? ' right after a reference' : ''} names no variable: Velocity prints it as written; write '\${${name}}' to print $${name}`,
        span: u.ref.span,
      });
    }
  },
);
