import { describe, expect, it } from "vitest";
import { freshTenant, testStore } from "../helpers/store";
import { ZERO_COUNTS, getAgentKpis, getKpiSeries, getKpiSummary, getQueueKpis } from "@/lib/kpi";
import { listContacts } from "@/lib/contacts/list-contacts";
import { MAIN_EXPECTED_COUNTS as expectedCounts, S, insertAgent, insertEvents, mainScenario } from "./scenario";

const t0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const period = { from: t0, to: t0 + 3600 * S };

describe("KPI engine on the embedded store", () => {
  it("computes the summary of a hand-made period", async () => {
    const { ch } = await testStore();
    const tenantId = freshTenant("kpi");
    await insertEvents(ch, mainScenario(tenantId, t0).events);

    const summary = await getKpiSummary(ch, { tenantId, ...period });
    expect(summary.counts).toEqual(expectedCounts);
    const v = Object.fromEntries(Object.entries(summary.kpis).map(([id, k]) => [id, k.value]));
    expect(v).toEqual({
      offered: 8,
      // every contact of the scenario has left its queue
      in_progress: 0,
      lost: 0,
      answered: 4,
      abandoned: 2,
      short_abandoned: 1,
      timed_out: 1,
      abandon_rate: 2 / 8,
      abandon_rate_excl_short: (2 - 1) / (8 - 1),
      asa: 60_000 / 4,
      avg_wait: 225_000 / 8,
      longest_wait: 120_000,
      service_level: 3 / 4,
      aht: (350_000 + 30_000 + 20_000) / 3,
      avg_talk: 350_000 / 3,
      avg_hold: 30_000 / 1,
      avg_acw: 20_000 / 3,
      transfer_rate: 1 / 3,
      occupancy: (380_000 + 20_000) / (380_000 + 20_000 + 1_705_000),
    });
    expect(summary.kpis.service_level).toEqual({ value: 0.75, numerator: 3, denominator: 4, version: 2 });
    expect(summary.kpis.offered).toEqual({ value: 8, version: 2 });

    // The other variants over the same contacts: 3/(4+2), 3/(4+2-1), (3+1)/8
    const sl = async (variant: Parameters<typeof getKpiSummary>[1]["variant"]) => (await getKpiSummary(ch, { tenantId, ...period, variant })).kpis.service_level.value;
    expect(await sl("answered_within_over_answered_abandoned")).toBe(0.5);
    expect(await sl("answered_within_over_answered_abandoned_minus_short")).toBe(0.6);
    expect(await sl("answered_abandoned_within_over_offered")).toBe(0.5);

    // Another tenant's data and an unknown queue are invisible
    expect((await getKpiSummary(ch, { tenantId: freshTenant("empty"), ...period })).counts).toEqual(ZERO_COUNTS);
    const none = await getKpiSummary(ch, { tenantId, ...period, queueIds: ["nope"] });
    expect(none.counts).toEqual(ZERO_COUNTS);
    expect(none.kpis.service_level.value).toBeNull();
  });

  it("breaks the period down per agent, team, queue, interval and contact", async () => {
    const { ch } = await testStore();
    const tenantId = freshTenant("kpi");
    await insertEvents(ch, mainScenario(tenantId, t0).events);
    await insertAgent(ch, { tenantId, agentId: "a1", name: "Alice", teamId: "blue" });
    await insertAgent(ch, { tenantId, agentId: "a2", name: "Bob", teamId: "blue" });

    const { agents, teams } = await getAgentKpis(ch, { tenantId, ...period });
    expect(agents.map((a) => a.agentId)).toEqual(["a1", "a2"]);
    const [a1, a2] = agents;
    // a1 handled c1 (90 talk + 30 hold + 15 ACW) and c6 (60 talk): 195 s over 2
    expect(a1).toMatchObject({
      name: "Alice",
      teamId: "blue",
      handled: 2,
      transferred: 0,
      transferRate: 0,
      ahtMs: 97_500,
      ahtSplit: { talkMs: 75_000, holdMs: 15_000, acwMs: 7_500 },
      stateMs: { ready: 705_000, not_ready: 2_700_000, busy: 180_000, after_call_work: 15_000 },
      notReadyMsByReason: { lunch: 2_700_000 },
      occupancy: (180 + 15) / (180 + 15 + 705),
    });
    // a2 handled c2 (200 talk + 5 ACW), transferred it; c7 is answered but not handled
    expect(a2).toMatchObject({
      name: "Bob",
      handled: 1,
      transferred: 1,
      transferRate: 1,
      ahtMs: 205_000,
      ahtSplit: { talkMs: 200_000, holdMs: 0, acwMs: 5_000 },
      stateMs: { ready: 1_000_000, not_ready: 0, busy: 200_000, after_call_work: 5_000 },
      notReadyMsByReason: {},
      occupancy: (200 + 5) / (200 + 5 + 1000),
    });
    expect(a2?.counts.answered).toBe(2);
    expect(teams).toHaveLength(1);
    expect(teams[0]).toMatchObject({
      teamId: "blue",
      agentCount: 2,
      handled: 3,
      ahtMs: 400_000 / 3,
      occupancy: 400 / 2105,
    });

    // No queues row: the defaults apply (20 s, answered within / answered)
    const queues = await getQueueKpis(ch, { tenantId, ...period });
    expect(queues).toHaveLength(1);
    expect(queues[0]).toMatchObject({
      queueId: "q1",
      name: "q1",
      configured: false,
      slThresholdS: 20,
      shortAbandonS: 5,
      slVariant: "answered_within_over_answered",
      definitionVersion: 0,
      counts: { ...expectedCounts, stateBusyMs: 0, stateAcwMs: 0, stateReadyMs: 0 },
    });
    expect(queues[0]?.kpis.service_level.value).toBe(0.75);
    expect(queues[0]?.kpis.occupancy.value).toBeNull();

    // Hourly over three hours: every contact entered in the first hour; the others are present and empty
    const series = await getKpiSeries(ch, { tenantId, from: t0, to: t0 + 3 * 3600 * S, interval: "hour", tz: "UTC" });
    expect(series.points.map((p) => p.start)).toEqual([t0, t0 + 3600 * S, t0 + 7200 * S]);
    expect(series.points.map((p) => p.counts.offered)).toEqual([8, 0, 0]);
    expect(series.points[0]?.counts).toEqual({ ...expectedCounts, stateBusyMs: 0, stateAcwMs: 0, stateReadyMs: 0 });
    expect(series.points[1]?.kpis.service_level.value).toBeNull();
    // 15-minute buckets: c1..c5 in 09:00, c6 (09:10) too, c7 (09:20) in 09:15, c9 (09:30) in 09:30
    const q = await getKpiSeries(ch, { tenantId, ...period, interval: "15m" });
    expect(q.points.map((p) => p.counts.offered)).toEqual([6, 1, 1, 0]);

    // "Explain" for service level: the answered-within contacts, longest wait first
    const page1 = await listContacts(ch, { tenantId, ...period, filter: "answered_within_sl", sort: "wait_ms", direction: "desc", limit: 2 });
    expect(page1.total).toBe(3);
    expect(page1.items.map((c) => [c.legId, c.waitMs, c.caller])).toEqual([
      ["c6.1", 20_000, "+447700900006"],
      ["c1.1", 10_000, "+447700900001"],
    ]);
    const page2 = await listContacts(ch, { tenantId, ...period, filter: "answered_within_sl", sort: "wait_ms", direction: "desc", limit: 2, offset: 2 });
    expect(page2.items.map((c) => c.legId)).toEqual(["c7.1"]);
    expect(page2.items[0]).toMatchObject({ handled: false, answeredAt: t0 + 1205 * S, clearedAt: null, handleMs: 0 });
    const past = await listContacts(ch, { tenantId, ...period, filter: "answered_within_sl", offset: 10 });
    expect(past).toMatchObject({ total: 3, items: [] });

    const held = await listContacts(ch, { tenantId, ...period, filter: "held" });
    expect(held.items).toEqual([
      {
        legId: "c1.1",
        callId: "c1",
        queueId: "q1",
        // The queue has no name row here, so its id stands in; the agent's name is the one inserted above.
        queueName: "q1",
        agentId: "a1",
        agentName: "Alice",
        caller: "+447700900001",
        queuedAt: t0,
        exitedAt: t0 + 10 * S,
        answeredAt: t0 + 10 * S,
        clearedAt: t0 + 130 * S,
        outcome: "answered",
        waitMs: 10_000,
        talkMs: 90_000,
        holdMs: 30_000,
        holdCount: 1,
        acwMs: 15_000,
        handleMs: 135_000,
        handled: true,
        transferred: false,
        withinSl: true,
        shortAbandon: false,
        slThresholdS: 20,
        shortAbandonS: 5,
        shortAbandonRule: "below",
        maxWaitS: 3600,
      },
    ]);
    const legs = async (filter: Parameters<typeof listContacts>[1]["filter"]) =>
      (await listContacts(ch, { tenantId, ...period, filter, sort: "queued_at", direction: "asc" })).items.map((c) => c.legId);
    expect(await legs("all")).toEqual(["c1.1", "c2.1", "c3.1", "c4.1", "c5.1", "c6.1", "c7.1", "c9.1"]);
    expect(await legs("short_abandon")).toEqual(["c3.1"]);
    expect(await legs("long_abandon")).toEqual(["c4.1"]);
    expect(await legs("timeout")).toEqual(["c5.1"]);
    expect(await legs("other_exit")).toEqual(["c9.1"]);
    expect(await legs("transferred")).toEqual(["c2.1"]);
    expect(await legs("handled")).toEqual(["c1.1", "c2.1", "c6.1"]);
    expect(await legs("answered_or_long_abandon")).toEqual(["c1.1", "c2.1", "c4.1", "c6.1", "c7.1"]);
    expect(await legs("within_sl")).toEqual(["c1.1", "c3.1", "c6.1", "c7.1"]);
    const a2Legs = await listContacts(ch, { tenantId, ...period, agentIds: ["a2"], sort: "queued_at", direction: "asc" });
    expect(a2Legs.items.map((c) => c.legId)).toEqual(["c2.1", "c7.1"]);
  });
});
