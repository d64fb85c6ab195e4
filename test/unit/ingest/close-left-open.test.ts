import { describe, expect, it } from "vitest";
import { ctiEventSchema, type CtiEvent } from "@/lib/events";
import { closeLeftOpen } from "@/ingest/platform/close-left-open";
import { ev } from "../live/builders";

/**
 * A run killed at 10:00:00 (the restart, R) with, by hand:
 * - c1 answered by a1: queued 09:50:00, answered 09:50:20 (wait 20 s), held 09:55:00-09:56:00 and
 *   again from 09:59:00 (open): talk to R = 600 s - 20 s = 580 s; hold 60 s + 60 s open = 120 s, 2 holds;
 * - c2 queued 09:58:00 on q1, ringing a2 since 09:59:50: a ring (10 s) and a wait (120 s) end at R;
 * - c3 complete (cleared 09:40): nothing to close;
 * - a1 busy on c1 since 09:50:20; a2 ready since 09:00 (its ring does not change its state);
 *   a3 logged off at 09:30: nothing to close. A supervisor listens to c1 since 09:57.
 * - a call of another tenant is left alone.
 */
const R = Date.UTC(2026, 0, 5, 10);
const at = (hh: number, mm: number, ss = 0) => Date.UTC(2026, 0, 5, hh, mm, ss);
const src = (e: CtiEvent): CtiEvent => ({ ...e, source: "sim://pbx", tenantId: "t" });
const c1 = { callId: "c1", queueId: "q1", legId: "c1.1" };
const c2 = { callId: "c2", queueId: "q1", legId: "c2.1" };

const events: CtiEvent[] = [
  ev("agent.logged_on", at(9, 0), {}, { agentId: "a1" }),
  ev("agent.ready", at(9, 0), {}, { agentId: "a1" }),
  ev("agent.logged_on", at(9, 0), {}, { agentId: "a2" }),
  ev("agent.ready", at(9, 0), {}, { agentId: "a2" }),
  ev("agent.logged_on", at(9, 0), {}, { agentId: "a3" }),
  ev("agent.logged_off", at(9, 30), { previous: { state: "ready", since: at(9, 0) } }, { agentId: "a3" }),
  ev("call.offered", at(9, 39), { from: "+441632960003", to: "q1", direction: "inbound", channelId: "c3" }, { callId: "c3" }),
  ev("call.queued", at(9, 39), {}, { callId: "c3", queueId: "q1", legId: "c3.1" }),
  ev("call.queue_exited", at(9, 40), { reason: "abandon", waitMs: 60_000 }, { callId: "c3", queueId: "q1", legId: "c3.1" }),
  ev("call.cleared", at(9, 40), { durationMs: 60_000 }, { callId: "c3" }),
  ev("call.offered", at(9, 49, 50), { from: "+441632960001", to: "q1", direction: "inbound", channelId: "c1" }, { callId: "c1" }),
  ev("call.queued", at(9, 50), {}, c1),
  ev("call.delivered", at(9, 50, 15), { agentChannelId: "a1-1" }, { ...c1, agentId: "a1" }),
  ev("call.established", at(9, 50, 20), { waitMs: 20_000, ringMs: 5_000, agentChannelId: "a1-1" }, { ...c1, agentId: "a1" }),
  ev("call.queue_exited", at(9, 50, 20), { reason: "answered", waitMs: 20_000 }, { ...c1, agentId: "a1" }),
  ev("agent.busy", at(9, 50, 20), { previous: { state: "ready", since: at(9, 0) } }, { ...c1, agentId: "a1" }),
  ev("call.held", at(9, 55), {}, { ...c1, agentId: "a1" }),
  ev("call.retrieved", at(9, 56), { holdMs: 60_000 }, { ...c1, agentId: "a1" }),
  ev("supervision.started", at(9, 57), { sessionId: "s1", supervisorId: "sup", mode: "listen" }, { callId: "c1", agentId: "a1" }),
  ev("call.offered", at(9, 57, 55), { from: "+441632960002", to: "q1", direction: "inbound", channelId: "c2" }, { callId: "c2" }),
  ev("call.queued", at(9, 58), {}, c2),
  ev("call.held", at(9, 59), {}, { ...c1, agentId: "a1" }),
  ev("call.delivered", at(9, 59, 50), { agentChannelId: "a2-1" }, { ...c2, agentId: "a2" }),
].map(src);
const otherTenant = { ...ev("call.offered", at(9, 30), { from: "+441632960009", to: "q9", direction: "inbound", channelId: "x" }, { callId: "x" }), tenantId: "t2" };

const strip = (e: CtiEvent) => {
  // Each closing event is an event the pipeline takes as it is.
  expect(ctiEventSchema.safeParse(e).success).toBe(true);
  const { id, specVersion, ...rest } = e;
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  expect(specVersion).toBe("1.0");
  return rest;
};

describe("closeLeftOpen", () => {
  it("closes each call, leg, ring, supervision and agent the killed run left open, at the restart", () => {
    const closing = closeLeftOpen([...events, otherTenant], R, { tenantId: "t", source: "sim://pbx" }).map(strip);
    const base = { source: "sim://pbx", tenantId: "t", time: R };
    expect(closing).toEqual([
      { ...base, type: "supervision.ended", callId: "c1", agentId: "a1", data: { sessionId: "s1", reason: "pbx_restart" } },
      // c1: talk 09:50:20 -> 10:00 = 580 s; hold 60 s + the open one from 09:59 (60 s) = 120 s in 2 holds; queued at 09:50:20 - 20 s.
      {
        ...base,
        ...c1,
        agentId: "a1",
        type: "call.connection_cleared",
        data: { queuedAt: at(9, 50), talkMs: 580_000, holdMs: 120_000, holdCount: 2, releasedBy: "system", transferred: false },
      },
      // offered 09:49:50 -> 10:00 = 610 s.
      { ...base, callId: "c1", type: "call.cleared", data: { durationMs: 610_000, cause: "pbx_restart" } },
      // c2: ringing a2 since 09:59:50 (10 s), waiting since 09:58 (120 s), offered 09:57:55 (125 s).
      { ...base, ...c2, agentId: "a2", type: "call.diverted", data: { reason: "system", ringMs: 10_000 } },
      { ...base, ...c2, type: "call.queue_exited", data: { reason: "system", waitMs: 120_000 } },
      { ...base, callId: "c2", type: "call.cleared", data: { durationMs: 125_000, cause: "pbx_restart" } },
      // a1 busy on c1.1 since the answer (its queue entry from the leg); a2 ready since 09:00; a3 already off.
      { ...base, agentId: "a1", type: "agent.logged_off", data: { previous: { state: "busy", since: at(9, 50, 20), callId: "c1", legId: "c1.1", queuedAt: at(9, 50) } } },
      { ...base, agentId: "a2", type: "agent.logged_off", data: { previous: { state: "ready", since: at(9, 0) } } },
    ]);
  });

  it("closes nothing twice: after its own closing events, a second restart finds nothing open", () => {
    const closing = closeLeftOpen(events, R, { tenantId: "t", source: "sim://pbx" });
    expect(closeLeftOpen([...events, ...closing], R + 1, { tenantId: "t", source: "sim://pbx" })).toEqual([]);
  });
});
