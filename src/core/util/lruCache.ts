/** A small least-recently-used map: bounded, so no cache (parsed maps, git results) grows without limit. */
export class LruCache<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(private readonly maxEntries: number) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      // Map keeps insertion order: re-inserting marks the entry most recently used.
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > Math.max(1, this.maxEntries)) {
      const oldest = this.entries.keys().next().value as K;
      this.entries.delete(oldest);
    }
  }

  /** Removes `key`, only while it still maps to `expected` when that is given. */
  delete(key: K, expected?: V): void {
    if (expected === undefined || this.entries.get(key) === expected) this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
