import type { CtiEvent } from "@/lib/events";
import { floorWindow } from "./window";

/** What the floor's live feed was told and did not take: dated too far ahead, or older than the floor's window. */
export type IgnoredLive = { readonly future: number; readonly stale: number; readonly lastFutureTime?: number; readonly lastStaleTime?: number };

export const NOTHING_IGNORED: IgnoredLive = { future: 0, stale: 0 };

/**
 * Which live events the floor takes, by the wall clock. Pure.
 *
 * - Ahead of `now` by more than `maxFutureMs`: ignored. The floor's clock follows the newest
 *   event, so one event dated 2100 would move "today" to 1 January 2100, and every queue to
 *   zero. The pipeline refuses such events already (future_time); this holds for any feed
 *   (the scaled shape's live tail reads Kafka itself).
 * - Before what a snapshot rebuilt now would read (`floorWindow`): a call or supervision
 *   event before local midnight or 12 hours back, whichever is earlier; an agent state event
 *   more than a week before that (the snapshot seeds each agent's latest state of the week).
 *   Ignored: an import of last month's queue_log is history for the store, not news for the
 *   floor, where it would put agents in states they left weeks ago. The store keeps those
 *   events either way.
 */
export function admitLive(
  events: readonly CtiEvent[],
  now: number,
  timeZone: string,
  maxFutureMs: number,
  ignored: IgnoredLive,
): { admitted: readonly CtiEvent[]; ignored: IgnoredLive } {
  const latest = now + maxFutureMs;
  const w = floorWindow(now, timeZone);
  const stale = (e: CtiEvent) => e.time < (e.type.startsWith("agent.") ? w.seedFrom : w.from);
  if (events.every((e) => e.time <= latest && !stale(e))) return { admitted: events, ignored };
  const admitted: CtiEvent[] = [];
  let { future, stale: old, lastFutureTime, lastStaleTime } = ignored;
  for (const e of events) {
    if (e.time > latest) {
      future += 1;
      lastFutureTime = e.time;
    } else if (stale(e)) {
      old += 1;
      lastStaleTime = e.time;
    } else admitted.push(e);
  }
  return { admitted, ignored: { future, stale: old, lastFutureTime, lastStaleTime } };
}
