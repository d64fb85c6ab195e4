/**
 * A bounded "have I seen this id lately?" set that a pure reducer can carry in its
 * state without copying it for every batch. Ids go into a small `newest`
 * generation; a full one is frozen and pushed onto `generations`, and beyond
 * `maxGenerations` the oldest is dropped. A batch copies at most one small
 * generation (and, when one fills, the short list of frozen ones), lookups probe
 * each generation, and between (maxGenerations) and (maxGenerations + 1) ×
 * generationSize of the most recent ids are remembered.
 */
export type RecentIds = {
  readonly generations: readonly ReadonlySet<string>[];
  readonly newest: ReadonlySet<string>;
  readonly generationSize: number;
  readonly maxGenerations: number;
};

export function emptyRecentIds(capacity: number, generationSize = 4096): RecentIds {
  return { generations: [], newest: new Set(), generationSize, maxGenerations: Math.max(1, Math.ceil(capacity / generationSize)) };
}

export function hasRecent(r: RecentIds, id: string): boolean {
  if (r.newest.has(id)) return true;
  for (let i = r.generations.length - 1; i >= 0; i--) if (r.generations[i]?.has(id)) return true;
  return false;
}

/**
 * Mutable view of a RecentIds for one batch of the reducer: the first `add` copies
 * the newest generation, later adds write to that copy; `done()` returns the new
 * value (or the original when nothing was added), leaving the input untouched.
 */
export class RecentIdsDraft {
  private generations: readonly ReadonlySet<string>[];
  private newest: ReadonlySet<string>;
  private owned: Set<string> | undefined;

  constructor(private readonly base: RecentIds) {
    this.generations = base.generations;
    this.newest = base.newest;
  }

  has(id: string): boolean {
    if (this.newest.has(id)) return true;
    for (let i = this.generations.length - 1; i >= 0; i--) if (this.generations[i]?.has(id)) return true;
    return false;
  }

  add(id: string): void {
    if (this.has(id)) return;
    if (!this.owned) {
      this.owned = new Set(this.newest);
      this.newest = this.owned;
    }
    if (this.owned.size >= this.base.generationSize) {
      const kept = this.generations.length >= this.base.maxGenerations ? this.generations.slice(1) : this.generations;
      this.generations = [...kept, this.owned];
      this.owned = new Set();
      this.newest = this.owned;
    }
    this.owned.add(id);
  }

  done(): RecentIds {
    if (!this.owned) return this.base;
    return { ...this.base, generations: this.generations, newest: this.owned };
  }
}
