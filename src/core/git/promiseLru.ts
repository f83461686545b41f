import { LruCache } from '../util/lruCache';

/**
 * A bounded LRU of promises for immutable (SHA-keyed) git results. Concurrent identical requests
 * share one promise; a rejected promise is dropped so failures and cancellations are never cached.
 */
export class PromiseLru<V> {
  private readonly lru: LruCache<string, Promise<V>>;

  constructor(maxEntries = 256) {
    this.lru = new LruCache(maxEntries);
  }

  get size(): number {
    return this.lru.size;
  }

  /** Returns the cached promise for `key`, or starts `create()` and caches it. */
  getOrCreate(key: string, create: () => Promise<V>): Promise<V> {
    const hit = this.lru.get(key);
    if (hit) return hit;
    const p = create();
    this.lru.set(key, p);
    p.catch(() => this.lru.delete(key, p));
    return p;
  }

  clear(): void {
    this.lru.clear();
  }
}
