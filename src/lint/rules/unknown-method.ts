import { knownMethodNames } from '../../engine/index.js';
import { defineRule, didYouMean } from '../util.js';

/** Methods of Yespo's tools: VelocityTools MathTool and NumberTool, and Yespo's own $dateTool. */
export const TOOL_METHODS: Record<string, readonly string[]> = {
  mathTool: ['abs', 'add', 'ceil', 'div', 'floor', 'getAverage', 'getRandom', 'getTotal', 'idiv', 'max', 'min', 'mod', 'mul', 'neg', 'pow', 'random', 'round', 'roundTo', 'sub', 'toDouble', 'toInteger', 'toNumber'],
  numberTool: ['currency', 'format', 'getLocale', 'getFormat', 'integer', 'number', 'percent', 'toNumber'],
  dateTool: ['currentDate', 'currentTimeStamp', 'formatDate', 'formatInContactTimezone', 'addYears', 'addMonths', 'addDays', 'addHours', 'addMinutes', 'diff'],
};
const FOREACH = ['hasNext', 'getHasNext', 'getCount', 'getIndex', 'isFirst', 'getFirst', 'isLast', 'getLast', 'getParent', 'getTopmost', 'getReplaced'];
const OBJECT = ['toString', 'hashCode', 'equals', 'getClass'];

/** Method calls that nothing in the engine's method table answers: Velocity prints them as written. */
export const unknownMethod = defineRule(
  { id: 'unknown-method', description: 'Methods the engine does not know on any value or tool (they render literally)', defaultSeverity: 'warning', parts: 'all' },
  (c) => {
    if (!c.ast) return;
    const values = new Set([...knownMethodNames(), ...OBJECT]);
    for (const u of c.analysis().uses) {
      u.ref.parts.forEach((p, i) => {
        if (p.kind !== 'method') return;
        let known: Iterable<string> = values;
        let on = 'any value';
        if (i === 0 && u.resolved.kind === 'tool') {
          known = TOOL_METHODS[u.ref.root] ?? [];
          on = `$${u.ref.root}`;
        } else if (i === 0 && u.resolved.kind === 'foreach') {
          known = [...FOREACH, ...OBJECT];
          on = '$foreach';
        }
        const set = known instanceof Set ? known : new Set(known);
        if (set.has(p.name)) return;
        const hint = didYouMean(p.name, set);
        c.report({
          message: `'${p.name}()' is not a method of ${on} Velocity can call, so the reference prints as written${hint ? `; did you mean '${hint}()'?` : ''}`,
          span: { start: p.span.start + 1, end: p.span.start + 1 + p.name.length },
        });
      });
    }
  },
);
