/**
 * A bounded cache keyed by text, for what the output checks work out once per distinct tag,
 * style, URL or style sheet. Templates and their data are untrusted, so it holds at most
 * `entries` keys and `chars` characters of keys in all (it starts again empty when either would
 * be passed), and a key longer than `longest` is not kept at all: its value is worked out again.
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
    if (!this.map.has(key)) this.held += key.length;
    this.map.set(key, value);
    return value;
  }
}
