/**
 * A bounded cache keyed by text, for what the output checks work out once per distinct tag,
 * style, URL or style sheet. Templates and their data are untrusted, so it holds at most
 * `entries` keys and `chars` characters of keys in all (it starts again empty when either would
 * be passed), and a key longer than `longest` is not kept at all: its value is worked out again.
 * A key is kept as a copy of its own: a tag or a style cut out of a rendered output with `slice`
 * is a view of the whole output in V8, and would keep the output alive as long as the key.
 */
export class TextMemo<V> {
  private readonly map = new Map<string, V>();
  private held = 0;

  constructor(
    private readonly entries = 10_000,
    private readonly longest = 4096,
    private readonly chars = 4_000_000,
  ) {}

  get(key: string): V | undefined {
    return this.map.get(key);
  }

  has(key: string): boolean {
    return this.map.has(key);
  }

  /** Keeps `value` for `key` (unless the key is too long) and gives it back. */
  set(key: string, value: V): V {
    if (key.length > this.longest) return value;
    if (this.map.size >= this.entries || this.held + key.length > this.chars) {
      this.map.clear();
      this.held = 0;
    }
    if (this.map.has(key)) this.map.set(key, value);
    else {
      this.held += key.length;
      this.map.set(ownCopy(key), value);
    }
    return value;
  }
}

/**
 * A string with its own characters: V8 flattens the joined string into a new one, and the slice
 * is a view of that (one character longer), not of the text `s` was cut from.
 */
export function ownCopy(s: string): string {
  return (' ' + s).slice(1);
}
