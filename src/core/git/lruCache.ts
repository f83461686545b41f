/**
 * A bounded LRU of promises for immutable (SHA-keyed) git results. Concurrent identical requests
 * share one promise; a rejected promise is dropped so failures and cancellations are never cached.
 */
export class PromiseLru<V> {
  private readonly map = new Map<string, Promise<V>>();

  constructor(private readonly maxEntries = 256) {}

  get size(): number {
    return this.map.size;
  }

  /** Returns the cached promise for `key`, or starts `create()` and caches it. */
  getOrCreate(key: string, create: () => Promise<V>): Promise<V> {
    const hit = this.map.get(key);
    if (hit) {
      // Re-insert to mark as most recently used (Map keeps insertion order).
      this.map.delete(key);
      this.map.set(key, hit);
      return hit;
    }
    const p = create();
    this.map.set(key, p);
    p.catch(() => {
      if (this.map.get(key) === p) this.map.delete(key);
    });
    while (this.map.size > this.maxEntries) {
      const oldest = this.map.keys().next().value as string;
      this.map.delete(oldest);
    }
    return p;
  }

  clear(): void {
    this.map.clear();
  }
}
