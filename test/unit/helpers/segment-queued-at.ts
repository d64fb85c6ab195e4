import type { CtiEvent } from "@/lib/events";

/**
 * Checks, from the events alone, that every `call.connection_cleared` and every
 * agent state event whose `previous` names a leg carries that leg's queue entry, and
 * that every `call.established` implies the same entry (its time minus its waitMs):
 * `queuedAt` equal to the millisecond to the leg's `call.queue_exited` time minus
 * its `waitMs`. The store uses it in the sort key that merges a segment's rows, so
 * "close" is wrong. Independent of any producer: nothing but the events is read.
 *
 * Returns the violations and how many events were checked (so a test can tell a
 * pass from nothing to check).
 */
export function checkSegmentQueuedAt(events: readonly CtiEvent[]): { violations: string[]; checked: number } {
  const entry = new Map<string, number>();
  for (const e of events) {
    // A second exit of a leg is another invariant's failure; the first one counts here.
    if (e.type === "call.queue_exited" && !entry.has(e.legId)) entry.set(e.legId, e.time - e.data.waitMs);
  }
  const violations: string[] = [];
  let checked = 0;
  const check = (what: string, legId: string, queuedAt: number | undefined) => {
    checked++;
    const want = entry.get(legId);
    if (want === undefined) violations.push(`${what} names leg ${legId}, which has no call.queue_exited`);
    else if (queuedAt !== want) violations.push(`${what} on ${legId}: queuedAt ${queuedAt} != queue_exited time - waitMs ${want}`);
  };
  for (const e of events) {
    if (e.type === "call.connection_cleared") {
      check(`call.connection_cleared at ${e.time}`, e.legId, e.data.queuedAt);
    } else if (e.type === "call.established") {
      check(`call.established at ${e.time} (time - waitMs)`, e.legId, e.time - e.data.waitMs);
    } else if (e.type.startsWith("agent.") && "previous" in e.data && e.data.previous) {
      const prev = e.data.previous;
      if (prev.legId !== undefined) check(`${e.type} of ${e.agentId} at ${e.time} (previous)`, prev.legId, prev.queuedAt);
      else if (prev.queuedAt !== undefined) violations.push(`${e.type} of ${e.agentId} at ${e.time}: previous.queuedAt without a legId`);
    }
  }
  return { violations, checked };
}
