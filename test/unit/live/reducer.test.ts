import { describe, expect, it } from "vitest";
import type { CtiEvent } from "@/lib/events";
import { applyEvents, reduceFloor, tickFloor } from "@/lib/live/reducer";
import { emptyFloor, type FloorState } from "@/lib/live/state";
import { buildView, EMPTY_DIRECTORY } from "@/lib/live/view";
import { CALL_STALE_MS } from "@/lib/live/prune";
import { answeredCall, ev, logOn, shuffled } from "./builders";

const TZ = "Europe/London";
/** Monday 5 January 2026, 10:00 London (GMT). */
const T0 = Date.UTC(2026, 0, 5, 10);

const fold = (events: readonly CtiEvent[], from = emptyFloor(TZ, T0 - 3_600_000)): FloorState => events.reduce(reduceFloor, from);
const queue = (id: string) => [id, { id, name: id, slThresholdS: 20, slVariant: "answered_within_over_answered" as const, shortAbandonS: 5 }] as const;
const DIRECTORY = { ...EMPTY_DIRECTORY, queues: new Map([queue("support"), queue("sales"), queue("billing")]) };
const view = (s: FloorState) => {
  const v = buildView(s, DIRECTORY, new Map(), { version: 1, serverTime: 0, replay: false });
  return { queues: v.queues, agents: v.agents, calls: v.calls };
};

/** Sorted by time, with events of the same millisecond in a seeded random order (as the store returns them). */
const reorderWithinMs = (events: readonly CtiEvent[], seed: number) => shuffled(events, seed).sort((a, b) => a.time - b.time);

describe("live floor reducer", () => {
  const agentOn = logOn("a1", T0 - 60_000, ["support"]);
  const call = answeredCall({ callId: "c1", queueId: "support", agentId: "a1", t0: T0, waitMs: 8_000, talkMs: 120_000, acwMs: 30_000, agentSince: T0 - 60_000 });

  it("follows one answered call through queue, agent and clear", () => {
    let s = fold(agentOn);
    expect(s.agents.get("a1")).toMatchObject({ state: "ready", queues: ["support"] });
    s = fold(call.slice(0, 2), s); // offered, queued
    expect(s.calls.get("c1")).toMatchObject({ state: "queued", queueId: "support", caller: "+441632960000" });
    expect([...s.waiting.values()].map((l) => l.legId)).toEqual(["c1.1"]);
    expect(view(s).queues.support).toMatchObject({ waiting: 1, oldestQueuedAt: T0 + 1000, offered: 1 });
    s = fold(call.slice(2, 3), s); // delivered
    expect(s.calls.get("c1")).toMatchObject({ state: "ringing", agentId: "a1" });
    expect(view(s).agents.a1?.call).toEqual({ id: "c1", state: "ringing", queueId: "support" });
    s = fold(call.slice(3, 6), s); // established, exited, busy
    expect(s.calls.get("c1")).toMatchObject({ state: "talking", agentId: "a1" });
    expect(s.waiting.size).toBe(0);
    expect(s.agents.get("a1")).toMatchObject({ state: "busy", callId: "c1", since: T0 + 9000 });
    const v = view(s).queues.support;
    expect(v).toMatchObject({ waiting: 0, answered: 1, agents: { ready: 0, busy: 1, afterCallWork: 0, notReady: 0 } });
    expect(v?.serviceLevel).toMatchObject({ value: 1, numerator: 1, denominator: 1, thresholdS: 20 });
    s = fold(call.slice(6, 9), s); // connection cleared, cleared, ACW
    expect(s.calls.size).toBe(0);
    expect(s.agents.get("a1")).toMatchObject({ state: "after_call_work", callId: "c1" });
    s = fold(call.slice(9), s);
    expect(s.agents.get("a1")).toMatchObject({ state: "ready", callId: undefined });
  });

  it("treats a repeated event id as a no-op, returning the very same state", () => {
    const s = fold([...agentOn, ...call.slice(0, 4)]);
    for (const e of [...agentOn, ...call.slice(0, 4)]) expect(reduceFloor(s, e)).toBe(s);
    // Repeats inside one batch and across batches leave the counters alone.
    const twice = applyEvents(applyEvents(emptyFloor(TZ, T0 - 3_600_000), [...agentOn, ...call, ...call]), call);
    expect(view(twice)).toEqual(view(fold([...agentOn, ...call])));
    expect(view(twice).queues.support).toMatchObject({ offered: 1, answered: 1 });
  });

  it("reaches the same floor whatever the order of events within one millisecond", () => {
    const second = answeredCall({
      callId: "c2",
      queueId: "support",
      agentId: "a1",
      t0: T0 + 200_000,
      waitMs: 3_000,
      talkMs: 60_000,
      acwMs: 10_000,
      agentSince: T0 + 159_000,
    });
    const all = [...agentOn, ...call, ...second];
    const expected = view(fold(all));
    for (let seed = 1; seed <= 40; seed++) {
      const events = reorderWithinMs(all, seed);
      // Check every prefix that ends on a millisecond boundary, not only the end.
      for (let i = 1; i <= events.length; i++) {
        const next = events[i];
        if (next !== undefined && next.time === events[i - 1]?.time) continue;
        expect(view(fold(events.slice(0, i)))).toEqual(view(fold(all.filter((e) => e.time <= (events[i - 1]?.time ?? 0)))));
      }
      expect(view(fold(events))).toEqual(expected);
    }
  });

  it("keeps a leg that left the queue out of it when its call.queued arrives late", () => {
    const [offered, queued, , , exited] = call;
    const s = fold([offered, exited, queued].filter((e): e is CtiEvent => e !== undefined));
    expect(s.waiting.size).toBe(0);
    expect(view(s).queues.support).toMatchObject({ waiting: 0, offered: 1, answered: 1 });
    // Answered: where the call went is call.established's to say, not the late call.queued's.
    expect(s.calls.get("c1")?.state).toBe("offered");
  });

  it("ignores an agent state event older than the agent's current state", () => {
    const busy = call[5];
    const ready = call[9];
    if (!busy || !ready) throw new Error("fixture");
    const late = fold([...agentOn, ready, busy]);
    expect(late.agents.get("a1")).toMatchObject({ state: "ready", since: ready.time });
    // Also when the late event's own time is not older but the interval it closes is.
    const stale = ev("agent.not_ready", ready.time, { reasonCode: "break", previous: { state: "ready", since: T0 - 60_000 } }, { agentId: "a1" });
    expect(reduceFloor(late, stale).agents.get("a1")).toMatchObject({ state: "ready" });
  });

  it("does not revive a cleared call from a late event", () => {
    const [offered, queued, delivered, established, , , , cleared] = call;
    if (!offered || !queued || !delivered || !established || !cleared) throw new Error("fixture");
    const s = fold([offered, queued, delivered, cleared, established]);
    expect(s.calls.size).toBe(0);
    expect(s.waiting.size).toBe(0);
  });

  it("puts a ring-no-answer back in the queue, whichever of diverted and the next ring comes first", () => {
    const leg = { callId: "c9", queueId: "support", legId: "c9.1" };
    const t = T0 + 500_000;
    const events = [
      ...logOn("a2", T0, ["support"]),
      ev("call.offered", t - 5000, { from: "+441632960001", to: "+443069990102", direction: "inbound", channelId: "c9" }, { callId: "c9" }),
      ev("call.queued", t, {}, leg),
      ev("call.delivered", t, { agentChannelId: "x1" }, { ...leg, agentId: "a1" }),
      ev("call.diverted", t + 15_000, { reason: "ring_no_answer", ringMs: 15_000 }, { ...leg, agentId: "a1" }),
      ev("call.delivered", t + 15_000, { agentChannelId: "x2" }, { ...leg, agentId: "a2" }),
    ];
    for (let seed = 1; seed <= 10; seed++) {
      const s = fold([...agentOn, ...reorderWithinMs(events, seed)]);
      expect(s.calls.get("c9")).toMatchObject({ state: "ringing", agentId: "a2" });
      expect(s.waiting.size).toBe(1);
    }
    const onlyDiverted = fold([...agentOn, ...events.slice(0, -1)]);
    expect(onlyDiverted.calls.get("c9")).toMatchObject({ state: "queued", agentId: undefined });
  });

  it("moves a transferred call into its next leg, whichever of the old leg's clear and the new queued comes first", () => {
    const t = T0 + 100_000;
    const leg1 = { callId: "c5", queueId: "support", legId: "c5.1", agentId: "a1" };
    const events = [
      ev("call.offered", T0, { from: "+441632960002", to: "+443069990102", direction: "inbound", channelId: "c5" }, { callId: "c5" }),
      ev("call.queued", T0 + 1000, {}, { callId: "c5", queueId: "support", legId: "c5.1" }),
      ev("call.established", T0 + 5000, { waitMs: 4000, ringMs: 2000, agentChannelId: "x" }, leg1),
      ev("call.queue_exited", T0 + 5000, { reason: "answered", waitMs: 4000 }, leg1),
      ev("call.transferred", t, { kind: "blind", toQueueId: "billing" }, leg1),
      ev("call.connection_cleared", t, { queuedAt: T0 + 1000, talkMs: 95_000, holdMs: 0, holdCount: 0, releasedBy: "transfer", transferred: true }, leg1),
      ev("call.queued", t, {}, { callId: "c5", queueId: "billing", legId: "c5.2" }),
    ];
    for (let seed = 1; seed <= 10; seed++) {
      const s = fold(reorderWithinMs(events, seed));
      expect(s.calls.get("c5")).toMatchObject({ state: "queued", queueId: "billing", legId: "c5.2", agentId: undefined });
      expect(view(s).queues.billing).toMatchObject({ waiting: 1, offered: 1 });
      expect(view(s).queues.support).toMatchObject({ waiting: 0, offered: 1, answered: 1 });
    }
  });

  it("counts abandons and short abandons, and the service level follows the queue's threshold", () => {
    const abandon = (id: string, waitMs: number, t: number) => [
      ev("call.queued", t, {}, { callId: id, queueId: "sales", legId: `${id}.1` }),
      ev("call.queue_exited", t + waitMs, { reason: "abandon", waitMs }, { callId: id, queueId: "sales", legId: `${id}.1` }),
      ev("call.cleared", t + waitMs, { durationMs: waitMs }, { callId: id }),
    ];
    const answered = (id: string, waitMs: number, t: number) => [
      ev("call.queued", t, {}, { callId: id, queueId: "sales", legId: `${id}.1` }),
      ev("call.queue_exited", t + waitMs, { reason: "answered", waitMs }, { callId: id, queueId: "sales", legId: `${id}.1`, agentId: "a1" }),
    ];
    const s = fold([
      ...abandon("x1", 3000, T0),
      ...abandon("x2", 40_000, T0),
      ...answered("y1", 10_000, T0),
      ...answered("y2", 25_000, T0),
      ...answered("y3", 20_000, T0),
    ]);
    const q = view(s).queues.sales;
    expect(q).toMatchObject({ offered: 5, answered: 3, abandoned: 2, shortAbandoned: 1 });
    // Default variant: answered within 20 s (inclusive) / answered.
    expect(q?.serviceLevel).toMatchObject({ numerator: 2, denominator: 3 });
    const strict = buildView(
      s,
      {
        queues: new Map([["sales", { id: "sales", name: "Sales", slThresholdS: 10, slVariant: "answered_within_over_answered_abandoned", shortAbandonS: 5 }]]),
        agents: new Map(),
      },
      new Map(),
      { version: 1, serverTime: 0, replay: false },
    );
    expect(strict.queues.sales?.serviceLevel).toMatchObject({ numerator: 1, denominator: 5, thresholdS: 10 });
    expect(strict.queues.sales?.name).toBe("Sales");
  });

  it("starts a new day's counters at local midnight, by event or by tick", () => {
    const late = Date.UTC(2026, 0, 5, 23, 59, 50);
    const s = fold([ev("call.queued", late, {}, { callId: "n1", queueId: "support", legId: "n1.1" })]);
    expect(view(s).queues.support).toMatchObject({ offered: 1, waiting: 1 });
    const ticked = tickFloor(s, Date.UTC(2026, 0, 6, 0, 0, 1));
    expect(view(ticked).queues.support).toMatchObject({ offered: 0, waiting: 1 });
    // The caller queued yesterday: answering today does not count for today (a contact belongs to the day it queued).
    const answered = reduceFloor(
      ticked,
      ev("call.queue_exited", Date.UTC(2026, 0, 6, 0, 0, 5), { reason: "answered", waitMs: 15_000 }, { callId: "n1", queueId: "support", legId: "n1.1", agentId: "a1" }),
    );
    expect(view(answered).queues.support).toMatchObject({ offered: 0, answered: 0, waiting: 0 });
    // A summer day in London starts at 23:00 UTC.
    const summer = emptyFloor(TZ, Date.UTC(2026, 6, 1, 12));
    expect(summer.day.start).toBe(Date.UTC(2026, 5, 30, 23));
  });

  it("forgets calls that never clear and agents stuck on them, but keeps idle agents", () => {
    const t = T0;
    const s = fold([
      ...logOn("a7", t, ["support"]),
      ...logOn("a8", t, ["support"]),
      ev("agent.busy", t + 1000, { previous: { state: "ready", since: t } }, { agentId: "a8", callId: "z1", legId: "z1.1", queueId: "support" }),
      ev("call.offered", t + 500, { from: "+441632960003", to: "+443069990102", direction: "inbound", channelId: "z1" }, { callId: "z1" }),
    ]);
    expect(s.calls.size).toBe(1);
    const later = tickFloor(s, t + CALL_STALE_MS + 2000);
    expect(later.calls.size).toBe(0);
    expect([...later.agents.keys()]).toEqual(["a7"]);
    expect(tickFloor(later, t + CALL_STALE_MS + 3000).agents.get("a7")).toMatchObject({ state: "ready" });
  });

  it("never changes its input", () => {
    const s = fold(agentOn);
    const snapshot = JSON.stringify(view(s));
    const agents = s.agents;
    applyEvents(s, call);
    tickFloor(s, T0 + 86_400_000);
    expect(JSON.stringify(view(s))).toBe(snapshot);
    expect(s.agents).toBe(agents);
    expect(s.agents.get("a1")?.state).toBe("ready");
  });
});
