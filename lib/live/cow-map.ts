/**
 * Copy-on-write map for one reducer batch: reads go to the shared base map until
 * the first write, which copies it once; `result()` returns the base itself when
 * nothing was written. This is what keeps the reducer pure (its input is never
 * touched) without copying the floor for every event.
 */
export class CowMap<K, V> {
  private map: ReadonlyMap<K, V>;
  private owned: Map<K, V> | undefined;

  constructor(base: ReadonlyMap<K, V>) {
    this.map = base;
  }

  get(key: K): V | undefined {
    return this.map.get(key);
  }

  has(key: K): boolean {
    return this.map.has(key);
  }

  get size(): number {
    return this.map.size;
  }

  entries(): IterableIterator<[K, V]> {
    return this.map.entries();
  }

  set(key: K, value: V): void {
    this.own().set(key, value);
  }

  delete(key: K): void {
    if (this.map.has(key)) this.own().delete(key);
  }

  /** Replaces everything (a new local day starts with empty counters). */
  clear(): void {
    if (this.map.size === 0) return;
    this.owned = new Map();
    this.map = this.owned;
  }

  get changed(): boolean {
    return this.owned !== undefined;
  }

  result(): ReadonlyMap<K, V> {
    return this.map;
  }

  private own(): Map<K, V> {
    if (!this.owned) {
      this.owned = new Map(this.map);
      this.map = this.owned;
    }
    return this.owned;
  }
}
