/**
 * Where a run of the simulator begins: just after the last stored event, or at most
 * `backfillMs` ago, so a restart fills only the gap and a first start the window. Never
 * after `now`: a stored end ahead of the clock (an event dated 2100) would otherwise start
 * the engine there, and it would produce nothing until the clock reached it.
 */
export function resumeFrom(storedUntil: number, now: number, backfillMs: number): number {
  return Math.min(Math.max(storedUntil + 1, now - backfillMs), now);
}

/**
 * Mixes the start time into the seed. Event ids are drawn from the seeded random
 * stream, so a restart with the bare seed would re-issue an earlier run's ids for
 * different events (which the store would drop as repeats).
 */
export function runSeed(seed: number, startTime: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ (startTime % 4294967296), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ Math.floor(startTime / 4294967296), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}
