import type { CtiEvent } from "@/lib/events";

/**
 * A call through two queues, for the call page's tests (unit and integration):
 * leg L1 in "sales" answered by agent a1 after 20 s, a 30 s hold, a supervisor
 * listening then whispering, a 10 s recording pause, a blind transfer to "billing";
 * leg L2 answered there by a2 after 15 s. Each answered leg is recorded from answer
 * to its clearing (rec-L1, rec-L2).
 *
 *   t0        offered, L1 queued
 *   t0+20s    L1 answered (a1); rec-L1 starts
 *   t0+50s    hold                      t0+80s retrieved (30 s)
 *   t0+60s    sup1 listens to a1        t0+70s whispers     t0+75s ends
 *   t0+90s    rec-L1 paused             t0+100s resumed
 *   t0+120s   blind transfer to billing; L1 cleared (talk 100 s with 30 s hold); rec-L1 stops (100 s)
 *   t0+120s   L2 queued                 t0+135s answered (a2); rec-L2 starts
 *   t0+195s   L2 cleared (talk 60 s); call cleared (195 s); rec-L2 stops (60 s)
 *   t0+125s   a1 leaves after-call work for L1 (5 s; see acwEndOfL1)
 */
export const CALL_ID = "call-x";

export function transferredCall(tenantId: string, t0: number, idOf: (n: number) => string): CtiEvent[] {
  const base = { specVersion: "1.0" as const, source: "test", tenantId, callId: CALL_ID };
  const l1 = { ...base, queueId: "sales", legId: "L1" };
  const l1a = { ...l1, agentId: "a1" };
  const l2 = { ...base, queueId: "billing", legId: "L2" };
  const l2a = { ...l2, agentId: "a2" };
  const s = (n: number) => t0 + n * 1000;
  let n = 0;
  const id = () => idOf(++n);
  return [
    { ...base, id: id(), type: "call.offered", time: s(0), data: { from: "+441000", to: "+442000", direction: "inbound", channelId: "ch-1" } },
    { ...l1, id: id(), type: "call.queued", time: s(0), data: { position: 1 } },
    { ...l1a, id: id(), type: "call.established", time: s(20), data: { waitMs: 20_000, ringMs: 3_000, agentChannelId: "ch-a1" } },
    { ...l1a, id: id(), type: "call.queue_exited", time: s(20), data: { reason: "answered", waitMs: 20_000 } },
    { ...l1a, id: id(), type: "recording.started", time: s(20), data: { recordingId: "rec-L1" } },
    { ...l1a, id: id(), type: "call.held", time: s(50), data: {} },
    { ...base, agentId: "a1", id: id(), type: "supervision.started", time: s(60), data: { sessionId: "sv1", supervisorId: "sup1", mode: "listen" } },
    { ...base, agentId: "a1", id: id(), type: "supervision.mode_changed", time: s(70), data: { sessionId: "sv1", mode: "whisper", previousMode: "listen" } },
    { ...base, agentId: "a1", id: id(), type: "supervision.ended", time: s(75), data: { sessionId: "sv1" } },
    { ...l1a, id: id(), type: "call.retrieved", time: s(80), data: { holdMs: 30_000 } },
    { ...base, id: id(), type: "recording.paused", time: s(90), data: { recordingId: "rec-L1" } },
    { ...base, id: id(), type: "recording.resumed", time: s(100), data: { recordingId: "rec-L1" } },
    { ...l1a, id: id(), type: "call.transferred", time: s(120), data: { kind: "blind", toQueueId: "billing" } },
    {
      ...l1a,
      id: id(),
      type: "call.connection_cleared",
      time: s(120),
      data: { queuedAt: s(0), talkMs: 100_000, holdMs: 30_000, holdCount: 1, releasedBy: "transfer", transferred: true },
    },
    { ...l1a, id: id(), type: "recording.stopped", time: s(120), data: { recordingId: "rec-L1", durationMs: 100_000 } },
    {
      ...l1a,
      id: id(),
      type: "agent.working_after_call",
      time: s(120),
      data: { previous: { state: "busy", since: s(20), callId: CALL_ID, legId: "L1", queuedAt: s(0) } },
    },
    { ...l2, id: id(), type: "call.queued", time: s(120), data: { position: 1 } },
    { ...l2a, id: id(), type: "call.established", time: s(135), data: { waitMs: 15_000, ringMs: 2_000, agentChannelId: "ch-a2" } },
    { ...l2a, id: id(), type: "call.queue_exited", time: s(135), data: { reason: "answered", waitMs: 15_000 } },
    { ...l2a, id: id(), type: "recording.started", time: s(135), data: { recordingId: "rec-L2" } },
    {
      ...l2a,
      id: id(),
      type: "call.connection_cleared",
      time: s(195),
      data: { queuedAt: s(120), talkMs: 60_000, holdMs: 0, holdCount: 0, releasedBy: "caller", transferred: false },
    },
    { ...l2a, id: id(), type: "recording.stopped", time: s(195), data: { recordingId: "rec-L2", durationMs: 60_000 } },
    { ...base, id: id(), type: "call.cleared", time: s(195), data: { durationMs: 195_000, cause: "normal" } },
  ];
}

/** a1 leaves after-call work for L1 at t0+125s: an agent event, the call named only inside data.previous. */
export function acwEndOfL1(tenantId: string, t0: number, id: string): CtiEvent {
  return {
    specVersion: "1.0",
    source: "test",
    tenantId,
    agentId: "a1",
    id,
    type: "agent.ready",
    time: t0 + 125_000,
    data: { previous: { state: "after_call_work", since: t0 + 120_000, callId: CALL_ID, legId: "L1", queuedAt: t0 } },
  };
}
