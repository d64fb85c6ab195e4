import type { CtiEvent } from "@/lib/events";

/**
 * Checks, from the events alone, that every event filing a row of a segment (leg)
 * names the same queue entry, the one its `call.queued` was sent at: the store sorts
 * and merges a segment's rows by that time (sql/migrations/0028), so "close" is wrong.
 * - `call.queue_exited` and `call.established`: `data.queuedAt`, or without it their
 *   time minus their `waitMs`;
 * - `call.connection_cleared`: `data.queuedAt`; agent state events whose `previous`
 *   names a leg: `previous.queuedAt`.
 * The reference is the leg's first `call.queue_exited` (or, for a leg that never left
 * the queue in these events, its `call.queued`). Independent of any producer: nothing
 * but the events is read.
 *
 * Returns the violations and how many events were checked (so a test can tell a
 * pass from nothing to check).
 */
export function checkSegmentQueuedAt(events: readonly CtiEvent[]): { violations: string[]; checked: number } {
  const entry = new Map<string, number>();
  for (const e of events) {
    // A second exit of a leg is another invariant's failure; the first one counts here.
    if (e.type === "call.queue_exited" && !entry.has(e.legId)) entry.set(e.legId, e.data.queuedAt ?? e.time - e.data.waitMs);
  }
  const violations: string[] = [];
  let checked = 0;
  const check = (what: string, legId: string, queuedAt: number | undefined) => {
    checked++;
    const want = entry.get(legId);
    if (want === undefined) violations.push(`${what} names leg ${legId}, which has no call.queue_exited`);
    else if (queuedAt !== want) violations.push(`${what} on ${legId}: queuedAt ${queuedAt} != the leg's queue exit key ${want}`);
  };
  for (const e of events) {
    if (e.type === "call.queued") {
      // A leg still waiting at the end of the events has only this row: nothing to match.
      if (entry.has(e.legId)) check(`call.queued at ${e.time}`, e.legId, e.time);
    } else if (e.type === "call.connection_cleared") {
      check(`call.connection_cleared at ${e.time}`, e.legId, e.data.queuedAt);
    } else if (e.type === "call.established") {
      check(`call.established at ${e.time}`, e.legId, e.data.queuedAt ?? e.time - e.data.waitMs);
    } else if (e.type.startsWith("agent.") && "previous" in e.data && e.data.previous) {
      const prev = e.data.previous;
      if (prev.legId !== undefined) check(`${e.type} of ${e.agentId} at ${e.time} (previous)`, prev.legId, prev.queuedAt);
      else if (prev.queuedAt !== undefined) violations.push(`${e.type} of ${e.agentId} at ${e.time}: previous.queuedAt without a legId`);
    }
  }
  return { violations, checked };
}
