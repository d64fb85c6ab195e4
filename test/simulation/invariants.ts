import type { AgentState, CtiEvent, EventOf } from "@/lib/events";
import { checkSegmentQueuedAt } from "../unit/helpers/segment-queued-at";

/**
 * Checks the event semantics the store's materialized views rely on, from the
 * events alone (nothing from the engine). Returns human-readable violations;
 * an empty list means the stream is consistent. With `complete`, every call and
 * agent shift must also have finished by the last event.
 */
export function checkInvariants(events: readonly CtiEvent[], opts: { complete: boolean }): string[] {
  const bad: string[] = [];
  const fail = (msg: string) => {
    if (bad.length < 25) bad.push(msg);
  };

  let lastTime = -Infinity;
  for (const e of events) {
    if (e.time < lastTime) fail(`time goes back at ${e.type} ${e.id}`);
    lastTime = e.time;
  }

  checkCalls(events, opts.complete, fail);
  checkAgents(events, opts.complete, fail);
  // Every connection_cleared and every previous naming a leg repeats that leg's queue entry.
  for (const v of checkSegmentQueuedAt(events).violations) fail(v);
  return bad;
}

type Fail = (msg: string) => void;

interface LegTrack {
  callId: string;
  queued?: number;
  exits: number;
  delivered?: EventOf<"call.delivered">;
  established?: EventOf<"call.established">;
  cleared: number;
}

function checkCalls(events: readonly CtiEvent[], complete: boolean, fail: Fail): void {
  const offered = new Map<string, number>();
  const cleared = new Map<string, number>();
  const legs = new Map<string, LegTrack>();
  const legCount = new Map<string, number>();
  const transferPending = new Map<string, string>(); // legId -> callId, awaiting connection_cleared
  const expectNextLeg = new Map<string, number>(); // callId -> leg number the next call.queued must have
  const ringing = new Map<string, string>(); // agentId -> legId being rung
  const ended = new Set<string>();

  for (const e of events) {
    if (!e.type.startsWith("call.")) continue;
    const callId = e.callId;
    if (callId === undefined) {
      fail(`${e.type} without callId`);
      continue;
    }
    if (ended.has(callId)) fail(`${e.type} after call.cleared of ${callId}`);
    if (e.type !== "call.offered" && !offered.has(callId)) fail(`${e.type} before call.offered of ${callId}`);

    switch (e.type) {
      case "call.offered":
        if (offered.has(callId)) fail(`second call.offered for ${callId}`);
        offered.set(callId, e.time);
        if (e.data.channelId !== callId) fail(`offered channelId ${e.data.channelId} != callId ${callId}`);
        break;
      case "call.queued": {
        if (legs.has(e.legId)) fail(`second call.queued for leg ${e.legId}`);
        const n = (legCount.get(callId) ?? 0) + 1;
        legCount.set(callId, n);
        if (e.legId !== `${callId}.${n}`) fail(`leg ${e.legId} should be ${callId}.${n}`);
        const expected = expectNextLeg.get(callId);
        if (n > 1 && expected !== n) fail(`leg ${e.legId} queued without a transfer into it`);
        expectNextLeg.delete(callId);
        legs.set(e.legId, { callId, queued: e.time, exits: 0, cleared: 0 });
        break;
      }
      case "call.delivered": {
        const leg = legs.get(e.legId);
        if (!leg || leg.exits > 0) fail(`delivered to ${e.agentId} for a leg not in queue: ${e.legId}`);
        if (ringing.has(e.agentId)) fail(`agent ${e.agentId} rung while already ringing`);
        ringing.set(e.agentId, e.legId);
        if (leg) leg.delivered = e;
        break;
      }
      case "call.diverted": {
        if (ringing.get(e.agentId) !== e.legId) fail(`diverted ${e.legId} was not ringing ${e.agentId}`);
        ringing.delete(e.agentId);
        const d = legs.get(e.legId)?.delivered;
        if (d && e.data.ringMs !== e.time - d.time) fail(`diverted ringMs ${e.data.ringMs} != ${e.time - d.time}`);
        break;
      }
      case "call.established": {
        const leg = legs.get(e.legId);
        if (ringing.get(e.agentId) !== e.legId) fail(`established ${e.legId} was not ringing ${e.agentId}`);
        ringing.delete(e.agentId);
        if (!leg || leg.queued === undefined) {
          fail(`established on unknown leg ${e.legId}`);
          break;
        }
        if (leg.established) fail(`second established on ${e.legId}`);
        leg.established = e;
        if (e.data.waitMs !== e.time - leg.queued) fail(`established waitMs ${e.data.waitMs} != ${e.time - leg.queued} on ${e.legId}`);
        const d = leg.delivered;
        if (!d || d.agentId !== e.agentId || e.data.ringMs !== e.time - d.time) fail(`established ringMs inconsistent on ${e.legId}`);
        if (d && d.data.agentChannelId !== e.data.agentChannelId) fail(`agentChannelId changed on ${e.legId}`);
        break;
      }
      case "call.queue_exited": {
        const leg = legs.get(e.legId);
        if (!leg || leg.queued === undefined) {
          fail(`queue_exited for unknown leg ${e.legId}`);
          break;
        }
        leg.exits++;
        if (leg.exits > 1) fail(`second queue_exited for ${e.legId}`);
        if (e.data.waitMs !== e.time - leg.queued) fail(`queue_exited waitMs ${e.data.waitMs} != ${e.time - leg.queued} on ${e.legId}`);
        if (e.data.reason === "answered") {
          if (!leg.established || leg.established.time !== e.time || leg.established.data.waitMs !== e.data.waitMs)
            fail(`answered exit of ${e.legId} does not match its established`);
          if (e.agentId !== leg.established?.agentId) fail(`answered exit of ${e.legId} lacks the agent`);
        } else {
          if (leg.established) fail(`${e.data.reason} exit after answer on ${e.legId}`);
          for (const [agentId, legId] of ringing) if (legId === e.legId) ringing.delete(agentId); // ring cancelled by the caller leaving
        }
        break;
      }
      case "call.held":
      case "call.retrieved":
      case "call.transferred":
      case "call.connection_cleared": {
        const leg = legs.get(e.legId);
        const est = leg?.established;
        if (!leg || !est || est.agentId !== e.agentId) {
          fail(`${e.type} on ${e.legId} which ${e.agentId} did not answer`);
          break;
        }
        if (leg.cleared > 0) fail(`${e.type} after connection_cleared on ${e.legId}`);
        if (e.type === "call.transferred") {
          if (!e.data.toQueueId) fail(`transfer without target on ${e.legId}`);
          transferPending.set(e.legId, callId);
        }
        if (e.type === "call.connection_cleared") {
          leg.cleared++;
          const d = e.data;
          if (d.talkMs !== e.time - est.time) fail(`talkMs ${d.talkMs} != answer→clear ${e.time - est.time} on ${e.legId}`);
          if (d.talkMs < d.holdMs) fail(`talkMs < holdMs on ${e.legId}`);
          const wasTransfer = transferPending.delete(e.legId);
          if (wasTransfer !== d.transferred || (d.releasedBy === "transfer") !== d.transferred) fail(`transfer flags inconsistent on ${e.legId}`);
          if (d.transferred) expectNextLeg.set(callId, (legCount.get(callId) ?? 0) + 1);
        }
        break;
      }
      case "call.cleared": {
        if (cleared.has(callId)) fail(`second call.cleared for ${callId}`);
        cleared.set(callId, e.time);
        ended.add(callId);
        const t0 = offered.get(callId);
        if (t0 !== undefined && e.data.durationMs !== e.time - t0) fail(`durationMs wrong on ${callId}`);
        if (expectNextLeg.has(callId)) fail(`call ${callId} cleared with a transfer not queued`);
        break;
      }
      default:
        break;
    }
  }

  for (const [legId, leg] of legs) {
    if (leg.exits === 0 && (complete || ended.has(leg.callId))) fail(`leg ${legId} never left its queue`);
    if (leg.established && leg.cleared === 0 && (complete || ended.has(leg.callId))) fail(`answered leg ${legId} never cleared`);
  }
  if (complete) for (const callId of offered.keys()) if (!cleared.has(callId)) fail(`call ${callId} never cleared`);
}

const STATE_OF: Partial<Record<CtiEvent["type"], AgentState>> = {
  "agent.ready": "ready",
  "agent.not_ready": "not_ready",
  "agent.busy": "busy",
  "agent.working_after_call": "after_call_work",
};

interface AgentTrack {
  loggedOn: boolean;
  /** The last state event since logging on, if any. */
  last?: { time: number; state: AgentState; reasonCode?: string; callId?: string; legId?: string };
}

function checkAgents(events: readonly CtiEvent[], complete: boolean, fail: Fail): void {
  const agents = new Map<string, AgentTrack>();
  const busyOn = new Map<string, string>(); // agentId -> legId answered
  for (const e of events) {
    if (e.type === "call.established") busyOn.set(e.agentId, e.legId);
    if (e.type === "call.delivered") {
      const a = agents.get(e.agentId);
      if (!a?.loggedOn || a.last?.state !== "ready") fail(`${e.agentId} rung while not ready (${a?.last?.state ?? "logged off"})`);
    }
    if (!e.type.startsWith("agent.")) continue;
    const agentId = e.agentId;
    if (agentId === undefined) {
      fail(`${e.type} without agentId`);
      continue;
    }
    const a = agents.get(agentId) ?? { loggedOn: false };
    agents.set(agentId, a);
    if (e.type === "agent.logged_on") {
      if (a.loggedOn) fail(`${agentId} logged on twice`);
      a.loggedOn = true;
      a.last = undefined;
      continue;
    }
    if (!a.loggedOn) {
      fail(`${e.type} for ${agentId} while logged off`);
      continue;
    }
    if (e.type !== "agent.logged_off" && e.type !== "agent.ready" && e.type !== "agent.not_ready" && e.type !== "agent.busy" && e.type !== "agent.working_after_call")
      continue;
    const prev = e.data.previous;
    if (a.last === undefined) {
      if (prev !== undefined) fail(`first state event of ${agentId} after log-on has a previous`);
      if (e.type !== "agent.ready") fail(`first state event of ${agentId} after log-on is ${e.type}`);
    } else if (prev === undefined) {
      fail(`${e.type} of ${agentId} at ${e.time} lacks previous`);
    } else {
      const l = a.last;
      if (prev.since !== l.time) fail(`${agentId}: previous.since ${prev.since} != prior state event ${l.time} (${e.type})`);
      if (prev.state !== l.state) fail(`${agentId}: previous.state ${prev.state} != ${l.state}`);
      if (prev.since > e.time) fail(`${agentId}: interval ends before it starts`);
      if (l.state === "not_ready" && prev.reasonCode !== l.reasonCode) fail(`${agentId}: previous.reasonCode mismatch`);
      if ((l.state === "busy" || l.state === "after_call_work") && (prev.callId !== l.callId || prev.legId !== l.legId || !prev.callId || !prev.legId))
        fail(`${agentId}: previous call ids mismatch leaving ${l.state}`);
      if (l.state === e.type.slice(6) && e.type !== "agent.not_ready") fail(`${agentId}: ${e.type} repeats its state`);
    }
    if (e.type === "agent.logged_off") {
      a.loggedOn = false;
      a.last = undefined;
      continue;
    }
    const state = STATE_OF[e.type];
    if (state === undefined) continue;
    if (e.type === "agent.busy" || e.type === "agent.working_after_call") {
      if (!e.callId || !e.legId) fail(`${e.type} of ${agentId} without call ids`);
      if (e.type === "agent.busy" && busyOn.get(agentId) !== e.legId) fail(`${agentId} busy on ${e.legId} without answering it`);
      if (e.type === "agent.busy" && e.data.previous?.state !== "ready") fail(`${agentId} went busy from ${e.data.previous?.state}`);
    }
    a.last = {
      time: e.time,
      state,
      reasonCode: e.type === "agent.not_ready" ? e.data.reasonCode : undefined,
      callId: e.callId,
      legId: e.legId,
    };
  }
  if (complete) for (const [agentId, a] of agents) if (a.loggedOn) fail(`${agentId} still logged on at the end`);
}
