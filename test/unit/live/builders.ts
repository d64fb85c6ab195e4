import { randomUUID } from "node:crypto";
import type { CtiEvent, EventOf, EventType } from "@/lib/events";

/** Small hand-made events for reducer tests; each gets a fresh id unless one is given. */
const base = { specVersion: "1.0" as const, source: "test", tenantId: "t" };

type Extra = { id?: string; callId?: string; agentId?: string; queueId?: string; legId?: string };

export function ev<T extends EventType>(type: T, time: number, data: EventOf<T>["data"], ids: Extra = {}): EventOf<T> {
  return { ...base, id: ids.id ?? randomUUID(), type, time, ...ids, data } as EventOf<T>;
}

/** The event ids of one answered call on agent `agentId`, in emission order, with the agent's state events. */
export function answeredCall(opts: {
  callId: string;
  queueId: string;
  agentId: string;
  t0: number;
  ivrMs?: number;
  waitMs: number;
  talkMs: number;
  acwMs: number;
  agentSince: number;
}): CtiEvent[] {
  const { callId, queueId, agentId, t0, waitMs, talkMs, acwMs, agentSince } = opts;
  const ivr = opts.ivrMs ?? 1000;
  const legId = `${callId}.1`;
  const leg = { callId, queueId, legId };
  const onAgent = { ...leg, agentId };
  const tq = t0 + ivr;
  const ta = tq + waitMs;
  const tc = ta + talkMs;
  return [
    ev("call.offered", t0, { from: "+441632960000", to: "+443069990102", direction: "inbound", channelId: callId }, { callId, queueId }),
    ev("call.queued", tq, { position: 1 }, leg),
    ev("call.delivered", tq, { agentChannelId: `${callId}-a`, attempt: 1 }, onAgent),
    ev("call.established", ta, { waitMs, ringMs: waitMs, agentChannelId: `${callId}-a` }, onAgent),
    ev("call.queue_exited", ta, { reason: "answered", waitMs }, onAgent),
    ev("agent.busy", ta, { previous: { state: "ready", since: agentSince } }, onAgent),
    ev("call.connection_cleared", tc, { queuedAt: tq, talkMs, holdMs: 0, holdCount: 0, releasedBy: "caller", transferred: false }, onAgent),
    ev("call.cleared", tc, { durationMs: tc - t0 }, { callId }),
    ev("agent.working_after_call", tc, { previous: { state: "busy", since: ta, callId, legId, queuedAt: tq } }, onAgent),
    ev("agent.ready", tc + acwMs, { previous: { state: "after_call_work", since: tc, callId, legId, queuedAt: tq } }, { agentId }),
  ];
}

export function logOn(agentId: string, t: number, queues: string[]): CtiEvent[] {
  return [ev("agent.logged_on", t, { queues, teamId: "team" }, { agentId }), ev("agent.ready", t, {}, { agentId })];
}

/** Deterministic shuffle (a small LCG), for reordering tests. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
