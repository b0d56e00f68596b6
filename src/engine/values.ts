/**
 * The Java value model. Templates only ever see these values; the evaluator never calls a
 * JavaScript method on one of them (see methods.ts for the explicit method table).
 *
 * | Java type        | JavaScript representation                          |
 * |------------------|----------------------------------------------------|
 * | null             | `null`                                             |
 * | String           | `string`                                           |
 * | Boolean          | `boolean`                                          |
 * | Integer          | `number` (always an integer in int32 range)        |
 * | Long             | `bigint` (int64 range)                             |
 * | Double           | `JDouble`                                          |
 * | Float            | `JFloat` (a JDouble printed as a float)            |
 * | BigInteger       | `JBigInteger`                                      |
 * | BigDecimal       | `JBigDecimal`                                      |
 * | Map (ordered)    | `JMap`                                             |
 * | List (ArrayList) | `JList` (a plain array)                            |
 * | Set view         | `JSet` (keySet/entrySet results)                   |
 * | Map.Entry        | `JEntry`                                           |
 * | Character        | `JChar` (charAt results)                           |
 * | other objects    | `JObject` subclasses (tools, blocks, $foreach)     |
 */
export type Value =
  | null
  | string
  | boolean
  | number
  | bigint
  | JDouble
  | JBigInteger
  | JBigDecimal
  | JMap
  | JList
  | JSet
  | JEntry
  | JChar
  | JObject;

export type JList = Value[];

/** A Java Double. */
export class JDouble {
  constructor(readonly v: number) {}
}

/** A Java Float (floatValue() results): a Double in arithmetic, printed as Float.toString. */
export class JFloat extends JDouble {}

/** A Java BigInteger (JSON integers beyond the 64-bit range). */
export class JBigInteger {
  constructor(readonly v: bigint) {}
}

/** A Java BigDecimal: unscaled * 10^-scale. */
export class JBigDecimal {
  constructor(
    readonly unscaled: bigint,
    readonly scale: number,
  ) {}
}

/** A Java Character (String.charAt). */
export class JChar {
  constructor(readonly c: string) {}
}

/** Key used for JMap lookups: Java equality of keys mapped to JavaScript identity. */
export type MapKey = string | number | bigint | boolean | null;

/** An insertion-ordered Java map (LinkedHashMap). */
export class JMap {
  readonly keys = new Map<MapKey, Value>();
  /** Original key values, for keys that are not their own MapKey (e.g. Doubles); made on demand. */
  original: Map<MapKey, Value> | undefined = undefined;
}

/** A Java map view (keySet(), entrySet(), values() collections). */
export class JSet {
  constructor(
    private readonly snapshot: Value[],
    /** The map this is a view of (its structural changes end a #foreach over the view). */
    readonly source?: JMap,
    /** values() is a Collection, not a Set: its equals() is identity. */
    readonly isSet = true,
    /** Reads the view's elements from its map again: the view is live, as in Java. */
    private readonly refresh?: () => Value[],
  ) {}
  /** The view's elements now. */
  get items(): Value[] {
    return this.refresh ? this.refresh() : this.snapshot;
  }
}

/** A Java Map.Entry. */
export class JEntry {
  constructor(
    readonly key: Value,
    readonly value: Value,
  ) {}
}

/** Base for other Java objects exposed to templates (tools, $foreach, #define blocks). */
export abstract class JObject {
  /** Java class name, used in error messages like Velocity's. */
  abstract readonly javaClass: string;
}

export function isList(v: Value): v is JList {
  return Array.isArray(v);
}
