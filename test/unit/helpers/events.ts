import { randomUUID } from "node:crypto";
import type { CtiEvent } from "@/lib/events";

/** A small, valid answered call through one queue, for tests that need real events. */
export function answeredCall(tenantId: string, callId: string, t0: number, waitMs: number, talkMs: number): CtiEvent[] {
  const base = { specVersion: "1.0" as const, source: "test", tenantId, callId };
  const leg = { ...base, queueId: "q1", legId: `${callId}.1` };
  return [
    { ...base, id: randomUUID(), type: "call.offered", time: t0, data: { from: "+441000", to: "+442000", direction: "inbound", channelId: `${callId}` } },
    { ...leg, id: randomUUID(), type: "call.queued", time: t0, data: { position: 1 } },
    { ...leg, id: randomUUID(), type: "call.established", time: t0 + waitMs, agentId: "a1", data: { waitMs, ringMs: 1000, agentChannelId: `${callId}-a` } },
    { ...leg, id: randomUUID(), type: "call.queue_exited", time: t0 + waitMs, agentId: "a1", data: { reason: "answered", waitMs } },
    {
      ...leg,
      id: randomUUID(),
      type: "call.connection_cleared",
      time: t0 + waitMs + talkMs,
      agentId: "a1",
      data: { queuedAt: t0, talkMs, holdMs: 0, holdCount: 0, releasedBy: "caller", transferred: false },
    },
    { ...base, id: randomUUID(), type: "call.cleared", time: t0 + waitMs + talkMs, data: { durationMs: waitMs + talkMs } },
  ];
}

/** The answering agent of answeredCall's leg leaves after-call work: fills the segment's ACW and one agent state piece. */
export function afterCallWorkEnded(tenantId: string, callId: string, t0: number, waitMs: number, talkMs: number, acwMs: number): CtiEvent {
  const since = t0 + waitMs + talkMs;
  return {
    specVersion: "1.0",
    source: "test",
    tenantId,
    agentId: "a1",
    id: randomUUID(),
    type: "agent.ready",
    time: since + acwMs,
    data: { previous: { state: "after_call_work", since, callId, legId: `${callId}.1`, queuedAt: t0 } },
  };
}

/** Before answeredCall's agent took it, the call rang agent a2, who let it pass: fills one agent_rings row. */
export function ringLetPass(tenantId: string, callId: string, t0: number): CtiEvent {
  return {
    specVersion: "1.0",
    source: "test",
    tenantId,
    callId,
    queueId: "q1",
    legId: `${callId}.1`,
    agentId: "a2",
    id: randomUUID(),
    type: "call.diverted",
    time: t0 + 500,
    data: { reason: "ring_no_answer", ringMs: 500 },
  };
}

export const bytesOf = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value));
