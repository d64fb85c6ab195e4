import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import { ctiEventSchema } from "@/lib/events";
import { checkInvariants } from "./invariants";
import { countBy, DAY_MS, defaultConfig, MONDAY, simulate, variant } from "../unit/simulator/fixtures";

describe("simulated PBX events", () => {
  const day = simulate(defaultConfig(), 7, MONDAY, MONDAY + DAY_MS);

  it("all pass the published event schema", () => {
    const invalid = day.flatMap((e) => {
      const r = ctiEventSchema.safeParse(e);
      return r.success ? [] : [`${e.type}: ${r.error.message}`];
    });
    expect(invalid.slice(0, 5)).toEqual([]);
    // The schema strips unknown keys; the simulator should not be sending any.
    const changed = day.filter((e) => !isDeepStrictEqual(JSON.parse(JSON.stringify(ctiEventSchema.parse(e))), JSON.parse(JSON.stringify(e))));
    expect(changed.slice(0, 3)).toEqual([]);
  });

  it("cover every event type a queueing PBX produces", () => {
    const types = countBy(day, (e) => e.type);
    for (const t of [
      "call.offered",
      "call.queued",
      "call.delivered",
      "call.diverted",
      "call.established",
      "call.held",
      "call.retrieved",
      "call.transferred",
      "call.queue_exited",
      "call.connection_cleared",
      "call.cleared",
      "agent.logged_on",
      "agent.logged_off",
      "agent.ready",
      "agent.not_ready",
      "agent.working_after_call",
      "agent.busy",
    ])
      expect(types.get(t) ?? 0, t).toBeGreaterThan(0);
  });

  it.each([1, 2, 3])("keep every invariant over a weekday (seed %i)", (seed) => {
    const events = seed === 7 ? day : simulate(defaultConfig(), seed, MONDAY, MONDAY + DAY_MS);
    expect(checkInvariants(events, { complete: true })).toEqual([]);
  });

  it("keep every invariant over a weekend with a DST change, and from a mid-day start", () => {
    const saturday = Date.UTC(2026, 2, 28); // clocks go forward on Sunday 29 March in London
    expect(checkInvariants(simulate(defaultConfig(), 4, saturday, saturday + 2 * DAY_MS), { complete: true })).toEqual([]);
    expect(checkInvariants(simulate(defaultConfig(), 5, MONDAY + 10.25 * 3_600_000, MONDAY + DAY_MS), { complete: true })).toEqual([]);
  });

  it("keep every invariant when the centre is badly understaffed (long queues, timeouts, abandons while ringing)", () => {
    const stressed = variant((c) => {
      for (const t of c.teams) for (const s of t.shifts) s.count = Math.ceil(s.count / 3);
      for (const t of c.teams) for (const s of t.shifts) s.weekendCount = Math.min(s.weekendCount, s.count);
      for (const q of c.queues) q.maxWaitSeconds = 120;
      c.probabilities.ringNoAnswer = 0.2;
      c.distributions.ring = { kind: "lognormal", mean: 10, sd: 5 };
    });
    const events = simulate(stressed, 11, MONDAY, MONDAY + DAY_MS);
    expect(checkInvariants(events, { complete: true })).toEqual([]);
    const exits = countBy(
      events.filter((e) => e.type === "call.queue_exited"),
      (e) => (e.type === "call.queue_exited" ? e.data.reason : ""),
    );
    expect(exits.get("timeout") ?? 0).toBeGreaterThan(10);
    expect(exits.get("abandon") ?? 0).toBeGreaterThan(10);
  });

  it("look like Asterisk: uniqueid-style channel ids, one channel per agent leg, ids in raw", () => {
    const uniqueid = /^\d{10}\.\d+$/;
    for (const e of day) {
      if (e.type === "call.offered") {
        expect(e.callId).toMatch(uniqueid);
        expect(e.raw).toEqual({ uniqueid: e.callId, linkedid: e.callId });
        expect(Math.abs(Number(e.callId.split(".")[0]) - Math.floor(e.time / 1000))).toBeLessThanOrEqual(0);
      }
      if (e.type === "call.delivered") {
        expect(e.data.agentChannelId).toMatch(uniqueid);
        expect(e.data.agentChannelId).not.toBe(e.callId);
        expect(e.raw).toMatchObject({ uniqueid: e.data.agentChannelId, linkedid: e.callId });
      }
    }
    const channels = day.flatMap((e) => (e.type === "call.delivered" ? [e.data.agentChannelId] : e.type === "call.offered" ? [e.callId] : []));
    expect(new Set(channels).size).toBe(channels.length);
    const ids = day.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe("the invariant checker itself", () => {
  const events = simulate(defaultConfig(), 3, MONDAY, MONDAY + DAY_MS);

  it("reports a dropped queue exit, a broken agent chain and a wrong wait", () => {
    const exit = events.findIndex((e) => e.type === "call.queue_exited");
    expect(
      checkInvariants(
        events.filter((_, i) => i !== exit),
        { complete: true },
      ).join("\n"),
    ).toMatch(/never left its queue/);

    const chained = events.map((e) =>
      e.type === "agent.busy" && e.data.previous ? { ...e, data: { previous: { ...e.data.previous, since: e.data.previous.since - 1 } } } : e,
    );
    expect(checkInvariants(chained, { complete: true }).join("\n")).toMatch(/previous.since/);

    const waits = events.map((e) => (e.type === "call.established" ? { ...e, data: { ...e.data, waitMs: e.data.waitMs + 1 } } : e));
    expect(checkInvariants(waits, { complete: true }).join("\n")).toMatch(/waitMs/);
  });

  it("reports a segment's queue entry off by a millisecond, on a clear or on an agent's previous", () => {
    const clear = events.findIndex((e) => e.type === "call.connection_cleared");
    const offClear = events.map((e, i) => (i === clear && e.type === "call.connection_cleared" ? { ...e, data: { ...e.data, queuedAt: e.data.queuedAt + 1 } } : e));
    expect(checkInvariants(offClear, { complete: true }).join("\n")).toMatch(/connection_cleared .*queuedAt/);

    const acwEnd = events.findIndex((e) => e.type === "agent.ready" && e.data.previous?.legId !== undefined);
    const offPrevious = events.map((e, i) => {
      if (i !== acwEnd || e.type !== "agent.ready" || !e.data.previous?.queuedAt) return e;
      return { ...e, data: { previous: { ...e.data.previous, queuedAt: e.data.previous.queuedAt - 1 } } };
    });
    expect(checkInvariants(offPrevious, { complete: true }).join("\n")).toMatch(/agent\.ready .*\(previous\).*queuedAt/);
  });
});

describe("a segment's queue entry on the rows that end its handling", () => {
  it.each([
    ["a weekday", () => simulate(defaultConfig(), 7, MONDAY, MONDAY + DAY_MS)],
    [
      "an understaffed day with transfers, timeouts and rings that go unanswered",
      () =>
        simulate(
          variant((c) => {
            for (const t of c.teams) for (const s of t.shifts) s.count = Math.ceil(s.count / 3);
            for (const t of c.teams) for (const s of t.shifts) s.weekendCount = Math.min(s.weekendCount, s.count);
            c.probabilities.ringNoAnswer = 0.2;
          }),
          11,
          MONDAY,
          MONDAY + DAY_MS,
        ),
    ],
  ])("is the leg's queue_exited time minus waitMs on every connection_cleared and every previous with a legId (%s)", (_, run) => {
    const events = run();
    // Worked out here from the events alone, not with the checker the invariants use.
    const exitOf = new Map<string, { time: number; waitMs: number }>();
    for (const e of events) if (e.type === "call.queue_exited") exitOf.set(e.legId, { time: e.time, waitMs: e.data.waitMs });
    const wrong: string[] = [];
    let clears = 0;
    let previous = 0;
    for (const e of events) {
      let legId: string | undefined;
      let queuedAt: number | undefined;
      if (e.type === "call.connection_cleared") {
        clears++;
        legId = e.legId;
        queuedAt = e.data.queuedAt;
      } else if ("previous" in e.data && e.data.previous?.legId !== undefined) {
        previous++;
        legId = e.data.previous.legId;
        queuedAt = e.data.previous.queuedAt;
      } else continue;
      const exit = exitOf.get(legId);
      if (exit === undefined || queuedAt !== exit.time - exit.waitMs) wrong.push(`${e.type} ${legId}: ${queuedAt} vs ${exit ? exit.time - exit.waitMs : "no exit"}`);
    }
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(clears).toBeGreaterThan(100);
    expect(previous).toBeGreaterThan(clears); // busy -> ACW and ACW -> ready both name the leg
    // Transferred legs re-queue as a new leg: each keeps its own entry.
    expect(events.some((e) => e.type === "call.connection_cleared" && e.data.transferred)).toBe(true);
  });
});
