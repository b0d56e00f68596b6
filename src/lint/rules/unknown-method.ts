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
/** The engine's method table does not change while running: its names are collected once. */
let known: Set<string> | undefined;
const TOOL_SETS = new Map<string, Set<string>>();
const FOREACH_SET = new Set([...FOREACH, ...OBJECT]);

/** Method calls that nothing in the engine's method table answers: Velocity prints them as written. */
export const unknownMethod = defineRule(
  { id: 'unknown-method', description: 'Methods the engine does not know on any value or tool (they render literally)', defaultSeverity: 'warning', parts: 'all' },
  (c) => {
    if (!c.ast) return;
    const values = (known ??= new Set([...knownMethodNames(), ...OBJECT]));
    for (const u of c.analysis().uses) {
      u.ref.parts.forEach((p, i) => {
        if (p.kind !== 'method') return;
        let set: Set<string> = values;
        let on = 'any value';
        if (i === 0 && u.resolved.kind === 'tool') {
          const root = u.ref.root;
          set = TOOL_SETS.get(root) ?? new Set(TOOL_METHODS[root] ?? []);
          TOOL_SETS.set(root, set);
          on = `$${root}`;
        } else if (i === 0 && u.resolved.kind === 'foreach') {
          set = FOREACH_SET;
          on = '$foreach';
        }
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
