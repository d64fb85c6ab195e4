import { randomUUID } from "node:crypto";
import type { AgentState, CtiEvent, EventOf } from "@/lib/events";

/**
 * What a platform run left open when it ended without closing it (kill -9, a power cut, a
 * stop mid-call), closed as a PBX restart closes it: every call still in progress is cleared
 * at the restart with cause `pbx_restart`; a caller still queued leaves the queue (reason
 * `system`), a ring still going ends (`call.diverted`, reason `system`), a leg in
 * conversation clears (`releasedBy: "system"`, talk up to the restart, an open hold counted
 * to it), a supervisor's session ends, and each agent still logged on is logged off (its
 * state interval ends there; the new run logs its agents on again). Without this, an
 * answered leg stayed "answered, never cleared" for good (out of handled and AHT), and the
 * call stayed on the wallboard for hours.
 *
 * Pure: `events` are the stored events of this platform (`source`) around the restart, oldest first (the
 * live floor's window: the calls of the last 12 hours or since local midnight, and each
 * agent's latest state event of the week), `at` the restart time, after all of them. Calls
 * that began before the window are not seen, so not closed (the wallboard forgets calls
 * after 4 hours anyway). Recordings are left alone: a recording.stopped would have the
 * recorder render a file it never finished.
 */

type OpenLeg = {
  callId: string;
  legId: string;
  queueId: string;
  queuedAt: number;
  exited: boolean;
  ring?: { agentId: string; since: number };
  answer?: { agentId: string; at: number; queuedAt: number };
  cleared: boolean;
  holdMs: number;
  holdCount: number;
  heldSince?: number;
};

type OpenCall = { callId: string; offeredAt: number; cleared: boolean; legs: Map<string, OpenLeg> };

type AgentNow = {
  state: AgentState | "logged_off";
  since: number;
  reasonCode?: string;
  callId?: string;
  legId?: string;
  queuedAt?: number;
};

type Scope = { tenantId: string; source: string };

export function closeLeftOpen(events: readonly CtiEvent[], at: number, scope: Scope): CtiEvent[] {
  const calls = new Map<string, OpenCall>();
  const agents = new Map<string, AgentNow>();
  const sessions = new Map<string, EventOf<"supervision.started">>();
  for (const e of events) {
    if (e.tenantId !== scope.tenantId || e.time >= at) continue;
    if (e.type.startsWith("agent.")) noteAgent(agents, e);
    else if (e.type === "supervision.started") sessions.set(e.data.sessionId, e);
    else if (e.type === "supervision.ended") sessions.delete(e.data.sessionId);
    else if (e.type.startsWith("call.")) noteCall(calls, e);
  }
  const out: CtiEvent[] = [];
  const header = { specVersion: "1.0" as const, tenantId: scope.tenantId, source: scope.source, time: at };
  for (const s of sessions.values()) {
    out.push({
      ...header,
      id: randomUUID(),
      type: "supervision.ended",
      callId: s.callId,
      ...(s.agentId ? { agentId: s.agentId } : {}),
      data: { sessionId: s.data.sessionId, reason: "pbx_restart" },
    });
  }
  for (const call of calls.values()) {
    if (call.cleared) continue;
    for (const leg of call.legs.values()) out.push(...closeLeg(leg, header));
    out.push({ ...header, id: randomUUID(), type: "call.cleared", callId: call.callId, data: { durationMs: at - call.offeredAt, cause: "pbx_restart" } });
  }
  for (const [agentId, a] of agents) {
    if (a.state === "logged_off") continue;
    // previous.legId needs its queue entry: from the state event itself (ACW's previous), else from the leg's answer.
    const queuedAt = a.queuedAt ?? (a.callId && a.legId ? calls.get(a.callId)?.legs.get(a.legId)?.answer?.queuedAt : undefined);
    const previous = {
      state: a.state,
      since: a.since,
      ...(a.reasonCode ? { reasonCode: a.reasonCode } : {}),
      ...(a.callId ? { callId: a.callId } : {}),
      ...(a.legId && queuedAt !== undefined ? { legId: a.legId, queuedAt } : {}),
    };
    out.push({ ...header, id: randomUUID(), type: "agent.logged_off", agentId, data: { previous } });
  }
  return out;
}

function closeLeg(leg: OpenLeg, header: { specVersion: "1.0"; tenantId: string; source: string; time: number }): CtiEvent[] {
  const at = header.time;
  const ids = { callId: leg.callId, queueId: leg.queueId, legId: leg.legId };
  const out: CtiEvent[] = [];
  if (!leg.exited && leg.ring) {
    out.push({ ...header, ...ids, id: randomUUID(), type: "call.diverted", agentId: leg.ring.agentId, data: { reason: "system", ringMs: at - leg.ring.since } });
  }
  if (!leg.exited) out.push({ ...header, ...ids, id: randomUUID(), type: "call.queue_exited", data: { reason: "system", waitMs: at - leg.queuedAt } });
  if (leg.answer && !leg.cleared) {
    const openHold = leg.heldSince === undefined ? 0 : at - leg.heldSince;
    out.push({
      ...header,
      ...ids,
      id: randomUUID(),
      type: "call.connection_cleared",
      agentId: leg.answer.agentId,
      data: {
        queuedAt: leg.answer.queuedAt,
        talkMs: at - leg.answer.at,
        holdMs: leg.holdMs + openHold,
        holdCount: leg.holdCount,
        releasedBy: "system",
        transferred: false,
      },
    });
  }
  return out;
}

function noteCall(calls: Map<string, OpenCall>, e: CtiEvent): void {
  const callId = e.callId;
  if (callId === undefined) return;
  let call = calls.get(callId);
  if (!call) calls.set(callId, (call = { callId, offeredAt: e.time, cleared: false, legs: new Map() }));
  if (e.type === "call.offered") call.offeredAt = Math.min(call.offeredAt, e.time);
  if (e.type === "call.cleared" || e.type === "call.failed") call.cleared = true;
  if (e.legId === undefined || e.queueId === undefined) return;
  let leg = call.legs.get(e.legId);
  if (!leg) {
    leg = { callId, legId: e.legId, queueId: e.queueId, queuedAt: e.time, exited: false, cleared: false, holdMs: 0, holdCount: 0 };
    call.legs.set(e.legId, leg);
  }
  switch (e.type) {
    case "call.queued":
      leg.queuedAt = e.time;
      break;
    case "call.delivered":
      if (e.agentId) leg.ring = { agentId: e.agentId, since: e.time };
      break;
    case "call.diverted":
      leg.ring = undefined;
      break;
    case "call.established":
      leg.ring = undefined;
      if (e.agentId) leg.answer = { agentId: e.agentId, at: e.time, queuedAt: e.time - e.data.waitMs };
      break;
    case "call.queue_exited":
      leg.exited = true;
      leg.ring = undefined;
      break;
    case "call.held":
      leg.heldSince = e.time;
      leg.holdCount += 1;
      break;
    case "call.retrieved":
      leg.holdMs += e.data.holdMs;
      leg.heldSince = undefined;
      break;
    case "call.connection_cleared":
      leg.cleared = true;
      break;
  }
}

const STATE_OF: Partial<Record<CtiEvent["type"], AgentState | "logged_off">> = {
  "agent.logged_on": "ready",
  "agent.logged_off": "logged_off",
  "agent.ready": "ready",
  "agent.not_ready": "not_ready",
  "agent.working_after_call": "after_call_work",
  "agent.busy": "busy",
};

/**
 * Each agent's state now. Events come oldest first; within one millisecond the store's order
 * is by id, not by cause, so an event of the same millisecond as the state held does not
 * replace it when its `previous` names another state (it closed an earlier one).
 */
function noteAgent(agents: Map<string, AgentNow>, e: CtiEvent): void {
  const state = STATE_OF[e.type];
  if (state === undefined || e.agentId === undefined) return;
  const current = agents.get(e.agentId);
  const previous = "previous" in e.data ? e.data.previous : undefined;
  if (current && e.time < current.since) return;
  if (current && e.time === current.since && previous && previous.state !== current.state) return;
  const onCall = e.type === "agent.busy" || e.type === "agent.working_after_call";
  agents.set(e.agentId, {
    state,
    since: e.time,
    ...(e.type === "agent.not_ready" ? { reasonCode: e.data.reasonCode } : {}),
    ...(onCall && e.callId ? { callId: e.callId } : {}),
    ...(onCall && e.legId ? { legId: e.legId } : {}),
    // After-call work's previous (busy on the same leg) repeats the leg's queue entry.
    ...(onCall && previous?.legId === e.legId && previous?.queuedAt !== undefined ? { queuedAt: previous.queuedAt } : {}),
  });
}
