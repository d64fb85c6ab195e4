import type { FloorDraft } from "./draft";

/**
 * What the floor forgets. A platform restart or a lost event can leave a call that
 * never clears or an agent that never leaves a call; without these rules they would
 * stay on the wallboard forever. The limits are far beyond any real call, so they
 * never hide a live one.
 */
export const CALL_STALE_MS = 4 * 3_600_000;
/** A logged-off agent is kept this long so its late events are recognised as late. */
export const TOMBSTONE_MS = 3_600_000;

export function prune(d: FloorDraft): void {
  const callLimit = d.now - CALL_STALE_MS;
  for (const [id, call] of d.calls.entries()) {
    if (call.lastEventAt < callLimit) {
      d.calls.delete(id);
      d.closedCalls.add(id);
    }
  }
  for (const [legId, leg] of d.waiting.entries()) {
    if (leg.queuedAt < callLimit && !d.calls.has(leg.callId)) {
      d.waiting.delete(legId);
      d.closedLegs.add(legId);
    }
  }
  const tombstoneLimit = d.now - TOMBSTONE_MS;
  for (const [id, agent] of d.agents.entries()) {
    const gone = agent.state === "logged_off" && agent.since < tombstoneLimit;
    const stuckOnCall = (agent.state === "busy" || agent.state === "after_call_work") && agent.lastEventAt < callLimit;
    if (gone || stuckOnCall) d.agents.delete(id);
  }
}
