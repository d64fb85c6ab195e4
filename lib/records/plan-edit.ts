import { Conflict } from "@/lib/errors/domain-errors";
import type { Versioned } from "./record-kind";

/** What an edit does, decided from the record's current version before anything is written. */
export type EditPlan<S> = { unchanged: true } | { unchanged: false; version: number; at: number; state: S };

/** The edit was based on a version that is no longer current (or lost the race for the next one). */
export function conflict(what: string, currentVersion: number, expectedVersion?: number): Conflict {
  const edited = expectedVersion === undefined ? "" : `, you edited version ${expectedVersion}`;
  return new Conflict(`${what} was changed by someone else meanwhile (now version ${currentVersion}${edited}); reload and try again`, currentVersion);
}

export function planEdit<S>(p: { what: string; current: Versioned<S>; next: S; expectedVersion?: number; same: (a: S, b: S) => boolean; now: number }): EditPlan<S> {
  if (p.expectedVersion !== undefined && p.expectedVersion !== p.current.version) throw conflict(p.what, p.current.version, p.expectedVersion);
  // Saving what is stored is no change (no version, no audit row); a record never saved (version 0)
  // is created even with the values it inherits, since having its own row is the change.
  if (p.current.version > 0 && p.same(p.current.state, p.next)) return { unchanged: true };
  return {
    unchanged: false,
    version: p.current.version + 1,
    // The projections are ReplacingMergeTree(updated_at): each version's row must sort after the
    // one before it whatever the clocks of the web servers say, so time only ever moves forward.
    at: Math.max(p.now, p.current.at + 1),
    state: p.next,
  };
}
