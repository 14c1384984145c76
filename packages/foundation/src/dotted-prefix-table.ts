/**
 * A table keyed by dotted logger-name prefixes, matched on dot boundaries: `app` matches `app` and
 * `app.db`, never `apple`. The longest matching prefix wins. Used for module levels and logger-name emoji;
 * both are looked up once per logger name per setup, so this favours clarity over speed.
 */
export class DottedPrefixTable<T> {
  private readonly entries: ReadonlyMap<string, T>;

  constructor(entries: Iterable<readonly [string, T]>) {
    this.entries = new Map(entries);
  }

  get size(): number {
    return this.entries.size;
  }

  /** The value of the longest prefix of `name` that ends at a dot or at the end of the name. */
  match(name: string): T | undefined {
    const entries = this.entries;
    if (entries.size === 0) return undefined;
    let prefix = name;
    for (;;) {
      const value = entries.get(prefix);
      if (value !== undefined) return value;
      const dot = prefix.lastIndexOf('.');
      if (dot <= 0) return undefined;
      prefix = prefix.slice(0, dot);
    }
  }
}
