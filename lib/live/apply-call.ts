import type { CtiEvent, EventOf } from "@/lib/events";
import type { FloorDraft } from "./draft";
import type { CallState, LiveCall } from "./state";

/**
 * Call-scoped events. Events may arrive late or, within one millisecond, in any
 * order (the store sorts a millisecond's events by id, not by cause), so every
 * rule below is written to reach the same floor whatever that order:
 *
 * - a call moves only forward in time; within one millisecond and one leg only
 *   forward in its life (queued -> ringing -> talking -> between legs);
 * - only call.queued opens a new leg; other events of another leg are ignored
 *   unless strictly newer (then their leg's queued event was lost);
 * - a leg whose exit came before its call.queued never enters the queue;
 * - a cleared call or an exited leg is remembered, so a late event cannot revive it.
 */

export type CallEvent = Extract<CtiEvent, { type: `call.${string}` }>;

const RANK: Record<CallState, number> = { offered: 0, queued: 1, ringing: 2, talking: 3, held: 3, routing: 4, voicemail: 4 };

function mayMove(call: LiveCall, t: number, legId: string | undefined, next: CallState): boolean {
  if (t > call.since) return true;
  if (t < call.since) return false;
  const sameLeg = legId === undefined || call.legId === undefined || legId === call.legId;
  // A new leg can only be opened by its call.queued (a transfer clears the old leg in the same instant).
  if (!sameLeg) return next === "queued";
  return RANK[next] >= RANK[call.state];
}

type Move = { agentId?: string | undefined; queueId?: string | undefined; legId?: string | undefined };

/** Moves the call into `next` (creating it when its start was not seen), if the ordering rules allow. */
function moveCall(d: FloorDraft, e: CallEvent, next: CallState, fields: Move): void {
  if (d.closedCalls.has(e.callId)) return;
  const t = e.time;
  const call = d.calls.get(e.callId);
  if (!call) {
    d.calls.set(e.callId, { id: e.callId, startedAt: t, state: next, since: t, queueId: e.queueId, legId: e.legId, ...fields, lastEventAt: t });
    return;
  }
  const seen = { ...call, lastEventAt: Math.max(call.lastEventAt, t) };
  d.calls.set(e.callId, mayMove(call, t, e.legId, next) ? { ...seen, state: next, since: t, ...fields } : seen);
}

function touchCall(d: FloorDraft, e: CallEvent): void {
  const call = d.calls.get(e.callId);
  if (call && e.time > call.lastEventAt) d.calls.set(e.callId, { ...call, lastEventAt: e.time });
}

function leaveQueue(d: FloorDraft, legId: string): void {
  d.waiting.delete(legId);
  d.closedLegs.add(legId);
}

function offered(d: FloorDraft, e: EventOf<"call.offered">): void {
  if (d.closedCalls.has(e.callId)) return;
  const t = e.time;
  const call = d.calls.get(e.callId);
  const caller = { caller: e.data.from, dialled: e.data.to };
  if (!call) {
    d.calls.set(e.callId, { id: e.callId, ...caller, startedAt: t, state: "offered", since: t, queueId: e.queueId, lastEventAt: t });
  } else {
    // Arrived after later events of its call: it only adds who called and when.
    d.calls.set(e.callId, { ...call, ...caller, startedAt: Math.min(call.startedAt, t), lastEventAt: Math.max(call.lastEventAt, t) });
  }
}

function queued(d: FloorDraft, e: EventOf<"call.queued">): void {
  if (d.inToday(e.time)) d.todayOf(e.queueId).offered += 1;
  // A leg that already left the queue (its exit came first) neither waits nor moves its call.
  if (d.closedLegs.has(e.legId)) return touchCall(d, e);
  if (!d.closedCalls.has(e.callId)) d.waiting.set(e.legId, { legId: e.legId, callId: e.callId, queueId: e.queueId, queuedAt: e.time });
  moveCall(d, e, "queued", { queueId: e.queueId, legId: e.legId, agentId: undefined });
}

function diverted(d: FloorDraft, e: EventOf<"call.diverted">): void {
  const call = d.calls.get(e.callId);
  // Ring-no-answer puts the caller back in the queue, but only if this agent's ring is still the current one.
  if (call && call.state === "ringing" && call.agentId === e.agentId && e.time >= call.since) {
    d.calls.set(e.callId, { ...call, state: "queued", since: e.time, agentId: undefined, lastEventAt: Math.max(call.lastEventAt, e.time) });
  } else touchCall(d, e);
}

function queueExited(d: FloorDraft, e: EventOf<"call.queue_exited">): void {
  leaveQueue(d, e.legId);
  const { reason, waitMs } = e.data;
  if (d.inToday(e.time - waitMs)) {
    const q = d.todayOf(e.queueId);
    if (reason === "answered") q.answeredWaits.push(waitMs);
    else if (reason === "abandon") q.abandonedWaits.push(waitMs);
    else if (reason === "timeout") q.timedOut += 1;
    else q.otherExits += 1;
    q.exits.push({ at: e.time, waitMs, outcome: reason === "answered" || reason === "abandon" || reason === "timeout" ? reason : "other" });
  }
  // Answered: call.established (same instant) says where the call went.
  if (reason === "answered") touchCall(d, e);
  else moveCall(d, e, reason === "timeout" ? "voicemail" : "routing", { agentId: undefined });
}

function ended(d: FloorDraft, e: CallEvent): void {
  d.calls.delete(e.callId);
  d.closedCalls.add(e.callId);
  for (const [legId, leg] of d.waiting.entries()) if (leg.callId === e.callId) leaveQueue(d, legId);
}

export function applyCallEvent(d: FloorDraft, e: CallEvent): void {
  switch (e.type) {
    case "call.offered":
      return offered(d, e);
    case "call.queued":
      return queued(d, e);
    case "call.delivered":
      return moveCall(d, e, "ringing", { agentId: e.agentId, queueId: e.queueId, legId: e.legId });
    case "call.diverted":
      return diverted(d, e);
    case "call.established":
      leaveQueue(d, e.legId);
      return moveCall(d, e, "talking", { agentId: e.agentId, queueId: e.queueId, legId: e.legId });
    case "call.held":
      return moveCall(d, e, "held", { agentId: e.agentId });
    case "call.retrieved":
      return moveCall(d, e, "talking", { agentId: e.agentId });
    case "call.queue_exited":
      return queueExited(d, e);
    case "call.connection_cleared":
      return moveCall(d, e, "routing", { agentId: undefined });
    case "call.cleared":
    case "call.failed":
      return ended(d, e);
    case "call.transferred":
    case "call.conferenced":
      return touchCall(d, e);
  }
}
