/** A bound on the summed weight of a cache's values (bytes, for parsed source maps). */
interface WeightBound<V> {
  max: number;
  of: (value: V) => number;
}

/**
 * A small least-recently-used map: bounded, so no cache (parsed maps, git results) grows without limit.
 * Bounded by entries, and with `weight` also by the summed weight of its values; the entry set last
 * is always kept, even alone over the weight bound (the caller is using it).
 */
export class LruCache<K, V> {
  private readonly entries = new Map<K, V>();
  private readonly weights = new Map<K, number>();
  private weightSum = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly weight?: WeightBound<V>,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** The summed weight of the values held (0 without a weight bound). */
  get totalWeight(): number {
    return this.weightSum;
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

  /** Adds or replaces `key` (setting it again re-weighs a value that grew). */
  set(key: K, value: V): void {
    this.remove(key);
    this.entries.set(key, value);
    if (this.weight) {
      const w = Math.max(0, this.weight.of(value));
      this.weights.set(key, w);
      this.weightSum += w;
    }
    const over = (): boolean =>
      this.entries.size > Math.max(1, this.maxEntries) ||
      (this.weight !== undefined && this.weightSum > this.weight.max && this.entries.size > 1);
    while (over()) this.remove(this.entries.keys().next().value as K);
  }

  /** Removes `key`, only while it still maps to `expected` when that is given. */
  delete(key: K, expected?: V): void {
    if (expected === undefined || this.entries.get(key) === expected) this.remove(key);
  }

  clear(): void {
    this.entries.clear();
    this.weights.clear();
    this.weightSum = 0;
  }

  private remove(key: K): void {
    this.entries.delete(key);
    this.weightSum -= this.weights.get(key) ?? 0;
    this.weights.delete(key);
  }
}
