import type { CtiEvent } from "@/lib/events";
import type { Directory, PlatformContext } from "@/ingest/platform";

export type Recorded = {
  history: CtiEvent[][];
  live: CtiEvent[][];
  directories: Directory[];
  backfill: { started: [number, number][]; advanced: [number, number, number][]; finished: number[] };
  log: string[];
};

/** A PlatformContext that records what an adapter delivers, for tests without a store. */
export function recordingContext(storedUntil = 0): { ctx: PlatformContext; got: Recorded } {
  const got: Recorded = { history: [], live: [], directories: [], backfill: { started: [], advanced: [], finished: [] }, log: [] };
  const ctx: PlatformContext = {
    events: {
      history: async (events) => void got.history.push(events),
      live: (events) => void got.live.push(events),
    },
    directory: async (d) => void got.directories.push(d),
    storedUntil: async () => storedUntil,
    backfill: {
      started: (from, to) => void got.backfill.started.push([from, to]),
      advanced: (reached, to, events) => void got.backfill.advanced.push([reached, to, events]),
      finished: (events) => void got.backfill.finished.push(events),
    },
    log: (line) => void got.log.push(line),
  };
  return { ctx, got };
}
