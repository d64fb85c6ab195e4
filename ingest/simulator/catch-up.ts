import type { CtiEvent } from "@/lib/events";

export type CatchUpOptions = {
  now: () => number;
  /** Deliver at least this many events at a time (the last delivery may hold fewer): a store's cost is per insert far more than per row. */
  batchSize: number;
  /** Simulated time per engine step. */
  chunkMs: number;
  /** Stop once within this of now(): the live ticker carries on from there. */
  slackMs: number;
  /** Awaited before the engine runs on: the consumer's backpressure, and what bounds memory on a long backfill. */
  deliver: (events: CtiEvent[]) => Promise<void>;
  /** After each delivery: simulated time reached, the wall clock, events delivered so far. */
  onBatch?: (reached: number, target: number, delivered: number) => void;
  stopped?: () => boolean;
};

/**
 * Runs the engine from its time up to the wall clock as fast as the consumer takes
 * the events. The clock moves while this works, so it loops until within `slackMs`.
 * Resolves with the number of events delivered.
 */
export async function catchUp(sim: { readonly now: number; advanceTo(t: number): CtiEvent[] }, o: CatchUpOptions): Promise<number> {
  let delivered = 0;
  const behind = () => o.now() - sim.now > o.slackMs;
  while (!o.stopped?.() && behind()) {
    const batch: CtiEvent[] = [];
    while (batch.length < o.batchSize && behind()) {
      for (const e of sim.advanceTo(Math.min(sim.now + o.chunkMs, o.now()))) batch.push(e);
    }
    if (batch.length > 0) await o.deliver(batch);
    delivered += batch.length;
    o.onBatch?.(sim.now, o.now(), delivered);
    // Let timers and I/O (the web server sharing this process) run between batches.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return delivered;
}
