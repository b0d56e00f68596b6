/**
 * `$x.class` and `$x.getClass()`: Velocity hands templates the java.lang.Class of a value. velvet
 * gives a stand-in that prints as Java does (`class java.util.LinkedHashMap`) and answers only
 * getName() and getSimpleName(); nothing else reflective is reachable through it (no forName,
 * no getMethods), a deliberate difference listed in test/conformance/DEVIATIONS.md.
 */
import { JBigDecimal, JBigInteger, JChar, JDouble, JEntry, JFloat, JMap, JObject, JSet, type Value } from '../values.js';
import { NO_METHOD, type MethodResult } from './core.js';
import { arrayClass, readOnlyClass, viewClass } from './arrays.js';

export class JClass extends JObject {
  readonly javaClass = 'java.lang.Class';
  constructor(readonly name: string) {
    super();
  }
  get simpleName(): string {
    const arr = /^\[+/.exec(this.name);
    if (arr) {
      const el = this.name.slice(arr[0].length);
      const base = PRIMITIVES[el] ?? simple(el.replace(/^L|;$/g, ''));
      return base + '[]'.repeat(arr[0].length);
    }
    return simple(this.name);
  }
  callMethod(name: string, args: Value[]): MethodResult | typeof NO_METHOD {
    if (args.length !== 0) return NO_METHOD;
    if (name === 'getName' || name === 'getTypeName') return this.name;
    if (name === 'getSimpleName') return this.simpleName;
    if (name === 'toString') return this.javaToString();
    return NO_METHOD;
  }
  javaToString(): string {
    return 'class ' + this.name;
  }
}

const PRIMITIVES: Record<string, string> = { B: 'byte', C: 'char', I: 'int', J: 'long', D: 'double', Z: 'boolean' };
const simple = (n: string) => n.slice(Math.max(n.lastIndexOf('.'), n.lastIndexOf('$')) + 1);

const entrySets = new WeakSet<JSet>();
/** Marks a view as a map's entrySet() (for its class name). */
export function markEntrySet(s: JSet): JSet {
  entrySets.add(s);
  return s;
}

/** The Java class name of a value. */
export function classNameOf(v: Value): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'string':
      return 'java.lang.String';
    case 'boolean':
      return 'java.lang.Boolean';
    case 'number':
      return 'java.lang.Integer';
    case 'bigint':
      return 'java.lang.Long';
  }
  if (v instanceof JFloat) return 'java.lang.Float';
  if (v instanceof JDouble) return 'java.lang.Double';
  if (v instanceof JBigDecimal) return 'java.math.BigDecimal';
  if (v instanceof JBigInteger) return 'java.math.BigInteger';
  if (v instanceof JChar) return 'java.lang.Character';
  if (Array.isArray(v)) return arrayClass(v) ?? readOnlyClass(v) ?? viewClass(v) ?? 'java.util.ArrayList';
  if (v instanceof JMap) return 'java.util.LinkedHashMap';
  if (v instanceof JSet) {
    if (!v.isSet) return 'java.util.LinkedHashMap$LinkedValues';
    return entrySets.has(v) ? 'java.util.LinkedHashMap$LinkedEntrySet' : 'java.util.LinkedHashMap$LinkedKeySet';
  }
  if (v instanceof JEntry) return 'java.util.LinkedHashMap$Entry';
  if (v instanceof JObject) return v.javaClass;
  return 'java.lang.Object';
}

export function javaClassOf(v: Value): JClass {
  return new JClass(classNameOf(v));
}
