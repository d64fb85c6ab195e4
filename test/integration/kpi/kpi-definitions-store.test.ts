import { describe, expect, it } from "vitest";
import { freshTenant, testStore } from "../helpers/store";
import { getAgentKpis, getKpiSeries, getKpiSummary, getQueueKpis } from "@/lib/kpi";
import { listContacts } from "@/lib/contacts/list-contacts";
import { MAIN_EXPECTED_COUNTS, S, Stream, insertEvents, insertQueue, mainScenario } from "./scenario";

const t0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const period = { from: t0, to: t0 + 3600 * S };
const DAY = 86_400 * S;

describe("per-queue definitions", () => {
  it("judges each contact by its own queue's latest settings, history included", async () => {
    const { ch } = await testStore();
    const tenantId = freshTenant("def");
    const s = mainScenario(tenantId, t0);
    // q2 (no queues row, so 20 s): c10 answered by a3 after 25 s, still connected
    s.answered({ callId: "c10", queueId: "q2", agentId: "a3", caller: "+447700900010", queuedAt: t0 + 300 * S, waitMs: 25 * S });
    await insertEvents(ch, s.events);

    // Defaults everywhere: answered within 20 s = c1 c6 c7 (q1) + none (q2) = 3, answered 4 + 1 = 5
    expect((await getKpiSummary(ch, { tenantId, ...period })).kpis.service_level.value).toBe(3 / 5);

    // q1 gets settings: 10 s threshold, 10 s short abandon, variant answered within / (answered + abandoned).
    await insertQueue(ch, {
      tenantId,
      queueId: "q1",
      name: "Sales (draft)",
      slThresholdS: 10,
      shortAbandonS: 10,
      slVariant: "answered_within_over_answered_abandoned",
      definitionVersion: 2,
      updatedAt: t0 - 2 * DAY,
    });
    const [draft] = await getQueueKpis(ch, { tenantId, ...period });
    // within 10 s: c1 (10) c7 (5) = 2 of 4 answered; abandoned c3 c4 = 2 -> 2 / (4 + 2)
    expect(draft).toMatchObject({ queueId: "q1", name: "Sales (draft)", configured: true, slThresholdS: 10, definitionVersion: 2 });
    expect(draft?.kpis.service_level).toMatchObject({ value: 2 / 6, numerator: 2, denominator: 6 });
    // short abandons now < 10 s: c3 (3 s) still the only one
    expect(draft?.counts.shortAbandoned).toBe(1);

    // A later change to 30 s / 2 s / (answered + abandoned) within T / offered applies to the same history.
    await insertQueue(ch, {
      tenantId,
      queueId: "q1",
      name: "Sales",
      slThresholdS: 30,
      shortAbandonS: 2,
      slVariant: "answered_abandoned_within_over_offered",
      definitionVersion: 3,
      updatedAt: t0 - DAY,
    });
    const [q1, q2] = await getQueueKpis(ch, { tenantId, ...period });
    // within 30 s: answered c1 (10) c2 (25) c6 (20) c7 (5) = 4, abandoned c3 (3) = 1 (c4 waited 40 s); offered 8
    expect(q1).toMatchObject({
      queueId: "q1",
      name: "Sales",
      configured: true,
      slThresholdS: 30,
      shortAbandonS: 2,
      slVariant: "answered_abandoned_within_over_offered",
      slVariantRecognised: true,
      definitionVersion: 3,
    });
    expect(q1?.counts).toMatchObject({ offered: 8, answeredWithin: 4, abandonedWithin: 1, shortAbandoned: 0 });
    expect(q1?.kpis.service_level).toMatchObject({ value: 5 / 8, numerator: 5, denominator: 8 });
    // no short abandons under 2 s any more: 2 abandoned / 8 offered either way
    expect(q1?.kpis.abandon_rate_excl_short.value).toBe(2 / 8);
    // q2 keeps the defaults: c10 waited 25 s > 20 s -> 0 / 1
    expect(q2).toMatchObject({ queueId: "q2", configured: false, slThresholdS: 20, slVariant: "answered_within_over_answered" });
    expect(q2?.kpis.service_level.value).toBe(0);

    // Overview across both queues with the view's variant, each contact by its own queue's threshold:
    // answered within = 4 (q1, 30 s) + 0 (q2, 20 s); answered = 5; abandoned 2; short 0; offered 9
    const overview = async (variant?: "answered_within_over_answered_abandoned_minus_short") =>
      (await getKpiSummary(ch, { tenantId, ...period, variant })).kpis.service_level.value;
    expect(await overview()).toBe(4 / 5);
    expect(await overview("answered_within_over_answered_abandoned_minus_short")).toBe(4 / (5 + 2 - 0));

    // The contact list reports the threshold each contact was judged by
    const list = await listContacts(ch, { tenantId, ...period, filter: "answered_within_sl", sort: "queued_at", direction: "asc" });
    expect(list.items.map((c) => [c.legId, c.slThresholdS])).toEqual([
      ["c1.1", 30],
      ["c2.1", 30],
      ["c6.1", 30],
      ["c7.1", 30],
    ]);

    // A queue filter scopes occupancy to the agents who answered there: a3 has no state time
    const onlyQ2 = await getKpiSummary(ch, { tenantId, ...period, queueIds: ["q2"] });
    expect(onlyQ2.counts).toMatchObject({ offered: 1, answered: 1, answeredWithin: 0, stateBusyMs: 0, stateReadyMs: 0 });
    expect(onlyQ2.kpis.occupancy.value).toBeNull();
    const onlyQ1 = await getKpiSummary(ch, { tenantId, ...period, queueIds: ["q1"] });
    expect(onlyQ1.counts).toMatchObject({ offered: 8, stateBusyMs: 380_000, stateAcwMs: 20_000, stateReadyMs: 1_705_000 });
  });
});

describe("repeated events", () => {
  it("change no KPI", async () => {
    const { ch } = await testStore();
    const tenantId = freshTenant("dup");
    const { events } = mainScenario(tenantId, t0);
    // Every event twice in one batch, then all of them again in a different order as a
    // second batch (a different block, so insert deduplication cannot drop it whole).
    await insertEvents(ch, [...events, ...events]);
    await insertEvents(ch, [...events].reverse());

    const summary = await getKpiSummary(ch, { tenantId, ...period });
    expect(summary.counts).toEqual(MAIN_EXPECTED_COUNTS);
    expect(summary.kpis.aht.value).toBe(400_000 / 3);
    expect(summary.kpis.occupancy.value).toBe(400 / 2105);

    const { agents } = await getAgentKpis(ch, { tenantId, ...period });
    expect(agents.map((a) => [a.agentId, a.handled, a.ahtMs, a.stateMs.ready, a.stateMs.not_ready])).toEqual([
      ["a1", 2, 97_500, 705_000, 2_700_000],
      ["a2", 1, 205_000, 1_000_000, 0],
    ]);
    expect((await listContacts(ch, { tenantId, ...period })).total).toBe(8);
    const series = await getKpiSeries(ch, { tenantId, ...period, interval: "15m" });
    expect(series.points.map((p) => p.counts.offered)).toEqual([6, 1, 1, 0]);
  });
});

describe("series in a time zone", () => {
  it("buckets days at local midnight across a DST change, as the prepare step does", async () => {
    const { ch } = await testStore();
    const tenantId = freshTenant("tz");
    const s = new Stream(tenantId);
    const at = [
      Date.UTC(2026, 2, 28, 23, 30), // Sat 23:30 GMT: Saturday in London and in UTC
      Date.UTC(2026, 2, 29, 22, 30), // Sun 23:30 BST: Sunday in London and in UTC
      Date.UTC(2026, 2, 29, 23, 30), // Mon 00:30 BST: Monday in London, still Sunday in UTC
    ];
    at.forEach((queuedAt, i) => s.unanswered({ callId: `d${i}`, queueId: "q1", caller: "+447700900100", queuedAt, waitMs: 10 * S, reason: "abandon" }));
    await insertEvents(ch, s.events);

    const london = await getKpiSeries(ch, { tenantId, from: Date.UTC(2026, 2, 28), to: Date.UTC(2026, 2, 30, 23), interval: "day", tz: "Europe/London" });
    expect(london.points.map((p) => [p.start, (p.end - p.start) / 3_600_000, p.counts.offered])).toEqual([
      [Date.UTC(2026, 2, 28), 24, 1],
      [Date.UTC(2026, 2, 29), 23, 1],
      [Date.UTC(2026, 2, 29, 23), 24, 1],
    ]);
    const utc = await getKpiSeries(ch, { tenantId, from: Date.UTC(2026, 2, 28), to: Date.UTC(2026, 2, 31), interval: "day", tz: "UTC" });
    expect(utc.points.map((p) => p.counts.offered)).toEqual([1, 2, 0]);

    // Sunday by the hour in London: 23 buckets, the 23:30 BST contact in the last (22:00Z)
    const hours = await getKpiSeries(ch, { tenantId, from: Date.UTC(2026, 2, 29), to: Date.UTC(2026, 2, 29, 23), interval: "hour", tz: "Europe/London" });
    expect(hours.points).toHaveLength(23);
    expect(hours.points.map((p) => p.counts.offered)).toEqual([...Array<number>(22).fill(0), 1]);
    expect(hours.points[22]?.start).toBe(Date.UTC(2026, 2, 29, 22));
  });
});
